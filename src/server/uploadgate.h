// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apiauth.h"

#include <QElapsedTimer>
#include <QTcpServer>

#include <memory>

class QTcpSocket;

namespace packetlens {

class GateState;

// A listening socket of the REST server. Qt 6.4's QHttpServer reads a whole
// request into memory before any handler runs, so every connection is
// watched here first (ConnectionWatch): each request head is checked and
// refused from the headers alone before its body is read, QHttpServer is
// given one request at a time, and slow or idle clients are timed out.
// Accepted connections are handed to QHttpServer (QAbstractHttpServer::bind()
// takes this server). The gates of one server (IPv4 and IPv6 loopback)
// share one GateState: one connection limit, one upload budget.
//
// At the connection limit a new connection closes the one that matters
// least: an idle one without the key, one closing after its answer, one
// without the key still sending its head (the oldest first), then an idle
// one of a client with the key. Connections being answered or receiving a
// keyed upload are never closed: clients with the key are not starved by
// clients without it. Only when all are of that kind is the new one
// answered 503.
class UploadGate : public QTcpServer
{
    Q_OBJECT
public:
    explicit UploadGate(std::shared_ptr<GateState> state, QObject *parent = nullptr);
    ~UploadGate() override;

    // The upload bytes one request holds in memory: released when the last
    // holder (the connection, the answer being prepared) lets go.
    using Ticket = std::shared_ptr<void>;
    // For the request QHttpServer is handling on socket: its ticket (null when
    // it is no upload), when its head arrived, whether the client asked to
    // close after the answer (Connection: close, HTTP/1.0).
    static Ticket ticketOf(QTcpSocket *socket);
    static QElapsedTimer startedOf(QTcpSocket *socket);
    static bool closeRequested(QTcpSocket *socket);
    // The answer to that request is written: the connection closes (close)
    // or reads the next request.
    static void answerWritten(QTcpSocket *socket, bool close);

signals:
    // A request answered here (refused from its headers, or timed out).
    void answered(const QByteArray &method, const QString &path, int status, qint64 ms);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    friend class ConnectionWatch;
    void handOver(QTcpSocket *socket);

    std::shared_ptr<GateState> m_state;
};

} // namespace packetlens
