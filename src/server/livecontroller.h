// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "liveclient.h"
#include "routetable.h"
#include "servercontext.h"

#include "core/live/livetypes.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

#include <memory>

class QWebSocket;

namespace packetlens {

class LiveSession;

// Live captures of the REST API: GET /interfaces, POST /live, GET and
// DELETE /live/{live_id}, and the WebSocket GET /live/{live_id}/ws. Lives on
// the server thread. Each capture is a LiveSession of the core (the capture
// helper and the one analysis engine, on its own thread) whose packets are
// written straight into the server's capture store; its events reach this
// thread queued and go to each WebSocket client through its bounded queue,
// so no client slows the capture. When it ends the capture is recorded in
// the history as the analysis of its stored bytes: it has a file_id like
// an upload.
class LiveController : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxRunning = 4;  // captures at once; beyond: 503
    static constexpr int kKeptEnded = 32;  // ended captures still answered by GET /live/{id}

    LiveController(const ServerContext &context, QObject *parent = nullptr);
    ~LiveController() override; // stops every capture and waits for it

    void setServer(const QUrl &httpUrl, const ApiAuth &auth);
    // A request to one of the live routes; answered through the context.
    void handle(RouteId route, const QString &liveId, const QByteArray &body, quint64 replyId);
    void interfaces(quint64 replyId);
    void start(const QByteArray &body, quint64 replyId);
    ApiResponse status(const QString &liveId) const;
    void stop(const QString &liveId, quint64 replyId);
    void accept(std::unique_ptr<QWebSocket> socket);
    // Asks every capture to stop (the destructor waits for them).
    void stopAll();
    // The server shuts down (SIGTERM, SIGINT, the app quits): every capture
    // stops and ends as DELETE /live/{id} ends it (the saved pcapng, the
    // analysis with its report in the history, a file_id, the end event
    // written to each WebSocket client). Runs the event loop until they all
    // have and every client is closed, at most kFinishMs; before the workers
    // and connections go.
    void finishAll();
    static constexpr int kFinishMs = 60000;

signals:
    void settled(); // no capture is starting, running or being recorded, and no client is connected

private:
    struct Entry;
    class Relay;
    void started(const QString &id, LiveError error, const QString &message, quint64 replyId);
    void onEvent(const QString &id, LiveClient::Kind kind, const QByteArray &json);
    void onEnded(const QString &id, const LiveResult &result);
    void recorded(const QString &id, const QString &fileId, const QString &error);
    void broadcast(Entry &e, LiveClient::Kind kind, const QByteArray &json);
    void retireOldEntries();
    bool busy() const; // a capture is not ended, or a client still connected
    void noteSettled();
    QJsonObject statusJson(const Entry &e) const;

    const ServerContext &m_context;
    QUrl m_url;
    ApiAuth m_auth;
    Route m_socketRoute{}; // GET /live/{live_id}/ws, with the key needed (the gate lets it through without)
    QHash<QString, std::shared_ptr<Entry>> m_entries;
    QList<QString> m_endedOrder;
};

} // namespace packetlens
