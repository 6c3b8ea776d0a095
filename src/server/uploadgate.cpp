// SPDX-License-Identifier: GPL-3.0-or-later
#include "uploadgate.h"

#include "connectionwatch.h"
#include "gatestate.h"

#include <QTcpSocket>

namespace packetlens {

UploadGate::UploadGate(std::shared_ptr<GateState> state, QObject *parent) : QTcpServer(parent), m_state(std::move(state))
{
}

UploadGate::~UploadGate() = default;

UploadGate::Ticket UploadGate::ticketOf(QTcpSocket *socket)
{
    const ConnectionWatch *w = ConnectionWatch::of(socket);
    return w ? w->ticket() : nullptr;
}

QElapsedTimer UploadGate::startedOf(QTcpSocket *socket)
{
    if (const ConnectionWatch *w = ConnectionWatch::of(socket); w && w->started().isValid())
        return w->started();
    QElapsedTimer t;
    t.start();
    return t;
}

bool UploadGate::closeRequested(QTcpSocket *socket)
{
    const ConnectionWatch *w = ConnectionWatch::of(socket);
    return w && w->closeRequested();
}

void UploadGate::answerWritten(QTcpSocket *socket, bool close)
{
    if (ConnectionWatch *w = ConnectionWatch::of(socket))
        w->answerWritten(close);
    else if (close)
        socket->disconnectFromHost();
}

void UploadGate::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    if (m_state->connections() >= m_state->limits.connections.maxConnections && !m_state->makeRoom()) {
        ApiResponse r = ApiResponse::error(ApiError::QueueFull, QStringLiteral("too many connections"));
        r.closeConnection = true;
        socket->write(r.toHttp());
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        emit answered("?", QStringLiteral("?"), r.status, 0);
        return;
    }
    new ConnectionWatch(socket, this, m_state);
}

void UploadGate::handOver(QTcpSocket *socket)
{
    addPendingConnection(socket);
    emit newConnection(); // QHttpServer takes it and connects its readyRead after ours
    // The request is in the buffer already: let QHttpServer read it now.
    ConnectionWatch *w = ConnectionWatch::of(socket);
    w->setReemitting(true);
    emit socket->readyRead();
    if ((w = ConnectionWatch::of(socket)))
        w->setReemitting(false);
}

} // namespace packetlens
