// SPDX-License-Identifier: GPL-3.0-or-later
// ConnectionWatch: how much Qt may read (pace), the deadlines (arm), and the
// lingering close.
#include "connectionwatch.h"

#include "gatestate.h"

#include <QTcpSocket>

#include <sys/socket.h>

#include <limits>

namespace packetlens {

namespace {
constexpr qsizetype kMaxHeadBytes = 16 * 1024; // as in connectionwatch.cpp
constexpr qint64 kMaxExtraDrainBytes = 16ll << 20; // read and dropped beyond a refused body
// Not a time: a deadline 1 ms past is -1, which must not read as "none".
constexpr qint64 kNoDeadline = std::numeric_limits<qint64>::min();
constexpr int kLingerIdleMs = 2000; // closing: how long the client may stay silent
constexpr qint64 kDrainBlock = 16 * 1024;
} // namespace

// Qt reads from the kernel only until its buffer holds readBufferSize bytes;
// the buffer holds the request being read (QHttpServer keeps it until it is
// complete), so the window is counted from the request's first byte.
void ConnectionWatch::pace()
{
    if (m_upgraded) { // a WebSocket: its frames are read as they come (the client bounds its messages)
        m_socket->setReadBufferSize(0);
        return;
    }
    qint64 window = 1;
    switch (m_phase) {
    case Phase::Head: {
        // What has arrived of the head may be read, not a byte past its end.
        QByteArray ahead;
        aheadInKernel(kMaxHeadBytes + 4 - m_head.size(), &ahead);
        qint64 more = 1; // nothing yet: a byte, to be told when it comes
        if (!ahead.isEmpty()) {
            const qsizetype kept = std::min<qsizetype>(3, m_head.size());
            const qsizetype end = (m_head.right(kept) + ahead).indexOf("\r\n\r\n");
            more = end >= 0 ? end + 4 - kept : ahead.size();
        }
        window = m_head.size() + more;
        break;
    }
    case Phase::Body:
        window = m_headLen + m_bodyReceived + (m_upload ? m_credit : m_bodyLeft);
        break;
    case Phase::Answering:
        // Until the answer is out nothing more is read; QHttpServer drops
        // the request from the buffer once it has it, so a byte of the next
        // request may come in (and is held).
        window = std::max<qint64>(1, m_head.size());
        break;
    case Phase::Closing:
        return; // read and dropped a block at a time
    }
    if (window != m_socket->readBufferSize())
        m_socket->setReadBufferSize(std::max<qint64>(1, window));
}

qint64 ConnectionWatch::aheadInKernel(qint64 max, QByteArray *out) const
{
    out->resize(std::max<qint64>(max, 0));
    const ssize_t n = max > 0 ? ::recv(int(m_socket->socketDescriptor()), out->data(), size_t(max), MSG_PEEK | MSG_DONTWAIT) : 0;
    out->resize(n > 0 ? n : 0);
    return out->size();
}

qint64 ConnectionWatch::bodyActiveMs() const
{
    return m_bodyActiveMs + (m_bodyRun.isValid() ? m_bodyRun.elapsed() : 0);
}

// Time left until the phase's deadline (<= 0: passed), or kNoDeadline.
qint64 ConnectionWatch::msLeft() const
{
    const ConnectionLimits &lim = m_state->limits.connections;
    switch (m_phase) {
    case Phase::Head:
        if (m_head.isEmpty() && !m_firstRequest)
            return lim.idleTimeoutMs - m_phaseClock.elapsed();
        return lim.headTimeoutMs - m_phaseClock.elapsed();
    case Phase::Body: {
        if (!m_bodyRun.isValid())
            return kNoDeadline; // waiting for the upload budget
        const qint64 stall = lim.stalledTimeoutMs - m_lastByte.elapsed();
        if (lim.minBodyBytesPerSecond <= 0)
            return stall;
        const qint64 rate = lim.bodyGraceMs + m_bodyReceived * 1000 / lim.minBodyBytesPerSecond - bodyActiveMs();
        return std::min(stall, rate);
    }
    case Phase::Answering:
        return kNoDeadline;
    case Phase::Closing:
        return std::min<qint64>(lim.lingerMs - m_phaseClock.elapsed(), kLingerIdleMs - m_lastByte.elapsed());
    }
    return kNoDeadline;
}

void ConnectionWatch::arm()
{
    const qint64 left = m_upgraded ? kNoDeadline : msLeft();
    if (left == kNoDeadline)
        m_timer.stop();
    else
        m_timer.start(int(std::clamp<qint64>(left, 0, INT_MAX)));
}

// Bytes wait in the kernel at a deadline: put it off while the event loop
// reads them, but not when it has run a few times and read nothing more of
// the body (bytes Qt will not read cannot keep a stalled connection open).
bool ConnectionWatch::aheadStuck()
{
    if (m_phase != Phase::Body)
        return false;
    if (m_bodyReceived != m_aheadMark) {
        m_aheadMark = m_bodyReceived;
        m_aheadWaits = 0;
        return false;
    }
    return ++m_aheadWaits > 3;
}

void ConnectionWatch::onTimeout()
{
    const qint64 left = msLeft();
    if (left == kNoDeadline || left > 0) { // a timer may fire early
        arm();
        return;
    }
    const ConnectionLimits &lim = m_state->limits.connections;
    QByteArray ahead;
    const bool lingeredLongEnough = m_phase == Phase::Closing && m_phaseClock.elapsed() >= lim.lingerMs;
    if ((m_phase == Phase::Body || m_phase == Phase::Closing) && !lingeredLongEnough && aheadInKernel(1, &ahead) > 0
        && !aheadStuck()) {
        m_timer.start(10); // bytes came while this thread was busy: they count, read them first
        return;
    }
    switch (m_phase) {
    case Phase::Head:
        if (m_head.isEmpty())
            startClosing(0); // idle: closed without a word
        else
            refuse(ApiResponse::error(ApiError::RequestTimeout, QStringLiteral("request head not complete within %1 ms").arg(lim.headTimeoutMs)), 0);
        return;
    case Phase::Body:
        if (m_lastByte.elapsed() >= lim.stalledTimeoutMs)
            refuse(ApiResponse::error(ApiError::RequestTimeout, QStringLiteral("no bytes of the request body for %1 ms").arg(lim.stalledTimeoutMs)), 0);
        else
            refuse(ApiResponse::error(ApiError::RequestTimeout, QStringLiteral("request body too slow: %1 bytes in %2 ms (at least %3 bytes/s)")
                                                                     .arg(m_bodyReceived).arg(bodyActiveMs()).arg(lim.minBodyBytesPerSecond)),
                   0);
        return;
    case Phase::Answering:
        return;
    case Phase::Closing:
        m_socket->abort();
        return;
    }
}

bool ConnectionWatch::refuse(ApiResponse r, qint64 bodyToDrain)
{
    r.closeConnection = true;
    m_socket->write(r.toHttp());
    if (m_gate)
        emit m_gate->answered(m_method.isEmpty() ? QByteArray("?") : m_method, m_path.isEmpty() ? QStringLiteral("?") : m_path, r.status,
                              m_requestStarted.isValid() ? m_requestStarted.elapsed() : 0);
    startClosing(bodyToDrain);
    return false;
}

// Lingering close: the answer goes out; what the client still sends is read
// and dropped (closing with unread data would reset the connection and
// could lose the answer) — a declared body up to its end before we stop
// sending, then until the client closes or stays silent.
void ConnectionWatch::startClosing(qint64 bodyToDrain)
{
    m_phase = Phase::Closing;
    m_state->bodyDone(this); // its charge stays until the socket goes: QHttpServer holds the body until then
    if (m_handedOver) {
        // Take the socket back from QHttpServer: it must not read any more.
        QObject::disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
        connect(m_socket, &QIODevice::readyRead, this, &ConnectionWatch::drain);
        if (m_socket->isTransactionStarted())
            m_socket->commitTransaction();
    }
    m_drainLeft = bodyToDrain;
    m_drainCap = bodyToDrain + kMaxExtraDrainBytes;
    m_drained = 0;
    m_phaseClock.start();
    m_lastByte.start();
    // Read and dropped a block at a time: Qt reuses one buffer of its basic
    // size (16 KiB) instead of allocating for each read.
    m_socket->setReadBufferSize(kDrainBlock);
    connect(m_socket, &QIODevice::bytesWritten, this, &ConnectionWatch::shutdownWhenSent);
    shutdownWhenSent();
    drain();
    arm();
}

void ConnectionWatch::shutdownWhenSent()
{
    if (!m_shutdown && m_drainLeft == 0 && m_socket->bytesToWrite() == 0 && m_socket->state() == QAbstractSocket::ConnectedState) {
        m_shutdown = true;
        ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    }
}

void ConnectionWatch::drain()
{
    const qint64 n = m_socket->bytesAvailable();
    if (n <= 0)
        return;
    m_socket->skip(n);
    m_drained += n;
    m_drainLeft = std::max<qint64>(0, m_drainLeft - n);
    m_lastByte.start();
    if (m_drained > m_drainCap) {
        m_socket->abort();
        return;
    }
    shutdownWhenSent();
}

} // namespace packetlens
