// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysiscontroller.h"

#include "filescontroller.h"

#include "core/export/bundle.h"
#include "core/export/htmlreport.h"
#include "core/history/historystore.h"
#include "core/report/reportjson.h"
#include "core/report/reportsummary.h"
#include "core/report/timeformat.h"
#include "core/service/recordedanalysis.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

namespace packetlens {

struct AnalysisController::Active
{
    CaptureStore::Record record;
    std::atomic<bool> cancel{false};
    std::atomic<bool> running{false};
    std::atomic<double> progress{0.0};
    QList<quint64> pendingDeletes; // server thread only
    int attempt = 1;
};

namespace {
// The captures a file holds, each with the URL of its own report.
QJsonArray entriesJson(const QString &fileId, const QList<CaptureStore::Entry> &entries)
{
    QJsonArray list;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const CaptureStore::Entry &e = entries[i];
        list.append(QJsonObject{{QStringLiteral("entry"), int(i + 1)},
                                {QStringLiteral("analysis_id"), e.analysisId},
                                {QStringLiteral("file_name"), e.fileName},
                                {QStringLiteral("packets"), e.packets},
                                {QStringLiteral("findings"), e.findings},
                                {QStringLiteral("max_severity"), e.maxSeverity.isEmpty() ? QJsonValue() : QJsonValue(e.maxSeverity)},
                                {QStringLiteral("report_url"), QStringLiteral("%1?entry=%2").arg(reportUrl(fileId)).arg(i + 1)}});
    }
    return list;
}

// The answer to a request about a capture whose analysis is done (on a worker).
ApiResponse doneResponse(AnalysisController::Want want, const QString &language, const CaptureStore &captures,
                         const CaptureStore::Record &rec, const CaptureStore::AnalysisRow &row, const QList<CaptureStore::Entry> &entries)
{
    const QString id = CaptureStore::fileId(rec.sha256);
    switch (want) {
    case AnalysisController::Want::Status:
        return ApiResponse::json(200, QJsonObject{{QStringLiteral("status"), QStringLiteral("done")},
                                                  {QStringLiteral("file_id"), id},
                                                  {QStringLiteral("analysis_id"), row.id},
                                                  {QStringLiteral("summary"), reportSummary(*row.report)},
                                                  {QStringLiteral("report_url"), reportUrl(id)},
                                                  {QStringLiteral("entries"), entriesJson(id, entries)}});
    case AnalysisController::Want::ReportJson:
        return ApiResponse::bytes(200, "application/json", ReportJson::toBytes(*row.report));
    case AnalysisController::Want::ReportHtml:
        return ApiResponse::bytes(200, "text/html; charset=utf-8", HtmlReport::render(*row.report, language).toUtf8());
    case AnalysisController::Want::ReportZip: {
        QTemporaryDir tmp;
        QString why;
        const QString path = tmp.filePath(QStringLiteral("bundle.zip"));
        QFile f(path);
        const QString capture = captures.pathOf(rec);
        if (!tmp.isValid() || !writeBundle(*row.report, capture, path, &why) || !f.open(QIODevice::ReadOnly)) {
            if (!QFileInfo::exists(capture)) // deleted (DELETE /files) while the bundle was being written
                return ApiResponse::error(ApiError::NotFound, QStringLiteral("no file %1").arg(id));
            return ApiResponse::error(ApiError::Internal, QStringLiteral("cannot write the bundle: %1").arg(why));
        }
        ApiResponse r = ApiResponse::bytes(200, "application/zip", f.readAll());
        QByteArray base = rec.name.toUtf8();
        base.replace('"', '_');
        r.headers.append({"Content-Disposition", "attachment; filename=\"" + base + "-report.zip\""});
        return r;
    }
    }
    return ApiResponse::error(ApiError::Internal, QStringLiteral("unknown request"));
}
} // namespace

QJsonObject reportSummary(const Report &report)
{
    const ReportSummary summary = ReportSummary::of(report);
    const CaptureSection &cap = report.capture;
    const auto ts = [&cap](const std::optional<int64_t> &ns) { return ns ? QJsonValue(isoTimestamp(*ns, cap.timeDigits)) : QJsonValue(); };
    QJsonObject s{{QStringLiteral("file_name"), cap.fileName},
                  {QStringLiteral("format"), cap.format},
                  {QStringLiteral("packets"), cap.packets},
                  {QStringLiteral("bytes"), cap.bytes},
                  {QStringLiteral("first_ts"), ts(cap.firstNs)},
                  {QStringLiteral("last_ts"), ts(cap.lastNs)},
                  {QStringLiteral("duration_s"), cap.durationS},
                  {QStringLiteral("truncated"), cap.truncated},
                  {QStringLiteral("findings"), summary.findings}};
    if (!cap.container.isEmpty())
        s.insert(QStringLiteral("container"), cap.container);
    QJsonObject bySeverity;
    for (int i = 0; i < kSeverityCount; ++i)
        if (summary.bySeverity[size_t(i)])
            bySeverity.insert(severityName(Severity(i)), summary.bySeverity[size_t(i)]);
    s.insert(QStringLiteral("findings_by_severity"), bySeverity);
    QJsonArray ips;
    for (const SuspiciousIp &ip : report.detection.suspiciousIps) {
        if (ips.size() == 5)
            break;
        ips.append(ReportJson::suspiciousIpToJson(ip));
    }
    s.insert(QStringLiteral("suspicious_ips"), ips);
    return s;
}

AnalysisController::AnalysisController(const ServerContext &context, QObject *parent)
    : QObject(parent), m_context(context)
{
}

AnalysisController::~AnalysisController()
{
    cancelAll();
}

void AnalysisController::cancelAll()
{
    for (const auto &a : std::as_const(m_active))
        a->cancel = true;
}

ApiResponse AnalysisController::progressResponse(const QString &fileId, const Active &a)
{
    ApiResponse r = ApiResponse::json(202, QJsonObject{{QStringLiteral("status"), a.running ? QStringLiteral("running") : QStringLiteral("queued")},
                                                       {QStringLiteral("progress"), a.progress.load()},
                                                       {QStringLiteral("file_id"), fileId},
                                                       {QStringLiteral("analysis_url"), analysisUrl(fileId)}});
    r.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("1")));
    return r;
}

void AnalysisController::get(const QString &fileId, Want want, const QString &language, int entry, quint64 replyId)
{
    if (const auto it = m_active.constFind(fileId); it != m_active.constEnd()) {
        m_context.deliver(replyId, progressResponse(fileId, **it));
        return;
    }
    if (const auto it = m_unrecordedFailures.constFind(fileId); it != m_unrecordedFailures.constEnd()) {
        m_context.deliver(replyId, *it);
        return;
    }
    // Ask the history; start an analysis when it has none for these settings.
    const ServerContext *ctx = &m_context;
    const bool queued = m_context.requests->submit([=, this](HistoryStore *store, const QString &why) {
        if (!store) {
            ctx->deliver(replyId, ApiResponse::error(ApiError::Internal, QStringLiteral("history database unavailable: %1").arg(why)));
            return;
        }
        const auto rec = CaptureStore::find(*store, fileId);
        if (!rec) {
            ctx->deliver(replyId, ApiResponse::error(ApiError::NotFound, QStringLiteral("no file %1").arg(fileId)));
            return;
        }
        auto row = CaptureStore::latestAnalysis(*store, rec->id, ctx->engineVersion, ctx->settingsHash, entry == 0);
        if (row && row->status == QLatin1String("done")) {
            const QList<CaptureStore::Entry> entries = want == Want::Status || entry > 0
                                                           ? CaptureStore::entries(*store, rec->id, ctx->engineVersion, ctx->settingsHash)
                                                           : QList<CaptureStore::Entry>();
            if (entry > 0) {
                const auto chosen = entry <= entries.size() ? CaptureStore::analysisOf(*store, rec->id, entries[entry - 1].analysisId)
                                                            : std::nullopt;
                if (!chosen) {
                    ctx->deliver(replyId, ApiResponse::error(ApiError::NotFound, QStringLiteral("file %1 holds %2 analyzed capture(s); entry is 1..%2")
                                                                                     .arg(fileId).arg(entries.size())));
                    return;
                }
                row = chosen;
            }
            if (!row->report) { // stored text that is no report: say so, never guess
                ctx->deliver(replyId, ApiResponse::error(ApiError::Internal, QStringLiteral("the stored report of %1 cannot be read").arg(fileId)));
                return;
            }
            ctx->deliver(replyId, doneResponse(want, language, ctx->captures, *rec, *row, entries));
            return;
        }
        if (row && row->status == QLatin1String("failed")) {
            ctx->deliver(replyId, ApiResponse::error(ApiError::AnalysisFailed, row->error));
            return;
        }
        // No analysis: the file may have been deleted (with its analyses, in
        // one statement) between the two reads above; then it is gone, not
        // to be analyzed again.
        if (!row && !CaptureStore::find(*store, fileId)) {
            ctx->deliver(replyId, ApiResponse::error(ApiError::NotFound, QStringLiteral("no file %1").arg(fileId)));
            return;
        }
        // None yet, or cancelled/interrupted: (re)start it on the server thread.
        QMetaObject::invokeMethod(this, [this, rec = *rec, replyId] { start(rec, replyId); }, Qt::QueuedConnection);
    });
    if (!queued)
        m_context.deliver(replyId, ApiResponse::error(ApiError::QueueFull, QStringLiteral("the server is busy; try again shortly")));
}

namespace {
// An analysis whose history connection was found gone runs again on a new
// one; a database that stays unavailable fails it after this many.
constexpr int kMaxAttempts = 3;
} // namespace

void AnalysisController::start(const CaptureStore::Record &record, quint64 replyId, int attempt)
{
    const QString fileId = CaptureStore::fileId(record.sha256);
    if (const auto it = m_active.constFind(fileId); it != m_active.constEnd()) {
        m_context.deliver(replyId, progressResponse(fileId, **it));
        return;
    }
    auto active = std::make_shared<Active>();
    active->record = record;
    active->attempt = attempt;
    const ServerContext *ctx = &m_context;
    const bool queued = m_context.analyses->submit([this, active, ctx, fileId](HistoryStore *store, const QString &why) {
        std::optional<ApiResponse> failure;
        bool again = false; // the connection was gone (a replaced database): not the capture's fault
        if (!store) {
            failure = ApiResponse::error(ApiError::Internal, QStringLiteral("history database unavailable: %1").arg(why));
            again = active->attempt < kMaxAttempts;
        } else if (!active->cancel) {
            active->running = true;
            AnalysisRequest request;
            request.path = ctx->captures.pathOf(active->record);
            request.knownSha256 = active->record.sha256;
            RecordOptions options;
            options.progress = [active](const AnalysisProgress &p) {
                if (p.total > 0)
                    active->progress = std::min(1.0, double(p.position) / double(p.total));
            };
            const RecordedAnalysis r = analyzeAndRecord(request, store, ctx->settingsHash, options, &active->cancel);
            bool anyOk = false;
            QString message;
            for (const AnalysisOutcome &o : r.outcomes) {
                anyOk = anyOk || o.status == AnalysisOutcome::Status::Ok;
                if (o.status == AnalysisOutcome::Status::Failed && message.isEmpty())
                    message = o.message;
            }
            // A failure the history holds is answered from it; one it could
            // not record (the file is gone, the database failed) from memory.
            if (!anyOk && !message.isEmpty() && r.analysisId < 0) {
                failure = ApiResponse::error(ApiError::AnalysisFailed, message);
                if (!store->isOpen()) {
                    JobQueue::reconnectEverywhere();
                    again = active->attempt < kMaxAttempts;
                }
            }
        }
        QMetaObject::invokeMethod(
            this, [this, fileId, failure, again] { again ? retry(fileId) : finished(fileId, failure); }, Qt::QueuedConnection);
    });
    if (!queued) {
        m_context.deliver(replyId, ApiResponse::error(ApiError::QueueFull, QStringLiteral("the analysis queue is full; try again shortly")));
        return;
    }
    m_active.insert(fileId, active);
    m_context.deliver(replyId, progressResponse(fileId, *active));
}

void AnalysisController::finished(const QString &fileId, const std::optional<ApiResponse> &failure)
{
    const std::shared_ptr<Active> active = m_active.take(fileId);
    if (failure && !(active && active->cancel))
        m_unrecordedFailures.insert(fileId, *failure);
    if (!active)
        return;
    for (const quint64 replyId : std::as_const(active->pendingDeletes))
        remove(fileId, replyId);
}

void AnalysisController::retry(const QString &fileId)
{
    const std::shared_ptr<Active> active = m_active.take(fileId);
    if (!active)
        return;
    if (active->cancel) { // deleted meanwhile: as finished() does
        for (const quint64 replyId : std::as_const(active->pendingDeletes))
            remove(fileId, replyId);
        return;
    }
    start(active->record, 0, active->attempt + 1); // (reply 0: none waits; GET answers from m_active)
}

void AnalysisController::remove(const QString &fileId, quint64 replyId)
{
    if (const auto it = m_active.constFind(fileId); it != m_active.constEnd()) {
        // Stop the analysis first; the file goes when it has returned.
        (*it)->cancel = true;
        (*it)->pendingDeletes.append(replyId);
        return;
    }
    m_unrecordedFailures.remove(fileId);
    const CaptureStore captures = m_context.captures;
    m_context.onRequestPool(replyId, [captures, fileId](HistoryStore &store) {
        return FilesController::remove(store, captures, fileId);
    });
}

} // namespace packetlens
