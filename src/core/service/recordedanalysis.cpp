#include "recordedanalysis.h"

#include "../history/historystore.h"
#include "../util/sha256.h"

#include <QElapsedTimer>
#include <QFileInfo>

namespace packetlens {

namespace {
const QString kEngine = QStringLiteral(PACKETLENS_VERSION);
} // namespace

QString analysisSettingsHash(const AnalyzerSettings &s)
{
    const DetectionSettings defaults;
    const DetectionSettings &d = s.detection ? *s.detection : defaults;
    return settingsHash(QJsonObject{{QStringLiteral("detect"), s.detect},
                                    {QStringLiteral("detection"), d.values()},
                                    {QStringLiteral("allow"), d.allow.fingerprint()},
                                    {QStringLiteral("iocs"), d.iocs.fingerprint()},
                                    {QStringLiteral("top"), s.limits.topN},
                                    {QStringLiteral("max_list"), s.limits.maxListItems},
                                    {QStringLiteral("max_flows"), qint64(s.maxFlows)},
                                    {QStringLiteral("max_endpoints"), qint64(s.maxEndpoints)}});
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
    if (request.knownSha256.isEmpty()) {
        const bool hashNow = options.hashFirst || fi.size() <= options.hashFirstUpTo;
        request.knownSha256 = hashNow ? Sha256::ofFile(request.path, cancel)
                                      : store->knownSha256(fi.absoluteFilePath(), fi.size(), fi.lastModified());
    }
    if (!options.refresh && !request.knownSha256.isEmpty()) {
        if (auto cached = store->cachedReport(request.knownSha256, kEngine, settingsHash, &r.analysisId)) {
            AnalysisOutcome o;
            o.name = fi.fileName();
            o.report = *cached;
            r.outcomes << o;
            r.fromHistory = true;
            return r;
        }
    }
    HistoryStore::CaptureInfo info;
    info.sha256 = request.knownSha256;
    info.name = fi.fileName();
    info.sizeBytes = fi.size();
    info.location = fi.absoluteFilePath();
    qint64 captureId = -1;
    auto begin = [&] {
        captureId = info.sha256.isEmpty() ? -1 : store->upsertCapture(info, &r.historyError);
        r.analysisId = captureId >= 0 ? store->beginAnalysis(captureId, kEngine, settingsHash, &r.historyError) : -1;
    };
    if (!info.sha256.isEmpty())
        begin(); // recorded as running while it runs: a crash leaves it "interrupted"
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
    if (info.sha256.isEmpty()) {
        // Hashed beside the analysis: the report names the file's hash (the
        // archive's for a zip).
        for (const AnalysisOutcome &o : std::as_const(r.outcomes)) {
            if (o.status != AnalysisOutcome::Status::Ok)
                continue;
            const CaptureSection &cap = o.report.capture;
            info.sha256 = cap.containerSha256.isEmpty() ? cap.sha256 : cap.containerSha256;
            if (!info.sha256.isEmpty())
                break;
        }
        if (info.sha256.isEmpty() && !(cancel && cancel->load()))
            info.sha256 = Sha256::ofFile(request.path, cancel);
        if (!info.sha256.isEmpty())
            begin();
    }
    if (r.analysisId < 0)
        return r;
    // The first outcome completes the analysis begun above; further captures
    // of an archive get rows of their own.
    for (int i = 0; i < r.outcomes.size(); ++i) {
        const AnalysisOutcome &o = r.outcomes[i];
        const qint64 id = i == 0 ? r.analysisId : store->beginAnalysis(captureId, kEngine, settingsHash, &r.historyError);
        if (id < 0)
            continue;
        if (o.status == AnalysisOutcome::Status::Ok)
            store->finishAnalysis(id, o.report, &r.historyError);
        else
            store->failAnalysis(id, o.status == AnalysisOutcome::Status::Cancelled ? QStringLiteral("cancelled") : QStringLiteral("failed"),
                                o.message, &r.historyError);
    }
    return r;
}

} // namespace packetlens
