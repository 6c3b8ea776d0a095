#include "restserver.h"

#include "analysiscontroller.h"
#include "apiauth.h"
#include "filescontroller.h"
#include "routetable.h"
#include "servercontext.h"
#include "uploadcontroller.h"
#include "uploadgate.h"

#include "core/history/databaselocation.h"
#include "core/history/historystore.h"
#include "core/service/recordedanalysis.h"
#include "core/util/privatefiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHttpServer>
#include <QPointer>
#include <QSettings>
#include <QTcpSocket>
#include <QUrlQuery>

#ifdef __GLIBC__
#include <malloc.h>
#endif

namespace packetlens {

namespace {
constexpr int kRequestWorkers = 2;
constexpr int kRequestQueue = 256;
const QString kKeySetting = QStringLiteral("server/api_key");

QHttpServerRequest::Method qtMethod(const QByteArray &m)
{
    if (m == "POST")
        return QHttpServerRequest::Method::Post;
    if (m == "DELETE")
        return QHttpServerRequest::Method::Delete;
    return QHttpServerRequest::Method::Get;
}

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

void writeResponse(QHttpServerResponder &out, const ApiResponse &r)
{
    out.writeStatusLine(QHttpServerResponder::StatusCode(r.status));
    out.writeHeader("Content-Type", r.contentType);
    out.writeHeader("Content-Length", QByteArray::number(r.body.size()));
    for (const auto &h : r.headers)
        out.writeHeader(h.first, h.second);
    if (r.closeConnection)
        out.writeHeader("Connection", "close");
    out.writeBody(r.body);
}
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
    std::unique_ptr<JobQueue> requests, analyses;
    std::unique_ptr<QObject> delivery;  // context of answers posted by workers
    ServerContext context;
    std::unique_ptr<AnalysisController> analysis;

    struct Pending
    {
        QPointer<QTcpSocket> socket;
        std::shared_ptr<QHttpServerResponder> responder;
        QByteArray method;
        QString path;
        QElapsedTimer started;
    };
    QHash<quint64, Pending> pending;
    quint64 nextReply = 1;

    void log(const QByteArray &method, const QString &path, int status, qint64 ms, const char *note = "")
    {
        emit q->requestLogged(QStringLiteral("%1 %2 -> %3 (%4 ms)%5").arg(QString::fromLatin1(method), path).arg(status).arg(ms)
                                  .arg(QLatin1String(note)));
    }

    void send(quint64 id, const ApiResponse &r)
    {
        const auto it = pending.find(id);
        if (it == pending.end())
            return;
        Pending p = std::move(*it);
        pending.erase(it);
        if (!p.socket || p.socket->state() != QAbstractSocket::ConnectedState) {
            log(p.method, p.path, r.status, p.started.elapsed(), " client gone");
            return;
        }
        UploadGate::holdOpen(p.socket, false);
        writeResponse(*p.responder, r);
        if (r.closeConnection)
            p.socket->disconnectFromHost();
        log(p.method, p.path, r.status, p.started.elapsed());
    }

    void dispatch(const Route &route, const QString &fileId, const QHttpServerRequest &req, QHttpServerResponder &&resp);
    void stop();
};

void RestServer::Private::dispatch(const Route &route, const QString &fileId, const QHttpServerRequest &req,
                                   QHttpServerResponder &&resp)
{
    const quint64 id = nextReply++;
    QTcpSocket *socket = resp.socket();
    Pending p{socket, std::make_shared<QHttpServerResponder>(std::move(resp)), route.method, req.url().path(),
              UploadGate::startedOf(socket)};
    pending.insert(id, std::move(p));
    UploadGate::holdOpen(socket, true);
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
        const UploadGate::Ticket ticket = UploadGate::ticketOf(socket); // the body's bytes stay counted until stored
        const CaptureStore captures = context.captures;
        const std::atomic<bool> *cancel = &stopping;
        context.onRequestPool(id, [in, ticket, captures, cancel](HistoryStore &store) {
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
        const QString format = query.queryItemValue(QStringLiteral("format"));
        const QString lang = query.queryItemValue(QStringLiteral("lang"));
        AnalysisController::Want want = AnalysisController::Want::ReportJson;
        if (format == QLatin1String("html"))
            want = AnalysisController::Want::ReportHtml;
        else if (format == QLatin1String("zip"))
            want = AnalysisController::Want::ReportZip;
        else if (!format.isEmpty() && format != QLatin1String("json"))
            return send(id, ApiResponse::error(ApiError::BadRequest, QStringLiteral("format is json, html or zip")));
        if (!lang.isEmpty() && lang != QLatin1String("en") && lang != QLatin1String("ru"))
            return send(id, ApiResponse::error(ApiError::BadRequest, QStringLiteral("lang is en or ru")));
        int entry = 0;
        if (query.hasQueryItem(QStringLiteral("entry"))) {
            bool ok = false;
            entry = query.queryItemValue(QStringLiteral("entry")).toInt(&ok);
            if (!ok || entry < 1)
                return send(id, ApiResponse::error(ApiError::BadRequest, QStringLiteral("entry is a capture's number in the file, from 1")));
        }
        analysis->get(fileId, want, lang.isEmpty() ? QStringLiteral("en") : lang, entry, id);
        return;
    }
    case RouteId::Stats:
        context.onRequestPool(id, [](HistoryStore &store) { return FilesController::stats(store); });
        return;
    case RouteId::Files: {
        bool okLimit = true, okOffset = true;
        const int limit = query.hasQueryItem(QStringLiteral("limit")) ? query.queryItemValue(QStringLiteral("limit")).toInt(&okLimit)
                                                                      : FilesController::kDefaultLimit;
        const int offset = query.hasQueryItem(QStringLiteral("offset")) ? query.queryItemValue(QStringLiteral("offset")).toInt(&okOffset) : 0;
        if (!okLimit || !okOffset || limit < 1 || limit > FilesController::kMaxLimit || offset < 0)
            return send(id, ApiResponse::error(ApiError::BadRequest,
                                               QStringLiteral("limit is 1..%1, offset >= 0").arg(FilesController::kMaxLimit)));
        context.onRequestPool(id, [limit, offset](HistoryStore &store) { return FilesController::list(store, limit, offset); });
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
    }
}

void RestServer::Private::stop()
{
    if (!http)
        return;
    stopping = true;
    if (analysis)
        analysis->cancelAll();
    pending.clear();
    http.reset(); // closes the listening sockets and every connection
    if (analyses)
        analyses->stop();
    if (requests)
        requests->stop();
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

QString RestServer::generateApiKey()
{
    return ApiAuth::generateKey();
}

namespace {
// Captures never go into the database: with a history on PostgreSQL, which
// servers share, their bytes go to a folder the servers share too.
bool checkStorage(const QString &dbPath, const QString &storageDir, QString *error)
{
    const auto location = DatabaseLocation::parse(dbPath, error);
    if (!location)
        return false;
    if (location->isPostgres() && storageDir.isEmpty()) {
        *error = QStringLiteral("a history on PostgreSQL is shared: name the folder for uploaded captures that every server "
                                "sharing it reads and writes (--storage DIR)");
        return false;
    }
    return true;
}
} // namespace

bool RestServer::start(const RestServerOptions &o, QString *error)
{
    if (d->http) {
        *error = QStringLiteral("the server is running already");
        return false;
    }
    if (!o.bind.isLoopback() && !o.allowNonLoopback) {
        *error = QStringLiteral("%1 is not a loopback address; serving on it needs an explicit choice").arg(o.bind.toString());
        return false;
    }
    if (o.maxUploadBytes <= 0 || o.maxInFlightUploadBytes <= 0 || o.workers < 1 || o.maxQueued < 0) {
        *error = QStringLiteral("invalid limits");
        return false;
    }
    const QString dbPath = o.dbPath.isEmpty() ? HistoryStore::defaultPath() : o.dbPath;
    if (!checkStorage(dbPath, o.storageDir, error))
        return false;
#ifdef __GLIBC__
    // Upload and capture buffers are large and short-lived. glibc raises its
    // mmap threshold after the first such block is freed, and later ones then
    // come from the workers' heap arenas, whose pages stay scattered and
    // resident. A fixed threshold keeps them in mappings that go back to the
    // system when freed, so the server's memory returns after a burst.
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
    d->options = o;
    d->apiKey = o.apiKey;
    d->notes.clear();
    {
        // The app's settings, whatever the running program is called. They
        // hold the API key: readable by their owner only.
        QSettings settings(QSettings::NativeFormat, QSettings::UserScope, QStringLiteral("PacketLens"), QStringLiteral("PacketLens"));
        if (d->apiKey.isEmpty()) { // made on first start, kept in the settings
            d->apiKey = settings.value(kKeySetting).toString();
            if (d->apiKey.size() < 22) {
                const bool existed = QFileInfo::exists(settings.fileName());
                d->apiKey = generateApiKey();
                settings.setValue(kKeySetting, d->apiKey);
                settings.sync();
                if (!existed) // made just now: private, nothing to warn about
                    PrivateFiles::tightenFile(settings.fileName(), nullptr);
            }
        }
        if (settings.contains(kKeySetting))
            PrivateFiles::tightenFile(settings.fileName(), &d->notes);
    }
    {
        // Opened once here, before any worker: creates or migrates the schema
        // and refuses a foreign or corrupt file up front; analyses left
        // running by a server or program that is gone become interrupted.
        HistoryStore check(dbPath);
        if (!check.open(error))
            return false;
        d->notes << check.warnings();
        if (const int n = check.recoverInterrupted(); n > 0)
            d->notes << QStringLiteral("marked %1 analysis(es) left running by a stopped process as interrupted").arg(n);
    }
    const CaptureStore captures(o.storageDir.isEmpty() ? CaptureStore::defaultRoot() : o.storageDir);
    if (!PrivateFiles::makeFolder(captures.root(), o.storageDir.isEmpty(), &d->notes, error))
        return false;
    captures.removeStaleUploads(&d->notes);
    QFile spec(QStringLiteral(":/packetlens/openapi.json"));
    if (!spec.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("the OpenAPI document is missing from the build");
        return false;
    }
    d->openApi = spec.readAll();

    UploadGate::Limits limits;
    limits.maxUploadBytes = o.maxUploadBytes;
    limits.maxInFlightUploadBytes = o.maxInFlightUploadBytes;
    auto http = std::make_unique<QHttpServer>();
    QList<UploadGate *> gates;
    auto *first = new UploadGate(limits, http.get());
    if (!first->listen(o.bind, o.port)) {
        *error = QStringLiteral("cannot listen on %1 port %2: %3").arg(o.bind.toString()).arg(o.port).arg(first->errorString());
        return false;
    }
    const quint16 port = first->serverPort();
    gates << first;
    if (o.bind == QHostAddress::LocalHost) { // ::1 too, when the system has it
        auto *v6 = new UploadGate(limits, http.get());
        if (v6->listen(QHostAddress::LocalHostIPv6, port))
            gates << v6;
        else
            delete v6;
    }
    d->auth = ApiAuth(d->apiKey, port, o.bind);
    for (UploadGate *g : std::as_const(gates)) {
        g->setAuth(d->auth);
        connect(g, &UploadGate::answered, this, [this](const QByteArray &method, const QString &path, int status, qint64 ms) {
            d->log(method, path, status, ms);
        });
    }

    d->stopping = false;
    d->requests = std::make_unique<JobQueue>(dbPath, kRequestWorkers, kRequestQueue);
    d->analyses = std::make_unique<JobQueue>(dbPath, o.workers, o.maxQueued);
    d->delivery = std::make_unique<QObject>();
    d->context.requests = d->requests.get();
    d->context.analyses = d->analyses.get();
    d->context.captures = captures;
    d->context.engineVersion = QStringLiteral(PACKETLENS_VERSION);
    d->context.settingsHash = analysisSettingsHash(AnalyzerSettings());
    d->context.stopping = &d->stopping;
    QObject *delivery = d->delivery.get();
    Private *priv = d.get();
    d->context.deliver = [delivery, priv](quint64 id, const ApiResponse &r) {
        QMetaObject::invokeMethod(delivery, [priv, id, r] { priv->send(id, r); }, Qt::QueuedConnection);
    };
    d->analysis = std::make_unique<AnalysisController>(d->context);

    for (const Route &route : routeTable()) {
        const Route *r = &route;
        const bool ok = route.path.contains(QLatin1Char('{'))
            ? http->route(qtPathRule(route), qtMethod(route.method),
                          [priv, r](const QString &fileId, const QHttpServerRequest &req, QHttpServerResponder &&resp) {
                              priv->dispatch(*r, fileId, req, std::move(resp));
                          })
            : http->route(qtPathRule(route), qtMethod(route.method),
                          [priv, r](const QHttpServerRequest &req, QHttpServerResponder &&resp) {
                              priv->dispatch(*r, QString(), req, std::move(resp));
                          });
        if (!ok) {
            *error = QStringLiteral("cannot register %1 %2").arg(QString::fromLatin1(route.method), route.path);
            d->http = std::move(http);
            d->stop();
            return false;
        }
    }
    // Requests the gate let through but QHttpServer's router does not match
    // (e.g. an id with an encoded slash).
    http->setMissingHandler([priv](const QHttpServerRequest &req, QHttpServerResponder &&resp) {
        const RouteMatch m = matchRoute(methodName(req.method()), req.url().path());
        ApiResponse r = m.pathKnown ? ApiResponse::error(ApiError::MethodNotAllowed, QStringLiteral("method not allowed"))
                                    : ApiResponse::error(ApiError::UnknownRoute, QStringLiteral("no route %1").arg(req.url().path()));
        if (m.pathKnown)
            r.headers.append({"Allow", m.allowed});
        writeResponse(resp, r);
        priv->log(methodName(req.method()), req.url().path(), r.status, 0);
    });
    for (UploadGate *g : std::as_const(gates))
        http->bind(g);
    d->http = std::move(http);

    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(o.bind == QHostAddress::Any || o.bind == QHostAddress::AnyIPv4 ? QStringLiteral("127.0.0.1")
                : o.bind == QHostAddress::AnyIPv6                               ? QStringLiteral("::1")
                                                                                : o.bind.toString());
    url.setPort(port);
    url.setPath(QStringLiteral("/"));
    d->url = url;
    return true;
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

QString RestServer::apiKey() const
{
    return d->apiKey;
}

} // namespace packetlens
