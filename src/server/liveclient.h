// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apiauth.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <deque>
#include <memory>

class QWebSocket;

namespace packetlens {

struct Route;

// One WebSocket client of a live capture (GET /live/{live_id}/ws). It is
// let in with the API key in a header of the upgrade request, or as its
// first message ({"api_key": "…"}, for browsers, which cannot set headers)
// within kAuthTimeoutMs; never in the URL. Host and Origin are checked as on
// every endpoint.
//
// Events wait in a bounded queue and go to the socket only while the
// socket's own buffer is short: a client that stops reading loses stats and
// packet events (counted; the next event it gets says how many under
// "dropped") but never findings or the end, and the server's memory for it
// stays bounded. Packet events are limited to kPacketsPerSecond per client.
class LiveClient : public QObject
{
    Q_OBJECT
public:
    enum class Kind { Stats, Packet, Finding, End };
    static constexpr int kAuthTimeoutMs = 5000;
    static constexpr int kMaxQueued = 64;                  // stats and packet events waiting
    static constexpr qint64 kSocketHighWater = 64 * 1024;  // bytes handed to the socket not yet sent
    static constexpr int kPacketsPerSecond = 50;           // packet events per second (default)
    static constexpr int kFinishTimeoutMs = 10000;         // after the end: the queue sent, or the connection aborted

    LiveClient(std::unique_ptr<QWebSocket> socket, const ApiAuth &auth, const Route *route, QObject *parent = nullptr);
    ~LiveClient() override;

    bool authenticated() const { return m_authenticated; }
    // Queues an event (ignored before the client is let in).
    void post(Kind kind, const QByteArray &json);
    // Sends what is queued, then closes normally (after the "end" event).
    void finish();
    // Closes at once with a reason (unknown live id, refused).
    void refuse(const QString &reason);
    quint64 droppedTotal() const { return m_droppedTotal; } // stats and packet events lost since the start
    void setPacketRate(int perSecond) { m_packetsPerSecond = perSecond; }
    qint64 queuedBytes() const { return m_queuedBytes; }

signals:
    void authenticatedNow(); // the key was accepted: send it the latest stats
    void gone();             // the connection closed; the owner deletes this

private:
    struct Item
    {
        Kind kind;
        QByteArray json;
    };
    void checkHeaders();
    void onText(const QString &message);
    bool admitPacket();
    void makeRoom();
    void pump();
    QByteArray withDropCounts(const QByteArray &json);

    std::unique_ptr<QWebSocket> m_socket;
    ApiAuth m_auth;
    const Route *m_route;
    QTimer m_authTimer;
    bool m_authenticated = false, m_finishing = false;
    std::deque<Item> m_queue;
    qint64 m_queuedBytes = 0;
    quint64 m_droppedStats = 0, m_droppedPackets = 0, m_droppedTotal = 0;
    int m_packetsPerSecond = kPacketsPerSecond;
    QElapsedTimer m_packetWindow;
    int m_packetsInWindow = 0;
};

} // namespace packetlens
