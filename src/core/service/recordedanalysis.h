#pragma once

#include "analysisservice.h"

namespace packetlens {

class HistoryStore;

// Analysis through the history: a capture whose bytes were analyzed before
// with the same engine and settings is answered from the store; otherwise it
// is analyzed and the result (or the failure) recorded. The GUI, CLI and REST
// server all use this.
struct RecordedAnalysis
{
    QList<AnalysisOutcome> outcomes;
    bool fromHistory = false;
    qint64 analysisId = -1; // the stored (or reused) analysis
    QString historyError;   // recording failed (the analysis itself may be fine)
};

// Everything that changes a report besides the capture's bytes, hashed: two
// analyses with the same hash and engine version give the same report.
QString analysisSettingsHash(const AnalyzerSettings &settings);

RecordedAnalysis analyzeAndRecord(AnalysisRequest request, HistoryStore *store, const QString &settingsHash,
                                  bool refresh, const std::atomic<bool> *cancel = nullptr,
                                  const AnalysisService::ProgressFn &progress = {});

} // namespace packetlens
