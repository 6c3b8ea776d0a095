// SPDX-License-Identifier: GPL-3.0-or-later
#include "connectionwatch.h"

#include "gatestate.h"
#include "requesthead.h"
#include "routetable.h"

#include <QTcpSocket>

namespace packetlens {

namespace {
constexpr qsizetype kMaxHeadBytes = 16 * 1024;
const QString kWatchName = QStringLiteral("packetlens-connection-watch");
} // namespace

ConnectionWatch::ConnectionWatch(QTcpSocket *socket, UploadGate *gate, std::shared_ptr<GateState> state)
    : QObject(socket), m_socket(socket), m_gate(gate), m_state(std::move(state))
{
    setObjectName(kWatchName);
    m_state->add(this);
    m_opened.start();
    m_phaseClock.start(); // the first head's deadline counts from here
    connect(m_socket, &QIODevice::readyRead, this, &ConnectionWatch::onReadyRead);
    connect(m_socket, &QAbstractSocket::disconnected, this, [this] {
        m_state->remove(this);
        if (!m_handedOver || m_phase == Phase::Closing)
            m_socket->deleteLater();
    });
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionWatch::onTimeout);
    pace();
    arm();
}

ConnectionWatch::~ConnectionWatch()
{
    m_state->remove(this);
}

ConnectionWatch *ConnectionWatch::of(QTcpSocket *socket)
{
    return socket ? static_cast<ConnectionWatch *>(socket->findChild<QObject *>(kWatchName, Qt::FindDirectChildrenOnly)) : nullptr;
}

UploadGate::Ticket ConnectionWatch::ticket() const
{
    return m_ticket;
}

void ConnectionWatch::onReadyRead()
{
    if (m_reemitting)
        return;
    if (m_phase == Phase::Closing) {
        drain();
        return;
    }
    QByteArray fresh;
    if (!m_handedOver) {
        // Nothing is consumed before the hand-over: the buffer holds the
        // whole stream so far; only its new part is fed.
        const QByteArray all = m_socket->peek(m_socket->bytesAvailable());
        fresh = all.mid(m_fed);
        m_fed = all.size();
    } else {
        // QHttpServer reads all that is buffered at each readyRead (after
        // this slot), and never more than its request is buffered: what is
        // available now arrived since.
        fresh = m_socket->peek(m_socket->bytesAvailable());
    }
    if (fresh.isEmpty() || !feed(fresh))
        return;
    if (!m_handedOver && m_phase != Phase::Head) {
        m_handedOver = true;
        if (m_gate)
            m_gate->handOver(m_socket); // may answer at once: the state below is current
    }
    m_upgraded = m_upgrade; // QHttpServer took the WebSocket upgrade: nothing more to watch
    pace();
    arm();
}

// Follows request boundaries through the bytes; false once refused.
bool ConnectionWatch::feed(const QByteArray &bytes)
{
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        switch (m_phase) {
        case Phase::Head:
            if (!feedHead(bytes, &pos))
                return false;
            break;
        case Phase::Body:
            feedBody(bytes, &pos);
            break;
        case Phase::Answering: // the next request's first bytes, held until the answer is out
            m_head.append(bytes.constData() + pos, bytes.size() - pos);
            pos = bytes.size();
            break;
        case Phase::Closing:
            return false;
        }
    }
    return true;
}

bool ConnectionWatch::feedHead(const QByteArray &bytes, qsizetype *pos)
{
    if (m_head.isEmpty() && !m_firstRequest)
        m_phaseClock.start(); // a kept-alive connection's next head: its deadline counts from here
    const qsizetype old = m_head.size();
    m_head.append(bytes.constData() + *pos, bytes.size() - *pos);
    const qsizetype end = m_head.indexOf("\r\n\r\n", std::max<qsizetype>(0, old - 3));
    if (end < 0) {
        *pos = bytes.size();
        if (m_head.size() > kMaxHeadBytes)
            return refuse(ApiResponse::error(ApiError::HeadersTooLarge, QStringLiteral("request head over 16 KiB")), 0);
        if (RequestHead::hasBareLineBreak(m_head))
            return refuse(ApiResponse::error(ApiError::BadRequest, QStringLiteral("bare CR or LF in the request head")), 0);
        return true;
    }
    m_headLen = end + 4;
    *pos += m_headLen - old;
    m_head.truncate(m_headLen);
    if (m_headLen > kMaxHeadBytes)
        return refuse(ApiResponse::error(ApiError::HeadersTooLarge, QStringLiteral("request head over 16 KiB")), 0);
    return headComplete();
}

void ConnectionWatch::feedBody(const QByteArray &bytes, qsizetype *pos)
{
    const qint64 take = std::min<qint64>(m_bodyLeft, bytes.size() - *pos);
    *pos += take;
    m_bodyLeft -= take;
    m_bodyReceived += take;
    m_lastByte.start();
    if (m_upload)
        m_credit -= take;
    if (m_bodyLeft == 0)
        requestComplete();
    else if (m_upload && m_credit == 0)
        askCredit();
}

// The refusal a head gets from its fields alone, if any.
std::optional<ApiResponse> ConnectionWatch::check(const RequestHead &h, const Route **route) const
{
    if (h.fields.size() > RequestHead::kMaxFields)
        return ApiResponse::error(ApiError::HeadersTooLarge, QStringLiteral("more than %1 header fields").arg(RequestHead::kMaxFields));
    const RouteMatch match = matchRoute(h.method, h.path);
    const auto denial = m_state->auth.check(match.route, h.value("host"), h.value("origin"), h.value("x-api-key"), h.value("authorization"));
    if (denial && denial->error == ApiError::Forbidden)
        return ApiResponse::error(denial->error, denial->message);
    if (!match.route) {
        if (!match.pathKnown)
            return ApiResponse::error(ApiError::UnknownRoute, QStringLiteral("no route %1").arg(h.path));
        ApiResponse r = ApiResponse::error(ApiError::MethodNotAllowed, QStringLiteral("%1 takes %2").arg(h.path, QString::fromLatin1(match.allowed)));
        r.headers.append({"Allow", match.allowed});
        return r;
    }
    if (denial)
        return ApiResponse::error(denial->error, denial->message);
    if (h.chunked)
        return ApiResponse::error(ApiError::LengthRequired, QStringLiteral("send the body with a Content-Length (no Transfer-Encoding)"));
    const qint64 limit = match.route->takesUpload ? m_state->limits.maxUploadBytes : kMaxSmallBody;
    if (h.contentLength > limit)
        return ApiResponse::error(ApiError::PayloadTooLarge,
                                  QStringLiteral("Content-Length %1 is over the limit of %2 bytes").arg(h.contentLength).arg(limit));
    *route = match.route;
    return std::nullopt;
}

// One complete head in m_head: accept (and read its body) or refuse.
bool ConnectionWatch::headComplete()
{
    m_requestStarted.start();
    RequestHead h;
    QString why;
    if (!RequestHead::parse(m_head, &h, &why))
        return refuse(ApiResponse::error(ApiError::BadRequest, why), 0);
    m_method = h.method;
    m_path = h.path;
    // A client that waits for 100 Continue sends no body after a refusal.
    const qint64 declared = h.expectContinue ? 0 : h.contentLength;
    const Route *route = nullptr;
    if (auto refusal = check(h, &route))
        return refuse(*refusal, declared);
    m_keyed = m_keyed || route->needsKey; // the key was checked
    m_upgrade = route->id == RouteId::LiveSocket && h.value("upgrade").toLower() == "websocket";
    m_closeAfterAnswer = h.closeAfterAnswer;
    m_ticket.reset(); // QHttpServer drops the previous request when it starts on this one
    m_upload = false;
    if (route->takesUpload && h.contentLength > 0 && !admitUpload(h))
        return refuse(ApiResponse::error(ApiError::UploadsBusy,
                                         QStringLiteral("%1 bytes of uploads are held in memory; try again shortly").arg(m_state->inFlight())),
                      declared);
    m_head.clear();
    m_bodyLeft = h.contentLength;
    m_bodyReceived = 0;
    if (h.expectContinue && h.contentLength > 0)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    if (m_bodyLeft == 0) {
        requestComplete();
        return true;
    }
    m_phase = Phase::Body;
    m_bodyActiveMs = 0;
    m_bodyRun.start();
    m_lastByte.start();
    return true;
}

bool ConnectionWatch::admitUpload(const RequestHead &h)
{
    const qint64 first = std::min(h.contentLength, m_state->chunk());
    if (!m_state->admitUpload(first, &m_uploadOrder))
        return false;
    m_ticket = std::make_shared<UploadCharge>();
    m_ticket->state = m_state;
    m_ticket->bytes = first;
    m_credit = first;
    m_upload = true;
    return true;
}

void ConnectionWatch::requestComplete()
{
    m_phase = Phase::Answering;
    if (m_upload)
        m_state->bodyDone(this);
    m_head.clear();
}

qint64 ConnectionWatch::creditWanted() const
{
    return std::min(m_bodyLeft - m_credit, m_state->chunk());
}

void ConnectionWatch::askCredit()
{
    const qint64 g = m_state->ask(this, creditWanted());
    if (g > 0) {
        m_ticket->bytes += g;
        m_credit += g;
        return;
    }
    // Waiting for room is the server's doing: the body's clocks stop.
    m_bodyActiveMs = bodyActiveMs();
    m_bodyRun.invalidate();
}

void ConnectionWatch::credit(qint64 bytes)
{
    m_ticket->bytes += bytes;
    m_credit += bytes;
    m_bodyRun.start();
    m_lastByte.start();
    pace();
    arm();
}

void ConnectionWatch::answerWritten(bool close)
{
    if (m_phase == Phase::Closing)
        return;
    // An answer to a request this watch has not seen complete: QHttpServer
    // read the stream otherwise; nothing more on this connection is trusted.
    if (close || m_closeAfterAnswer || m_phase != Phase::Answering) {
        startClosing(0);
        return;
    }
    // Kept alive: the next request may come (its first byte may be here).
    m_phase = Phase::Head;
    m_firstRequest = false;
    m_phaseClock.start();
    pace();
    arm();
}

int ConnectionWatch::evictionRank() const
{
    if (m_phase == Phase::Answering || (m_phase == Phase::Body && m_keyed))
        return -1; // being answered, or a client with the key sending a body
    if (m_phase == Phase::Closing)
        return 1;
    QByteArray ahead;
    const bool idle = m_phase == Phase::Head && m_head.isEmpty() && aheadInKernel(1, &ahead) == 0;
    if (!m_keyed)
        return idle ? 0 : 2;
    return 3; // a client that showed the key, between requests
}

void ConnectionWatch::evict()
{
    m_state->remove(this);
    m_phase = Phase::Closing;
    m_timer.stop();
    m_ticket.reset();
    m_socket->abort();
}

} // namespace packetlens
