// SPDX-License-Identifier: GPL-3.0-or-later
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

struct RecordOptions
{
    bool refresh = false;   // analyze again even when the history has a report
    // Answer a repeat by the file's content (the CLI): files up to
    // hashFirstUpTo are hashed before anything else (256 MiB take about
    // 0.2 s); larger ones are analyzed at once with the hash computed beside,
    // and the history is asked the moment the hash is known, the reading
    // stopped when it has the report (an unseen capture costs no more than
    // without the history, a seen one about the time of its hash). When false
    // (the app), larger files are answered from the history only when it
    // knows them by path, size and time.
    bool hashFirst = true;
    qint64 hashFirstUpTo = 256ll << 20;
    AnalysisService::ProgressFn progress;
    PacketListener *listener = nullptr; // told of every packet, as the analyzer's last listener
};

RecordedAnalysis analyzeAndRecord(AnalysisRequest request, HistoryStore *store, const QString &settingsHash,
                                  const RecordOptions &options, const std::atomic<bool> *cancel = nullptr);

} // namespace packetlens
