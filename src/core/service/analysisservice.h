// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../analysis/analyzer.h"
#include "../capture/captureopener.h"
#include "../flow/packetlistener.h"
#include "../report/report.h"
#include "../util/filestamp.h"

#include <QList>
#include <QString>

#include <atomic>
#include <functional>

namespace packetlens {

struct AnalysisRequest
{
    QString path;
    QString knownSha256; // the file's SHA-256 when the caller has it already (not hashed again)
    // The file as it was when that SHA-256 was taken (analyzeAndRecord); when
    // not valid, as it is when the analysis starts.
    FileStamp stamp;
    OpenOptions open;
    AnalyzerSettings analyzer;
    // Told the file's SHA-256, on the reading thread, as soon as the hash
    // computed beside the reading has it (never when knownSha256 is given);
    // true stops the reading (the caller has the report from elsewhere, the
    // outcome is Cancelled).
    std::function<bool(const QString &sha256)> onHashKnown;
};

struct AnalysisProgress
{
    QString name;          // capture being read
    uint64_t packets = 0;
    uint64_t position = 0; // bytes of the file consumed
    uint64_t total = 0;    // file size
};

// Result of analyzing one capture (a zip yields one per capture entry).
struct AnalysisOutcome
{
    enum class Status { Ok, Failed, Cancelled };
    Status status = Status::Ok;
    InputError error = InputError::None;
    QString name;
    QString message;     // error text when failed
    Report report;       // filled when status is Ok
    // Another program changed the file while it was read (wrote to it, cut it
    // short, replaced it since it was hashed): the report says so in its
    // warnings and may mix old and new bytes, so it is never recorded as the
    // report of the file's SHA-256.
    bool fileChanged = false;
};

// The one entry point the GUI, CLI and REST server use to analyze captures:
// opens the capture, runs the analyzer with the detection engine (and the
// face's own listener, if any) over each capture in it, and assembles the
// reports. Blocking; run it on a worker thread. Thread-safe: holds no shared
// state.
class AnalysisService
{
public:
    using ProgressFn = std::function<void(const AnalysisProgress &)>;

    static QList<AnalysisOutcome> analyze(const AnalysisRequest &request,
                                          const std::atomic<bool> *cancel = nullptr,
                                          const ProgressFn &progress = {},
                                          PacketListener *listener = nullptr);
};

} // namespace packetlens
