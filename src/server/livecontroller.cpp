// SPDX-License-Identifier: GPL-3.0-or-later
#include "livecontroller.h"

#include "liverequest.h"
#include "requestparams.h"

#include "core/history/historystore.h"
#include "core/live/capturehelper.h"
#include "core/live/liveevents.h"
#include "core/live/livesession.h"
#include "core/service/liverecord.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <QWebSocket>

namespace packetlens {

struct LiveController::Entry
{
    QString id, interface, filter, state = QStringLiteral("starting"); // starting, running, ending, ended
    int packetRate = LiveClient::kPacketsPerSecond;
    QString started = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    std::unique_ptr<Relay> relay;
    std::unique_ptr<LiveSession> session;
    QByteArray lastStats;
    QJsonObject endEvent;
    QString fileId;
    QList<LiveClient *> clients;
    QList<quint64> stopReplies;
    bool stopAsked = false;
    LiveResult result;
};

// Told by the session on its thread; passes each event to the server thread.
class LiveController::Relay : public LiveObserver
{
public:
    Relay(LiveController *c, const QString &id) : m_c(c), m_id(id) {}
    void onLiveStats(const LiveStats &s) override { post(LiveClient::Kind::Stats, LiveEvents::stats(s)); }
    void onLiveFinding(const ReportFinding &f, int digits) override { post(LiveClient::Kind::Finding, LiveEvents::finding(f, digits)); }
    void onLivePackets(const std::vector<LivePacketLine> &lines) override
    {
        for (const LivePacketLine &l : lines)
            post(LiveClient::Kind::Packet, LiveEvents::packet(l));
    }
    void onLiveEnded(const LiveResult &r) override
    {
        LiveController *c = m_c;
        const QString id = m_id;
        QMetaObject::invokeMethod(c, [c, id, r] { c->onEnded(id, r); }, Qt::QueuedConnection);
    }

private:
    void post(LiveClient::Kind kind, const QJsonObject &o)
    {
        LiveController *c = m_c;
        const QString id = m_id;
        const QByteArray json = QJsonDocument(o).toJson(QJsonDocument::Compact);
        QMetaObject::invokeMethod(c, [c, id, kind, json] { c->onEvent(id, kind, json); }, Qt::QueuedConnection);
    }
    LiveController *m_c;
    QString m_id;
};

LiveController::LiveController(const ServerContext &context, QObject *parent) : QObject(parent), m_context(context) {}

LiveController::~LiveController()
{
    stopAll();
    m_entries.clear(); // each session waits for its thread
}

void LiveController::handle(RouteId route, const QString &liveId, const QByteArray &body, quint64 replyId)
{
    switch (route) {
    case RouteId::Interfaces: return interfaces(replyId);
    case RouteId::LiveStart: return start(body, replyId);
    case RouteId::LiveStatus: return m_context.deliver(replyId, status(liveId));
    case RouteId::LiveStop: return stop(liveId, replyId);
    default: // GET /live/{live_id}/ws without an upgrade
        return m_context.deliver(replyId, ApiResponse::error(ApiError::BadRequest, QStringLiteral("GET /live/{live_id}/ws takes a WebSocket upgrade")));
    }
}

void LiveController::setServer(const QUrl &httpUrl, const ApiAuth &auth)
{
    m_url = httpUrl;
    m_auth = auth;
    for (const Route &r : routeTable())
        if (r.id == RouteId::LiveSocket)
            m_socketRoute = r;
    m_socketRoute.needsKey = true;
}

void LiveController::interfaces(quint64 replyId)
{
    m_context.onRequestPool(replyId, [](HistoryStore &) {
        QList<CaptureInterface> list;
        QString why;
        if (!CaptureHelper::interfaces(&list, &why))
            return ApiResponse::error(ApiError::CaptureFailed, why);
        QJsonArray out;
        for (const CaptureInterface &i : list)
            out.append(interfaceJson(i));
        return ApiResponse::json(200, QJsonObject{{QStringLiteral("interfaces"), out}});
    });
}

void LiveController::start(const QByteArray &body, quint64 replyId)
{
    LiveOptions o;
    if (const auto refused = parseLiveRequest(body, &o))
        return m_context.deliver(replyId, *refused);
    int running = 0;
    for (const auto &e : std::as_const(m_entries))
        running += e->state != QLatin1String("ended");
    if (running >= kMaxRunning)
        return m_context.deliver(replyId, ApiResponse::error(ApiError::QueueFull, QStringLiteral("%1 live captures run already").arg(running)));
    QString why;
    std::unique_ptr<CaptureStore::Writer> writer = m_context.captures.beginWrite(&why);
    if (!writer)
        return m_context.deliver(replyId, ApiResponse::error(ApiError::Internal, why));
    auto e = std::make_shared<Entry>();
    e->id = newLiveId();
    e->interface = o.source.interface;
    e->filter = o.filter;
    e->packetRate = o.packetLinesPerS;
    e->relay = std::make_unique<Relay>(this, e->id);
    const QString name = QStringLiteral("live-%1-%2.pcapng")
                             .arg(CaptureStore::safeName(o.source.interface, CaptureFormat::Pcapng).left(32),
                                  QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    e->session = std::make_unique<LiveSession>(o, std::make_unique<SavedCapture>(storeSink(std::move(writer), name),
                                                                                 o.source.interface, o.filter),
                                               e->relay.get());
    m_entries.insert(e->id, e);
    LiveSession *session = e->session.get();
    const QString id = e->id;
    const bool queued = m_context.requests->submit([this, session, id, o, replyId](HistoryStore *, const QString &) {
        LiveError error = LiveError::BadFilter;
        QString message;
        if (checkLiveFilter(o, &message) && session->start(&error, &message))
            error = LiveError::None;
        QMetaObject::invokeMethod(this, [this, id, error, message, replyId] { started(id, error, message, replyId); }, Qt::QueuedConnection);
    });
    if (!queued) {
        m_entries.remove(id);
        m_context.deliver(replyId, ApiResponse::error(ApiError::QueueFull, QStringLiteral("the server is busy; try again shortly")));
    }
}

void LiveController::started(const QString &id, LiveError error, const QString &message, quint64 replyId)
{
    const std::shared_ptr<Entry> e = m_entries.value(id);
    if (!e)
        return;
    if (error != LiveError::None) {
        m_entries.remove(id);
        for (quint64 r : std::as_const(e->stopReplies))
            m_context.deliver(r, liveErrorResponse(error, message));
        m_context.deliver(replyId, liveErrorResponse(error, message));
        return noteSettled();
    }
    e->state = QStringLiteral("running");
    if (e->stopAsked)
        e->session->stop();
    QUrl ws = m_url;
    ws.setScheme(m_url.scheme() == QLatin1String("https") ? QStringLiteral("wss") : QStringLiteral("ws"));
    ws.setPath(QStringLiteral("/live/%1/ws").arg(id));
    m_context.deliver(replyId, ApiResponse::json(201, QJsonObject{{QStringLiteral("live_id"), id},
                                                                  {QStringLiteral("ws_url"), ws.toString()},
                                                                  {QStringLiteral("status_url"), QStringLiteral("/live/") + id}}));
}

void LiveController::broadcast(Entry &e, LiveClient::Kind kind, const QByteArray &json)
{
    for (LiveClient *c : std::as_const(e.clients))
        c->post(kind, json);
}

void LiveController::onEvent(const QString &id, LiveClient::Kind kind, const QByteArray &json)
{
    const std::shared_ptr<Entry> e = m_entries.value(id);
    if (!e)
        return;
    if (kind == LiveClient::Kind::Stats)
        e->lastStats = json;
    broadcast(*e, kind, json);
}

void LiveController::onEnded(const QString &id, const LiveResult &result)
{
    const std::shared_ptr<Entry> e = m_entries.value(id);
    if (!e)
        return;
    e->state = QStringLiteral("ending");
    e->session->wait();
    e->result = result;
    e->endEvent = LiveEvents::end(result);
    if (!result.report)
        return recorded(id, QString(), result.message.isEmpty() ? QStringLiteral("no packets were captured") : result.message);
    const QString settingsHash = m_context.settingsHash;
    auto deliver = [this, id](const QString &fileId, const QString &why) {
        QMetaObject::invokeMethod(this, [this, id, fileId, why] { recorded(id, fileId, why); }, Qt::QueuedConnection);
    };
    const bool queued = m_context.requests->submit([result, settingsHash, deliver](HistoryStore *store, const QString &why) {
        QString error = why;
        if (store && recordLiveCapture(*store, result, settingsHash, true, &error) >= 0)
            return deliver(CaptureStore::fileId(result.sha256), QString());
        deliver(QString(), QStringLiteral("history not recorded: %1").arg(error));
    });
    if (!queued)
        recorded(id, QString(), QStringLiteral("history not recorded: the server is busy"));
}

void LiveController::recorded(const QString &id, const QString &fileId, const QString &error)
{
    const std::shared_ptr<Entry> e = m_entries.value(id);
    if (!e)
        return;
    e->state = QStringLiteral("ended");
    e->fileId = fileId;
    if (!fileId.isEmpty()) {
        e->endEvent.insert(QStringLiteral("file_id"), fileId);
        e->endEvent.insert(QStringLiteral("analysis_url"), analysisUrl(fileId));
        e->endEvent.insert(QStringLiteral("report_url"), reportUrl(fileId));
    } else if (!error.isEmpty() && !e->endEvent.contains(QStringLiteral("error"))) {
        e->endEvent.insert(QStringLiteral("message"), error);
    }
    e->session.reset(); // its thread has ended
    broadcast(*e, LiveClient::Kind::End, QJsonDocument(e->endEvent).toJson(QJsonDocument::Compact));
    for (LiveClient *c : std::as_const(e->clients))
        c->finish();
    for (quint64 r : std::as_const(e->stopReplies))
        m_context.deliver(r, ApiResponse::json(200, statusJson(*e)));
    e->stopReplies.clear();
    m_endedOrder << id;
    retireOldEntries();
    noteSettled();
}

void LiveController::retireOldEntries()
{
    while (m_endedOrder.size() > kKeptEnded) {
        const std::shared_ptr<Entry> e = m_entries.take(m_endedOrder.takeFirst());
        if (e)
            for (LiveClient *c : std::as_const(e->clients))
                c->finish();
    }
}

QJsonObject LiveController::statusJson(const Entry &e) const
{
    QJsonObject o{{QStringLiteral("live_id"), e.id},   {QStringLiteral("interface"), e.interface},
                  {QStringLiteral("filter"), e.filter}, {QStringLiteral("state"), e.state},
                  {QStringLiteral("started"), e.started}};
    QJsonArray clients; // what each WebSocket client has waiting and has lost
    for (const LiveClient *c : e.clients)
        clients.append(QJsonObject{{QStringLiteral("queued_bytes"), c->queuedBytes()}, {QStringLiteral("dropped"), qint64(c->droppedTotal())}});
    o.insert(QStringLiteral("clients"), clients);
    if (!e.lastStats.isEmpty())
        o.insert(QStringLiteral("stats"), QJsonDocument::fromJson(e.lastStats).object());
    if (e.state == QLatin1String("ended")) {
        o.insert(QStringLiteral("end"), e.endEvent);
        if (!e.fileId.isEmpty())
            o.insert(QStringLiteral("file_id"), e.fileId);
    }
    return o;
}

ApiResponse LiveController::status(const QString &liveId) const
{
    const std::shared_ptr<Entry> e = m_entries.value(liveId);
    if (!e)
        return ApiResponse::error(ApiError::NotFound, QStringLiteral("no live capture %1").arg(liveId));
    return ApiResponse::json(200, statusJson(*e));
}

void LiveController::stop(const QString &liveId, quint64 replyId)
{
    const std::shared_ptr<Entry> e = m_entries.value(liveId);
    if (!e)
        return m_context.deliver(replyId, ApiResponse::error(ApiError::NotFound, QStringLiteral("no live capture %1").arg(liveId)));
    if (e->state == QLatin1String("ended"))
        return m_context.deliver(replyId, ApiResponse::json(200, statusJson(*e)));
    e->stopReplies << replyId; // answered once the capture is in the history
    e->stopAsked = true;
    if (e->state == QLatin1String("running"))
        e->session->stop();
}

void LiveController::accept(std::unique_ptr<QWebSocket> socket)
{
    const QStringList parts = socket->requestUrl().path().split(QLatin1Char('/'));
    const QString id = parts.size() == 4 ? parts[2] : QString();
    auto *client = new LiveClient(std::move(socket), m_auth, &m_socketRoute, this);
    connect(client, &LiveClient::gone, this, [this, client] {
        for (const auto &e : std::as_const(m_entries))
            e->clients.removeOne(client);
        client->deleteLater();
        noteSettled();
    });
    connect(client, &LiveClient::authenticatedNow, this, [this, client, id] {
        const std::shared_ptr<Entry> e = m_entries.value(id);
        if (!e)
            return client->refuse(QStringLiteral("not_found: no live capture %1").arg(id));
        e->clients << client;
        client->setPacketRate(e->packetRate);
        if (!e->lastStats.isEmpty())
            client->post(LiveClient::Kind::Stats, e->lastStats);
        if (e->state == QLatin1String("ended")) {
            client->post(LiveClient::Kind::End, QJsonDocument(e->endEvent).toJson(QJsonDocument::Compact));
            client->finish();
        }
    });
}

void LiveController::stopAll()
{
    for (const auto &e : std::as_const(m_entries)) {
        e->stopAsked = true; // one still starting stops as soon as it runs (started())
        if (e->session && e->state != QLatin1String("starting"))
            e->session->stop();
    }
}

bool LiveController::busy() const
{
    for (const auto &e : m_entries)
        if (e->state != QLatin1String("ended") || !e->clients.isEmpty())
            return true;
    return false;
}

void LiveController::noteSettled()
{
    if (!busy())
        emit settled();
}

void LiveController::finishAll()
{
    stopAll();
    if (!busy())
        return;
    QEventLoop loop;
    connect(this, &LiveController::settled, &loop, &QEventLoop::quit);
    QTimer::singleShot(kFinishMs, &loop, &QEventLoop::quit); // a capture that cannot end does not hold the shutdown
    loop.exec();
}

} // namespace packetlens
