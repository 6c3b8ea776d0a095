#include "uploadgate.h"

#include "requesthead.h"
#include "routetable.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <sys/socket.h>

namespace packetlens {

namespace {
constexpr qsizetype kMaxHeadBytes = 16 * 1024;
constexpr qint64 kMaxDrainBytes = 16ll << 20; // read and dropped after a refusal
constexpr int kLingerMs = 2000;
const QString kWatchName = QStringLiteral("packetlens-connection-watch");

struct UploadTicket
{
    std::shared_ptr<std::atomic<qint64>> inFlight;
    qint64 bytes = 0;
    ~UploadTicket() { inFlight->fetch_sub(bytes); }
};
} // namespace

struct GateState
{
    UploadGate::Limits limits;
    ApiAuth auth;
    std::shared_ptr<std::atomic<qint64>> inFlight = std::make_shared<std::atomic<qint64>>(0);
    int connections = 0;
};

// Watches one connection for as long as it lives: parses every request head
// in the byte stream (QHttpServer reads the same bytes after it) and refuses
// what must not be read.
class ConnectionWatch : public QObject
{
public:
    ConnectionWatch(QTcpSocket *socket, UploadGate *gate, std::shared_ptr<GateState> state)
        : QObject(socket), m_socket(socket), m_gate(gate), m_state(std::move(state))
    {
        setObjectName(kWatchName);
        ++m_state->connections;
        m_socket->setReadBufferSize(kMaxHeadBytes + 4096); // until handed over
        connect(m_socket, &QIODevice::readyRead, this, &ConnectionWatch::onReadyRead);
        connect(m_socket, &QAbstractSocket::disconnected, this, [this] {
            if (!m_handedOver || m_closing)
                m_socket->deleteLater();
        });
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &ConnectionWatch::onTimeout);
        m_timer.start(m_state->limits.connections.headTimeoutMs);
        m_started.start();
    }
    ~ConnectionWatch() override { --m_state->connections; }

    UploadGate::Ticket ticket() const { return m_ticket; }
    QElapsedTimer started() const { return m_started; }
    void hold(bool on)
    {
        m_pending += on ? 1 : -1;
        if (!on && m_pending == 0 && m_head.isEmpty() && m_bodyLeft == 0 && !m_closing)
            m_timer.start(m_state->limits.connections.idleTimeoutMs);
    }

private:
    void onReadyRead()
    {
        if (m_reemitting)
            return;
        if (m_closing) {
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
            // QHttpServer reads everything at each readyRead (it is called
            // after this slot): what is available now arrived since.
            fresh = m_socket->peek(m_socket->bytesAvailable());
        }
        if (!feed(fresh))
            return;
        if (!m_handedOver && m_accepted) {
            m_handedOver = true;
            m_socket->setReadBufferSize(0); // QHttpServer keeps a request in the buffer until complete
            if (m_gate)
                m_gate->handOver(m_socket);
        }
        const bool midRequest = !m_head.isEmpty() || m_bodyLeft > 0;
        if (midRequest)
            m_timer.start(m_handedOver ? m_state->limits.connections.stalledTimeoutMs : m_state->limits.connections.headTimeoutMs);
        else if (m_pending == 0)
            m_timer.start(m_state->limits.connections.idleTimeoutMs);
        else
            m_timer.stop();
    }

    // Follows request boundaries through the bytes; false once refused.
    bool feed(const QByteArray &bytes)
    {
        qsizetype pos = 0;
        while (pos < bytes.size()) {
            if (m_bodyLeft > 0) {
                const qint64 take = std::min<qint64>(m_bodyLeft, bytes.size() - pos);
                m_bodyLeft -= take;
                pos += take;
                continue;
            }
            const qsizetype old = m_head.size();
            m_head.append(bytes.constData() + pos, bytes.size() - pos);
            const qsizetype end = m_head.indexOf("\r\n\r\n", std::max<qsizetype>(0, old - 3));
            if (end < 0) {
                pos = bytes.size();
                if (m_head.size() > kMaxHeadBytes)
                    return refuse(ApiResponse::error(ApiError::HeadersTooLarge, QStringLiteral("request head over 16 KiB")));
                if (RequestHead::hasBareLineBreak(m_head))
                    return refuse(ApiResponse::error(ApiError::BadRequest, QStringLiteral("bare CR or LF in the request head")));
                break;
            }
            const qsizetype headLen = end + 4;
            pos += headLen - old;
            m_head.truncate(headLen);
            if (headLen > kMaxHeadBytes)
                return refuse(ApiResponse::error(ApiError::HeadersTooLarge, QStringLiteral("request head over 16 KiB")));
            if (!admit())
                return false;
            m_head.clear();
        }
        return true;
    }

    // One complete request head: accept (and count its body) or refuse.
    bool admit()
    {
        m_started.restart();
        RequestHead h;
        QString why;
        if (!RequestHead::parse(m_head, &h, &why))
            return refuse(ApiResponse::error(ApiError::BadRequest, why));
        m_method = h.method;
        m_path = h.path;
        const RouteMatch match = matchRoute(h.method, h.path);
        const auto denial = m_state->auth.check(match.route, h.value("host"), h.value("origin"), h.value("x-api-key"),
                                                h.value("authorization"));
        if (denial && denial->error == ApiError::Forbidden)
            return refuse(ApiResponse::error(denial->error, denial->message));
        if (!match.route) {
            if (!match.pathKnown)
                return refuse(ApiResponse::error(ApiError::UnknownRoute, QStringLiteral("no route %1").arg(h.path)));
            ApiResponse r = ApiResponse::error(ApiError::MethodNotAllowed,
                                               QStringLiteral("%1 takes %2").arg(h.path, QString::fromLatin1(match.allowed)));
            r.headers.append({"Allow", match.allowed});
            return refuse(r);
        }
        if (denial)
            return refuse(ApiResponse::error(denial->error, denial->message));
        if (h.chunked)
            return refuse(ApiResponse::error(ApiError::LengthRequired, QStringLiteral("send the body with a Content-Length (no Transfer-Encoding)")));
        const UploadGate::Limits &lim = m_state->limits;
        const qint64 limit = match.route->takesUpload ? lim.maxUploadBytes : kMaxSmallBody;
        if (h.contentLength > limit)
            return refuse(ApiResponse::error(ApiError::PayloadTooLarge, QStringLiteral("Content-Length %1 is over the limit of %2 bytes")
                                                                            .arg(h.contentLength).arg(limit)));
        std::shared_ptr<UploadTicket> ticket;
        if (match.route->takesUpload && h.contentLength > 0) {
            // A single upload larger than the budget is let in when it is alone.
            const qint64 now = m_state->inFlight->load();
            if (now > 0 && now + h.contentLength > lim.maxInFlightUploadBytes)
                return refuse(ApiResponse::error(ApiError::UploadsBusy,
                                                 QStringLiteral("%1 bytes of uploads are being received; try again shortly").arg(now)));
            m_state->inFlight->fetch_add(h.contentLength);
            ticket = std::make_shared<UploadTicket>();
            ticket->inFlight = m_state->inFlight;
            ticket->bytes = h.contentLength;
        }
        // QHttpServer drops the previous request when it starts on this one.
        m_ticket = ticket;
        m_bodyLeft = h.contentLength;
        if (h.expectContinue && h.contentLength > 0)
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        m_accepted = true;
        return true;
    }

    bool refuse(ApiResponse r)
    {
        m_closing = true;
        m_timer.stop();
        m_ticket.reset();
        if (m_handedOver) {
            // Take the socket back from QHttpServer: it must not read this request.
            QObject::disconnect(m_socket, &QIODevice::readyRead, nullptr, nullptr);
            connect(m_socket, &QIODevice::readyRead, this, &ConnectionWatch::drain);
            if (m_socket->isTransactionStarted())
                m_socket->commitTransaction();
        }
        r.closeConnection = true;
        m_socket->write(r.toHttp());
        if (m_gate)
            emit m_gate->answered(m_method, m_path.isEmpty() ? QStringLiteral("?") : m_path, r.status, m_started.elapsed());
        // Lingering close: once the answer is out, stop sending, read and drop
        // what the client still sends for a moment (closing with unread data
        // would reset the connection and could lose the answer), then close.
        m_socket->setReadBufferSize(0);
        connect(m_socket, &QIODevice::bytesWritten, this, &ConnectionWatch::shutdownWhenSent);
        shutdownWhenSent();
        QTimer::singleShot(kLingerMs, this, [this] { m_socket->abort(); });
        drain();
        return false;
    }

    void shutdownWhenSent()
    {
        if (!m_shutdown && m_socket->bytesToWrite() == 0 && m_socket->state() == QAbstractSocket::ConnectedState) {
            m_shutdown = true;
            ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
        }
    }

    void drain()
    {
        const qint64 n = m_socket->bytesAvailable();
        m_socket->skip(n);
        m_drained += n;
        if (m_drained > kMaxDrainBytes)
            m_socket->abort();
    }

    void onTimeout()
    {
        if (m_closing)
            return;
        if (m_pending > 0 && m_head.isEmpty() && m_bodyLeft == 0)
            return; // an answer is on its way
        m_closing = true;
        if (!m_handedOver)
            m_socket->abort();
        else
            m_socket->disconnectFromHost();
    }

    QTcpSocket *m_socket;
    QPointer<UploadGate> m_gate;
    std::shared_ptr<GateState> m_state;
    QTimer m_timer;
    QElapsedTimer m_started;
    QByteArray m_head, m_method;
    QString m_path;
    qint64 m_bodyLeft = 0;
    qint64 m_fed = 0;
    qint64 m_drained = 0;
    int m_pending = 0;
    bool m_handedOver = false, m_accepted = false, m_closing = false, m_reemitting = false, m_shutdown = false;
    std::shared_ptr<UploadTicket> m_ticket;

    friend class UploadGate;
};

UploadGate::UploadGate(const Limits &limits, QObject *parent)
    : QTcpServer(parent), m_state(std::make_shared<GateState>())
{
    m_state->limits = limits;
}

void UploadGate::setAuth(const ApiAuth &auth)
{
    m_state->auth = auth;
}

UploadGate::~UploadGate() = default;

qint64 UploadGate::inFlightBytes() const
{
    return m_state->inFlight->load();
}

int UploadGate::connections() const
{
    return m_state->connections;
}

namespace {
ConnectionWatch *watchOf(QTcpSocket *socket)
{
    return socket ? static_cast<ConnectionWatch *>(socket->findChild<QObject *>(kWatchName, Qt::FindDirectChildrenOnly)) : nullptr;
}
} // namespace

UploadGate::Ticket UploadGate::ticketOf(QTcpSocket *socket)
{
    const ConnectionWatch *w = watchOf(socket);
    return w ? w->ticket() : nullptr;
}

QElapsedTimer UploadGate::startedOf(QTcpSocket *socket)
{
    const ConnectionWatch *w = watchOf(socket);
    if (w)
        return w->started();
    QElapsedTimer t;
    t.start();
    return t;
}

void UploadGate::holdOpen(QTcpSocket *socket, bool hold)
{
    if (ConnectionWatch *w = watchOf(socket))
        w->hold(hold);
}

void UploadGate::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (m_state->connections >= m_state->limits.connections.maxConnections) {
        ApiResponse r = ApiResponse::error(ApiError::QueueFull, QStringLiteral("too many connections"));
        r.closeConnection = true;
        socket->write(r.toHttp());
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        return;
    }
    new ConnectionWatch(socket, this, m_state);
}

void UploadGate::handOver(QTcpSocket *socket)
{
    addPendingConnection(socket);
    emit newConnection(); // QHttpServer takes it and connects its readyRead after ours
    // The request is in the buffer already: let QHttpServer read it now.
    ConnectionWatch *w = watchOf(socket);
    w->m_reemitting = true;
    emit socket->readyRead();
    if ((w = watchOf(socket)))
        w->m_reemitting = false;
}

} // namespace packetlens
