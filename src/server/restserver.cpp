// SPDX-License-Identifier: GPL-3.0-or-later
#include "restserver.h"
#include "core/report/errortext.h"
#include "core/util/versions.h"

#include "analysiscontroller.h"
#include "apiauth.h"
#include "filescontroller.h"
#include "gatestate.h"
#include "livecontroller.h"
#include "requestparams.h"
#include "routetable.h"
#include "servercontext.h"
#include "serverstartup.h"
#include "uploadcontroller.h"
#include "uploadgate.h"

#include "core/history/historystore.h"
#include "core/service/recordedanalysis.h"
#include "core/util/sha256.h"

#include <QHttpServer>
#include <QPointer>
#include <QTcpSocket>
#include <QUrlQuery>
#include <QWebSocket>

namespace packetlens {

namespace {
constexpr int kRequestWorkers = 2;

// The methods QHttpServer routes to a route's method: HEAD with GET
// (answered as GET without the body).
QHttpServerRequest::Methods qtMethods(const QByteArray &m)
{
    if (m == "POST")
        return QHttpServerRequest::Method::Post;
    if (m == "DELETE")
        return QHttpServerRequest::Method::Delete;
    return QHttpServerRequest::Method::Get | QHttpServerRequest::Method::Head;
}

// "GET", "POST", … as the request log and the route table spell them.
QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    default: return "OTHER";
    }
}
constexpr int kRequestQueue = 256;
} // namespace

struct RestServer::Private
{
    RestServer *q;
    RestServerOptions options;
    QString apiKey;
    QStringList notes; // what start() changed on its own, for the face to show
    QUrl url;
    ApiAuth auth;
    QByteArray openApi;
    std::atomic<bool> stopping{false};
    std::unique_ptr<QHttpServer> http; // owns the gates, which own the connections
    std::shared_ptr<GateState> gateState;
    std::unique_ptr<JobQueue> requests, analyses;
    std::unique_ptr<QObject> delivery;  // context of answers posted by workers
    ServerContext context;
    std::unique_ptr<AnalysisController> analysis;
    std::unique_ptr<LiveController> live;

    // A request QHttpServer handed over, until its answer is written.
    struct Pending
    {
        QPointer<QTcpSocket> socket;
        QByteArray method;
        QString path;
        QElapsedTimer started;
        bool head = false;         // HEAD: the answer without its body
        bool close = false;        // the client asked to close after the answer
        UploadGate::Ticket ticket; // an upload's bytes stay counted until it is stored
    };
    QHash<quint64, Pending> pending;
    quint64 nextReply = 1;
    QList<ApiResponse::PrivatePath> privatePaths; // never shown in error messages, longest first

    void log(const QByteArray &method, const QString &path, int status, qint64 ms, const char *note = "")
    {
        emit q->requestLogged(QStringLiteral("%1 %2 -> %3 (%4 ms)%5").arg(QString::fromLatin1(method), path).arg(status).arg(ms)
                                  .arg(QLatin1String(note)));
    }

    quint64 hold(QTcpSocket *socket, const QHttpServerRequest &req)
    {
        const quint64 id = nextReply++;
        const bool head = req.method() == QHttpServerRequest::Method::Head;
        pending.insert(id, Pending{socket, methodName(req.method()), req.url().path(), UploadGate::startedOf(socket), head,
                                   UploadGate::closeRequested(socket), UploadGate::ticketOf(socket)});
        return id;
    }

    // Every answer to a request QHttpServer handled is written here.
    void send(quint64 id, const ApiResponse &r)
    {
        const auto it = pending.find(id);
        if (it == pending.end())
            return;
        const Pending p = std::move(*it);
        pending.erase(it);
        if (!p.socket || p.socket->state() != QAbstractSocket::ConnectedState) {
            log(p.method, p.path, r.status, p.started.elapsed(), " client gone");
            return;
        }
        ApiResponse out = r.withoutPrivatePaths(privatePaths);
        out.closeConnection = r.closeConnection || p.close;
        p.socket->write(out.toHttp(!p.head));
        UploadGate::answerWritten(p.socket, out.closeConnection);
        log(p.method, p.path, r.status, p.started.elapsed());
    }

    bool listen(QHttpServer *server, QList<UploadGate *> *gates, QString *error);
    void startWorkers(const QString &dbPath, const CaptureStore &captures);
    void acceptWebSockets(QHttpServer *server);
    bool registerRoutes(QHttpServer *server, QString *error);
    void dispatch(const Route &route, const QString &fileId, const QHttpServerRequest &req, QTcpSocket *socket);
    void stop();
};

void RestServer::Private::dispatch(const Route &route, const QString &fileId, const QHttpServerRequest &req, QTcpSocket *socket)
{
    if (route.id == RouteId::LiveSocket && req.value("Upgrade").compare("websocket", Qt::CaseInsensitive) == 0)
        return; // Qt 6.4 routes an upgrade, then hands it to acceptWebSockets: not answered here
    const quint64 id = hold(socket, req);
    if (stopping) // only while the live captures end (stop())
        return send(id, ApiResponse::error(ApiError::QueueFull, QStringLiteral("the server is stopping")));
    // The gate checked the head already; checked again here so that no
    // request reaches a controller without it.
    if (const auto denial = auth.check(&route, req.value("Host"), req.value("Origin"), req.value("X-API-Key"),
                                       req.value("Authorization"))) {
        send(id, ApiResponse::error(denial->error, denial->message));
        return;
    }
    const QUrlQuery query = req.query();
    switch (route.id) {
    case RouteId::Upload: {
        UploadController::Input in{req.value("Content-Type"), req.body(), query.queryItemValue(QStringLiteral("name"), QUrl::FullyDecoded)};
        const CaptureStore captures = context.captures;
        const std::atomic<bool> *cancel = &stopping;
        context.onRequestPool(id, [in, captures, cancel](HistoryStore &store) {
            ApiResponse r = UploadController::upload(store, captures, in, cancel);
            r.closeConnection = true; // QHttpServer frees the body with the connection
            return r;
        });
        return;
    }
    case RouteId::Analysis:
        analysis->get(fileId, AnalysisController::Want::Status, QString(), 0, id);
        return;
    case RouteId::Reports:
    case RouteId::Report: {
        ReportQuery q;
        if (const auto refused = parseReportQuery(query, &q))
            return send(id, *refused);
        analysis->get(fileId, q.want, q.language, q.entry, id);
        return;
    }
    case RouteId::Stats:
        context.onRequestPool(id, [](HistoryStore &store) { return FilesController::stats(store); });
        return;
    case RouteId::Files: {
        FilesQuery q;
        if (const auto refused = parseFilesQuery(query, &q))
            return send(id, *refused);
        context.onRequestPool(id, [q](HistoryStore &store) { return FilesController::list(store, q.limit, q.offset); });
        return;
    }
    case RouteId::DeleteFile:
        analysis->remove(fileId, id);
        return;
    case RouteId::Health:
        send(id, ApiResponse::json(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                                    {QStringLiteral("version"), QStringLiteral(PACKETLENS_VERSION)}}));
        return;
    case RouteId::OpenApi:
        send(id, ApiResponse::bytes(200, "application/json", openApi));
        return;
    default: // live capture
        live->handle(route.id, fileId, req.body(), id);
        return;
    }
}

void RestServer::Private::stop()
{
    if (!http || stopping) // (a second stop while finishAll waits for the live captures: the first finishes)
        return;
    stopping = true;
    if (analysis)
        analysis->cancelAll();
    live->finishAll(); // each ends as DELETE ends it, while workers and connections are still there
    pending.clear();
    http.reset(); // closes the listening sockets and every connection
    if (analyses)
        analyses->stop();
    if (requests)
        requests->stop();
    live.reset();
    // Workers are joined: nothing posts answers any more; drop those in flight.
    analysis.reset();
    delivery.reset();
    analyses.reset();
    requests.reset();
    url.clear();
}

RestServer::RestServer(QObject *parent) : QObject(parent), d(std::make_unique<Private>())
{
    d->q = this;
}

RestServer::~RestServer()
{
    stop();
}


bool RestServer::Private::listen(QHttpServer *server, QList<UploadGate *> *gates, QString *error)
{
    GateLimits limits;
    limits.maxUploadBytes = options.maxUploadBytes;
    limits.maxInFlightUploadBytes = options.maxInFlightUploadBytes;
    limits.connections = options.connections;
    gateState = std::make_shared<GateState>(limits);
    auto *first = new UploadGate(gateState, server);
    if (!first->listen(options.bind, options.port)) {
        *error = errorText("error.server.listen", {options.bind.toString(), QString::number(options.port), first->errorString()});
        return false;
    }
    const quint16 port = first->serverPort();
    *gates << first;
    if (options.bind == QHostAddress::LocalHost) { // ::1 too, when the system has it
        auto *v6 = new UploadGate(gateState, server);
        if (v6->listen(QHostAddress::LocalHostIPv6, port))
            *gates << v6;
        else
            delete v6;
    }
    auth = ApiAuth(apiKey, port, options.bind);
    gateState->auth = auth;
    for (UploadGate *g : std::as_const(*gates)) {
        QObject::connect(g, &UploadGate::answered, q, [this](const QByteArray &method, const QString &path, int status, qint64 ms) {
            log(method, path, status, ms);
        });
    }
    url = ServerStartup::serverUrl(options.bind, port);
    return true;
}

void RestServer::Private::startWorkers(const QString &dbPath, const CaptureStore &captures)
{
    stopping = false;
    requests = std::make_unique<JobQueue>(dbPath, kRequestWorkers, kRequestQueue);
    analyses = std::make_unique<JobQueue>(dbPath, options.workers, options.maxQueued);
    delivery = std::make_unique<QObject>();
    context.requests = requests.get();
    context.analyses = analyses.get();
    context.captures = captures;
    context.engineVersion = engineVersion();
    context.settingsHash = analysisSettingsHash(AnalyzerSettings());
    context.stopping = &stopping;
    QObject *target = delivery.get();
    context.deliver = [target, this](quint64 id, const ApiResponse &r) {
        QMetaObject::invokeMethod(target, [this, id, r] { send(id, r); }, Qt::QueuedConnection);
    };
    analysis = std::make_unique<AnalysisController>(context);
    live = std::make_unique<LiveController>(context);
}

// WebSocket upgrades (GET /live/{live_id}/ws, let through by the gate) bypass the routes.
void RestServer::Private::acceptWebSockets(QHttpServer *server)
{
    live->setServer(url, auth);
    QObject::connect(server, &QAbstractHttpServer::newWebSocketConnection, q, [this, server] {
        while (std::unique_ptr<QWebSocket> ws = server->hasPendingWebSocketConnections() ? server->nextPendingWebSocketConnection() : nullptr) {
            log("GET", ws->requestUrl().path(), 101, 0, " WebSocket");
            live->accept(std::move(ws));
        }
    });
}

bool RestServer::Private::registerRoutes(QHttpServer *server, QString *error)
{
    for (const Route &route : routeTable()) {
        const Route *r = &route;
        const bool ok = route.path.contains(QLatin1Char('{'))
            ? server->route(qtPathRule(route), qtMethods(route.method),
                            [this, r](const QString &fileId, const QHttpServerRequest &req, QHttpServerResponder &&resp) {
                                dispatch(*r, fileId, req, resp.socket());
                            })
            : server->route(qtPathRule(route), qtMethods(route.method),
                            [this, r](const QHttpServerRequest &req, QHttpServerResponder &&resp) {
                                dispatch(*r, QString(), req, resp.socket());
                            });
        if (!ok) {
            *error = QStringLiteral("cannot register %1 %2").arg(QString::fromLatin1(route.method), route.path);
            return false;
        }
    }
    // Requests the gate let through but QHttpServer's router does not match
    // (e.g. an id with an encoded slash).
    server->setMissingHandler([this](const QHttpServerRequest &req, QHttpServerResponder &&resp) {
        const RouteMatch m = matchRoute(methodName(req.method()), req.url().path());
        ApiResponse r = m.pathKnown ? ApiResponse::error(ApiError::MethodNotAllowed, QStringLiteral("method not allowed"))
                                    : ApiResponse::error(ApiError::UnknownRoute, QStringLiteral("no route %1").arg(req.url().path()));
        if (m.pathKnown)
            r.headers.append({"Allow", m.allowed});
        send(hold(resp.socket(), req), r);
    });
    return true;
}

bool RestServer::keyStrongEnoughForRemote(const QString &key, QString *why)
{
    return ServerStartup::keyStrongEnoughForRemote(key, why);
}

bool RestServer::start(const RestServerOptions &o, QString *error)
{
    if (d->http) {
        *error = errorText("error.server.running");
        return false;
    }
    if (!ServerStartup::checkOptions(o, error))
        return false;
    ServerStartup::returnFreedMemory();
    Sha256::prepare(); // before the workers that hash uploads start
    d->options = o;
    d->notes.clear();
    d->apiKey = ServerStartup::apiKey(o.apiKey, &d->notes);
    if (!o.bind.isLoopback() && !keyStrongEnoughForRemote(d->apiKey, error))
        return false;
    const QString dbPath = o.dbPath.isEmpty() ? HistoryStore::defaultPath() : o.dbPath;
    if (!ServerStartup::checkStorage(dbPath, o.storageDir, error))
        return false;
    if (!ServerStartup::prepareHistory(dbPath, &d->notes, error))
        return false;
    const CaptureStore captures(o.storageDir.isEmpty() ? CaptureStore::defaultRoot() : o.storageDir);
    d->privatePaths = ServerStartup::privatePaths(captures.root(), dbPath);
    if (!ServerStartup::prepareStorage(captures, o.storageDir.isEmpty(), &d->notes, error)
        || !ServerStartup::loadOpenApi(&d->openApi, error))
        return false;
    auto http = std::make_unique<QHttpServer>();
    QList<UploadGate *> gates;
    if (!d->listen(http.get(), &gates, error))
        return false;
    d->startWorkers(dbPath, captures);
    d->acceptWebSockets(http.get());
    const bool routed = d->registerRoutes(http.get(), error);
    for (UploadGate *g : std::as_const(gates))
        http->bind(g);
    d->http = std::move(http);
    if (!routed)
        d->stop();
    return routed;
}

void RestServer::stop()
{
    d->stop();
}

bool RestServer::isRunning() const
{
    return bool(d->http);
}

QUrl RestServer::url() const
{
    return d->url;
}

QStringList RestServer::startNotes() const
{
    return d->notes;
}

int RestServer::openConnections() const
{
    return d->http ? d->gateState->connections() : 0;
}

qint64 RestServer::uploadBytesInFlight() const
{
    return d->gateState ? d->gateState->inFlight() : 0;
}

QString RestServer::apiKey() const
{
    return d->apiKey;
}

} // namespace packetlens
