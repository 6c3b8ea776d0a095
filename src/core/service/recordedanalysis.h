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
    // Hash the file before analyzing it so that a repeat is answered from the
    // history without reading the packets (the CLI). When false (the app) the
    // analysis starts at once, the hash is computed beside it, and only a
    // file the history already knows by path, size and time is answered from it.
    bool hashFirst = true;
    // With hashFirst false, files up to this size are hashed first all the
    // same (256 MiB take about 0.2 s), so the same bytes under another name or
    // path are still answered from the history at once.
    qint64 hashFirstUpTo = 256ll << 20;
    AnalysisService::ProgressFn progress;
    PacketListener *listener = nullptr; // told of every packet, as the analyzer's last listener
};

RecordedAnalysis analyzeAndRecord(AnalysisRequest request, HistoryStore *store, const QString &settingsHash,
                                  const RecordOptions &options, const std::atomic<bool> *cancel = nullptr);

} // namespace packetlens
