#include "recordedanalysis.h"

#include "../history/historystore.h"
#include "../util/sha256.h"

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
                                  bool refresh, const std::atomic<bool> *cancel,
                                  const AnalysisService::ProgressFn &progress)
{
    RecordedAnalysis r;
    const QFileInfo fi(request.path);
    if (!store || !fi.isFile()) {
        r.outcomes = AnalysisService::analyze(request, cancel, progress);
        return r;
    }
    request.knownSha256 = Sha256::ofFile(request.path, cancel);
    if (!refresh && !request.knownSha256.isEmpty()) {
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
    const qint64 captureId = request.knownSha256.isEmpty() ? -1 : store->upsertCapture(info, &r.historyError);
    r.analysisId = captureId >= 0 ? store->beginAnalysis(captureId, kEngine, settingsHash, &r.historyError) : -1;
    r.outcomes = AnalysisService::analyze(request, cancel, progress);
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
