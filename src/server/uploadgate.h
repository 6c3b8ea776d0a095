#pragma once

#include "apiauth.h"
#include "connectionlimits.h"

#include <QElapsedTimer>
#include <QTcpServer>

#include <atomic>
#include <memory>

class QTcpSocket;

namespace packetlens {

struct GateState;

// The listening socket of the REST server. Qt 6.4's QHttpServer reads a
// whole request into memory before any handler runs, so every connection is
// watched here first: each request head (also later ones on a kept-alive
// connection) is parsed and checked — Host, Origin, route, method, API key,
// Content-Length against the upload limit, the bytes of uploads being
// received at once — and answered from the headers alone when refused,
// before its body is read. Accepted connections are handed to QHttpServer
// (QAbstractHttpServer::bind() takes this server). Also answers
// "Expect: 100-continue", which 6.4 ignores.
class UploadGate : public QTcpServer
{
    Q_OBJECT
public:
    struct Limits
    {
        qint64 maxUploadBytes = 1ll << 30;
        qint64 maxInFlightUploadBytes = 512ll << 20;
        ConnectionLimits connections;
    };
    explicit UploadGate(const Limits &limits, QObject *parent = nullptr);
    ~UploadGate() override;
    // Set once listening (the Host check needs the port).
    void setAuth(const ApiAuth &auth);

    qint64 inFlightBytes() const;
    int connections() const;

    // The upload bytes one request holds in memory: released when the last
    // holder (the connection, the job storing it) lets go.
    using Ticket = std::shared_ptr<void>;
    // For the request QHttpServer is handling on socket: its ticket (null when
    // it is no upload) and when its head arrived.
    static Ticket ticketOf(QTcpSocket *socket);
    static QElapsedTimer startedOf(QTcpSocket *socket);
    // An answer is being prepared off the server thread: keep the connection.
    static void holdOpen(QTcpSocket *socket, bool hold);

signals:
    // A request answered here (refused from its headers).
    void answered(const QByteArray &method, const QString &path, int status, qint64 ms);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    friend class ConnectionWatch;
    void handOver(QTcpSocket *socket);

    std::shared_ptr<GateState> m_state;
};

} // namespace packetlens
