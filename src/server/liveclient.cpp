// SPDX-License-Identifier: GPL-3.0-or-later
#include "liveclient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QUrlQuery>
#include <QWebSocket>

namespace packetlens {

LiveClient::LiveClient(std::unique_ptr<QWebSocket> socket, const ApiAuth &auth, const Route *route, QObject *parent)
    : QObject(parent), m_socket(std::move(socket)), m_auth(auth), m_route(route)
{
    // A client has nothing to say but its key: a small message limit.
    m_socket->setMaxAllowedIncomingMessageSize(4096);
    m_socket->setMaxAllowedIncomingFrameSize(4096);
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &LiveClient::onText);
    connect(m_socket.get(), &QWebSocket::bytesWritten, this, &LiveClient::pump);
    connect(m_socket.get(), &QWebSocket::disconnected, this, &LiveClient::gone);
    m_authTimer.setSingleShot(true);
    connect(&m_authTimer, &QTimer::timeout, this, [this] {
        refuse(QStringLiteral("unauthorized: send the API key (X-API-Key header, or {\"api_key\": …} as the first message within 5 s)"));
    });
    m_packetWindow.start();
    QMetaObject::invokeMethod(this, &LiveClient::checkHeaders, Qt::QueuedConnection); // once the owner has connected
}

LiveClient::~LiveClient()
{
    if (m_socket)
        m_socket->disconnect(this);
}

// The upgrade request's Host and Origin, and the key when it came as a header.
void LiveClient::checkHeaders()
{
    const QNetworkRequest req = m_socket->request();
    const QUrlQuery query(m_socket->requestUrl());
    if (query.hasQueryItem(QStringLiteral("api_key")) || query.hasQueryItem(QStringLiteral("key"))) {
        refuse(QStringLiteral("forbidden: the API key is never taken from the URL"));
        return;
    }
    const auto denial = m_auth.check(m_route, req.rawHeader("Host"), req.rawHeader("Origin"), req.rawHeader("X-API-Key"),
                                     req.rawHeader("Authorization"));
    if (!denial) {
        m_authenticated = true;
        emit authenticatedNow();
        return;
    }
    if (denial->error != ApiError::Unauthorized || !req.rawHeader("X-API-Key").isEmpty() || !req.rawHeader("Authorization").isEmpty()) {
        refuse(QString::fromLatin1(errorCode(denial->error)) + QStringLiteral(": ") + denial->message);
        return;
    }
    m_authTimer.start(kAuthTimeoutMs); // the key may come as the first message
}

void LiveClient::onText(const QString &message)
{
    if (m_authenticated || !m_authTimer.isActive())
        return; // nothing else is expected from a client
    m_authTimer.stop();
    const QJsonObject o = QJsonDocument::fromJson(message.toUtf8()).object();
    const QByteArray key = o.value(QStringLiteral("api_key")).toString().toUtf8();
    const QNetworkRequest req = m_socket->request();
    const auto denial = m_auth.check(m_route, req.rawHeader("Host"), req.rawHeader("Origin"), key, QByteArray());
    if (key.isEmpty() || denial) {
        refuse(QStringLiteral("unauthorized: wrong or missing API key"));
        return;
    }
    m_authenticated = true;
    emit authenticatedNow();
}

void LiveClient::refuse(const QString &reason)
{
    m_authTimer.stop();
    m_queue.clear();
    m_queuedBytes = 0;
    m_socket->close(QWebSocketProtocol::CloseCodePolicyViolated, reason.left(120));
}

bool LiveClient::admitPacket()
{
    if (m_packetWindow.elapsed() >= 1000) {
        m_packetWindow.restart();
        m_packetsInWindow = 0;
    }
    return ++m_packetsInWindow <= m_packetsPerSecond;
}

// At the bound the oldest stats or packet event goes (counted); findings
// and the end stay.
void LiveClient::makeRoom()
{
    int droppable = 0;
    for (const Item &i : m_queue)
        droppable += i.kind == Kind::Stats || i.kind == Kind::Packet;
    if (droppable < kMaxQueued)
        return;
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
        if (it->kind == Kind::Stats || it->kind == Kind::Packet) {
            (it->kind == Kind::Stats ? m_droppedStats : m_droppedPackets)++;
            ++m_droppedTotal;
            m_queuedBytes -= it->json.size();
            m_queue.erase(it);
            return;
        }
    }
}

void LiveClient::post(Kind kind, const QByteArray &json)
{
    if (!m_authenticated || m_finishing)
        return;
    if (kind == Kind::Packet && !admitPacket()) {
        ++m_droppedPackets;
        ++m_droppedTotal;
        return;
    }
    if (kind == Kind::Stats || kind == Kind::Packet)
        makeRoom();
    m_queue.push_back(Item{kind, json});
    m_queuedBytes += json.size();
    pump();
}

// {"type":…} -> {"dropped":{"stats":n,"packet":m},"type":…} when events were lost.
QByteArray LiveClient::withDropCounts(const QByteArray &json)
{
    if (m_droppedStats + m_droppedPackets == 0 || !json.startsWith('{'))
        return json;
    const QByteArray note = "{\"dropped\":{\"stats\":" + QByteArray::number(m_droppedStats) + ",\"packet\":"
        + QByteArray::number(m_droppedPackets) + "},";
    m_droppedStats = m_droppedPackets = 0;
    return note + json.mid(1);
}

void LiveClient::pump()
{
    while (!m_queue.empty() && m_socket->bytesToWrite() < kSocketHighWater) {
        Item item = std::move(m_queue.front());
        m_queue.pop_front();
        m_queuedBytes -= item.json.size();
        m_socket->sendTextMessage(QString::fromUtf8(withDropCounts(item.json)));
    }
    if (m_finishing && m_queue.empty() && m_socket->bytesToWrite() == 0
        && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("live capture ended"));
}

void LiveClient::finish()
{
    if (!m_authenticated) {
        refuse(QStringLiteral("live capture ended"));
        return;
    }
    m_finishing = true;
    pump();
    // A client that stopped reading does not hold its connection open for ever.
    QTimer::singleShot(kFinishTimeoutMs, this, [this] { m_socket->abort(); });
}

} // namespace packetlens
