// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordedanalysis.h"
#include "core/util/versions.h"

#include "../history/historystore.h"
#include "../util/sha256.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QThread>

#include <algorithm>
#include <optional>

namespace packetlens {

namespace {
const QString kEngine = engineVersion();

// Claims the analysis of these bytes; while another live process analyzes
// the same bytes with the same settings, waits for it and takes its report,
// so that each capture is analyzed and stored once however many workers are
// given it. The other process' row is polled (SQLite cannot tell another
// process that a row changed): at 50 ms first, then at most every second.
// A cancel returns Failed at once; the caller's analysis then stops at once.
HistoryStore::Claim claimOrWait(HistoryStore &store, const HistoryStore::CaptureInfo &info, const QString &settingsHash,
                                bool refresh, const std::atomic<bool> *cancel, QString *error)
{
    int pauseMs = 50;
    for (;;) {
        HistoryStore::Claim claim = store.claimAnalysis(info, kEngine, settingsHash, refresh, error);
        if (claim.kind != HistoryStore::Claim::Kind::Busy)
            return claim;
        for (int waited = 0; waited < pauseMs; waited += 10) {
            if (cancel && cancel->load())
                return {};
            QThread::msleep(10); // the pace of polling another process' row; a cancel is seen within 10 ms
        }
        pauseMs = std::min(pauseMs * 2, 1000);
    }
}

// The SHA-256 the reports name (the archive's for a zip), else the file's.
QString shaOfOutcomes(const QList<AnalysisOutcome> &outcomes, const QString &path, const std::atomic<bool> *cancel)
{
    for (const AnalysisOutcome &o : outcomes) {
        if (o.status != AnalysisOutcome::Status::Ok)
            continue;
        const CaptureSection &cap = o.report.capture;
        const QString sha = cap.containerSha256.isEmpty() ? cap.sha256 : cap.containerSha256;
        if (!sha.isEmpty())
            return sha;
    }
    return cancel && cancel->load() ? QString() : Sha256::ofFile(path, cancel);
}

// The first outcome completes the claimed analysis; further captures of an
// archive get rows of their own.
void recordOutcomes(HistoryStore &store, qint64 captureId, const QString &settingsHash, RecordedAnalysis &r)
{
    for (int i = 0; i < r.outcomes.size(); ++i) {
        const AnalysisOutcome &o = r.outcomes[i];
        const qint64 id = i == 0 ? r.analysisId : store.beginAnalysis(captureId, kEngine, settingsHash, &r.historyError);
        if (id < 0)
            continue;
        if (o.status == AnalysisOutcome::Status::Ok && !o.fileChanged)
            store.finishAnalysis(id, o.report, &r.historyError);
        else if (o.fileChanged)
            store.failAnalysis(id, QStringLiteral("failed"), o.report.capture.warnings.value(0), &r.historyError);
        else
            store.failAnalysis(id, o.status == AnalysisOutcome::Status::Cancelled ? QStringLiteral("cancelled") : QStringLiteral("failed"),
                               o.message, &r.historyError);
    }
}

RecordedAnalysis answeredFromHistory(RecordedAnalysis &r, const QFileInfo &fi, const Report &report)
{
    AnalysisOutcome o;
    o.name = fi.fileName();
    o.report = report;
    r.outcomes = {o};
    r.fromHistory = true;
    return r;
}
} // namespace

QString analysisSettingsHash(const AnalyzerSettings &s)
{
    const DetectionSettings defaults;
    const DetectionSettings &d = s.detection ? *s.detection : defaults;
    QJsonObject settings{{QStringLiteral("detect"), s.detect},
                         {QStringLiteral("detection"), d.values()},
                         {QStringLiteral("allow"), d.allow.fingerprint()},
                         {QStringLiteral("iocs"), d.iocs.fingerprint()},
                         {QStringLiteral("top"), s.limits.topN},
                         {QStringLiteral("max_list"), s.limits.maxListItems},
                         {QStringLiteral("max_flows"), qint64(s.maxFlows)},
                         {QStringLiteral("max_endpoints"), qint64(s.maxEndpoints)}};
    if (!s.health) // only when off: the reports recorded with health on keep their hash
        settings.insert(QStringLiteral("health"), false);
    return settingsHash(settings);
}

RecordedAnalysis analyzeAndRecord(AnalysisRequest request, HistoryStore *store, const QString &settingsHash,
                                  const RecordOptions &options, const std::atomic<bool> *cancel)
{
    RecordedAnalysis r;
    const QFileInfo fi(request.path);
    if (!store || !fi.isFile()) {
        r.outcomes = AnalysisService::analyze(request, cancel, options.progress, options.listener);
        return r;
    }
    request.stamp = FileStamp::ofPath(request.path); // before the hash: a change after it is found
    if (request.knownSha256.isEmpty()) {
        // Small files are hashed first (a repeat is answered before any
        // packet is read). Larger ones are analyzed at once while the hash
        // runs beside: the CLI asks the history as soon as the hash is known
        // and stops reading when it has the report; the app trusts path,
        // size and time.
        if (fi.size() <= options.hashFirstUpTo)
            request.knownSha256 = Sha256::ofFile(request.path, cancel);
        else if (!options.hashFirst)
            request.knownSha256 = store->knownSha256(fi.absoluteFilePath(), fi.size(), fi.lastModified());
    }
    HistoryStore::CaptureInfo info;
    info.sha256 = request.knownSha256;
    info.name = fi.fileName();
    info.sizeBytes = fi.size();
    info.location = fi.absoluteFilePath();
    qint64 captureId = -1;
    std::optional<Report> stored; // the history's report, found while the packets were read
    // Recorded as running while it runs: a crash leaves it "interrupted".
    auto claim = [&] {
        const HistoryStore::Claim c = claimOrWait(*store, info, settingsHash, options.refresh, cancel, &r.historyError);
        if (c.kind == HistoryStore::Claim::Kind::Cached || c.kind == HistoryStore::Claim::Kind::Claimed)
            r.analysisId = c.analysisId;
        if (c.kind == HistoryStore::Claim::Kind::Cached)
            stored = c.report;
        if (c.kind == HistoryStore::Claim::Kind::Claimed)
            captureId = c.captureId;
        return stored.has_value();
    };
    if (!info.sha256.isEmpty() && claim())
        return answeredFromHistory(r, fi, *stored);
    if (info.sha256.isEmpty() && options.hashFirst)
        request.onHashKnown = [&](const QString &sha) {
            info.sha256 = sha;
            return claim();
        };
    // While it runs, the row's heartbeat says its owner is alive (other
    // machines sharing the history judge abandoned analyses by it).
    QElapsedTimer sinceBeat;
    sinceBeat.start();
    auto progress = [&](const AnalysisProgress &p) {
        if (r.analysisId >= 0 && sinceBeat.elapsed() >= HistoryStore::kHeartbeatSeconds * 1000) {
            store->setProgress(r.analysisId, p.total ? double(p.position) / double(p.total) : 0.0);
            sinceBeat.restart();
        }
        if (options.progress)
            options.progress(p);
    };
    r.outcomes = AnalysisService::analyze(request, cancel, progress, options.listener);
    if (stored)
        return answeredFromHistory(r, fi, *stored);
    if (info.sha256.isEmpty()) {
        // Hashed beside the analysis. The report is in hand: another process
        // that stored (or is storing) the same bytes meanwhile keeps its row,
        // none is added.
        info.sha256 = shaOfOutcomes(r.outcomes, request.path, cancel);
        if (info.sha256.isEmpty())
            return r;
        const HistoryStore::Claim claim = store->claimAnalysis(info, kEngine, settingsHash, options.refresh, &r.historyError);
        if (claim.kind != HistoryStore::Claim::Kind::Busy)
            r.analysisId = claim.analysisId;
        if (claim.kind != HistoryStore::Claim::Kind::Claimed)
            return r;
        captureId = claim.captureId;
    }
    if (r.analysisId >= 0)
        recordOutcomes(*store, captureId, settingsHash, r);
    return r;
}

} // namespace packetlens
