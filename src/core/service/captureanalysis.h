// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../analysis/analyzer.h"
#include "../detect/finding.h"
#include "../flow/packetlistener.h"
#include "../report/report.h"

#include <memory>

namespace packetlens {

class DetectionEngine;
class ObjectLog;

// One capture's analysis: the analyzer with the detection engine (when
// detection is on) as its first listener and the object log (the files the
// capture carried, hashed for the report and the indicator lists) next, fed packet by packet, and the
// report at the end. AnalysisService runs one per capture of a file; a live
// source feeds one as packets arrive; tests feed one with built packets.
class CaptureAnalysis
{
public:
    explicit CaptureAnalysis(const AnalyzerSettings &settings);
    ~CaptureAnalysis();
    CaptureAnalysis(const CaptureAnalysis &) = delete;
    CaptureAnalysis &operator=(const CaptureAnalysis &) = delete;

    // Told of every packet after the detectors (a face's packet list).
    void addListener(PacketListener *listener) { m_analyzer.addListener(listener); }
    void addPacket(const RawPacket &pkt) { m_analyzer.addPacket(pkt); }
    uint64_t packets() const { return m_analyzer.packets(); }
    const Analyzer &analyzer() const { return m_analyzer; }
    // A live capture's findings so far: what the report would hold if the
    // capture ended now; nothing changes (empty without detection, or after
    // finish()).
    std::vector<Finding> provisionalFindings() const;
    // Ends the analysis and builds the report (once): the detectors draw up
    // their findings and free their state on another thread while the
    // statistics are written here.
    Report finish(const CaptureMeta &meta);

private:
    Analyzer m_analyzer;
    std::unique_ptr<DetectionEngine> m_engine;
    std::unique_ptr<ObjectLog> m_objects;
};

} // namespace packetlens
