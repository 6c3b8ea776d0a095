// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "helperprocess.h"
#include "livetypes.h"
#include "savedcapture.h"

#include "../flow/packetlistener.h"

#include <QElapsedTimer>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace packetlens {

class CaptureAnalysis;
class LiveCounters;
class LiveFindings;
class LivePacketLines;
class PacketReader;

// One live capture: the capture helper (or a stream on standard input)
// feeds the one analysis engine (CaptureAnalysis: the analyzer with the
// detection engine) on the session's own thread, while every packet is
// written to the saved capture. Each second the observer gets the
// statistics; findings as soon as a detector raises them (provisional
// detection on copies of the detectors, each finding once); at the end the
// report, which is the report a file analysis of the saved capture gives.
class LiveSession
{
public:
    LiveSession(const LiveOptions &options, std::unique_ptr<SavedCapture> saved, LiveObserver *observer);
    ~LiveSession(); // stops and waits
    LiveSession(const LiveSession &) = delete;
    LiveSession &operator=(const LiveSession &) = delete;

    // Told of every packet after the analysis (a face's packet list); before start().
    void addListener(PacketListener *listener) { m_listeners.push_back(listener); }
    // Starts the capture helper and waits (up to a few seconds) until it has
    // opened the device, or starts reading the stream; false with the error
    // (no permission, no such interface, invalid filter, …) when it could not.
    bool start(LiveError *error, QString *message);
    void stop();  // thread-safe; the session ends soon after (then onLiveEnded)
    void wait();  // until it has ended
    bool running() const { return m_running; }
    // The latest statistics (thread-safe).
    LiveStats stats() const;
    QString helperPath() const { return m_helperPath; }

private:
    void run();
    bool openReader(std::unique_ptr<PacketReader> &reader, LiveResult &result);
    void readPackets(PacketReader &reader, CaptureAnalysis &analysis, LiveResult &result);
    void tick(bool idle);
    void publishStats();
    void evaluateFindings(bool idle);
    void finishSession(CaptureAnalysis *analysis, LiveResult &result);
    void noteHelperEnd(LiveResult &result);
    int64_t nowMs() const { return m_clock.elapsed(); }

    LiveOptions m_options;
    std::unique_ptr<SavedCapture> m_saved;
    LiveObserver *m_observer;
    std::vector<PacketListener *> m_listeners;
    QString m_helperPath;
    HelperProcess m_helper;
    std::thread m_thread;
    std::atomic<bool> m_stop{false}, m_running{false};
    bool m_limitHit = false; // a stop condition of a stream was reached (the helper applies its own)
    QElapsedTimer m_clock;
    int64_t m_stopAskedMs = -1;

    // Session thread only.
    CaptureAnalysis *m_analysis = nullptr;
    std::unique_ptr<LiveCounters> m_counters;
    std::unique_ptr<LivePacketLines> m_lines;
    std::unique_ptr<LiveFindings> m_findings;
    int64_t m_lastTickMs = 0, m_lastStatsMs = 0, m_lastPacketNs = 0;
    quint64 m_statsPackets = 0, m_statsBytes = 0;
    std::map<uint32_t, PcapngWriter::Stats> m_dropsByInterface; // the latest statistics block of each
    PcapngWriter::Stats m_drops;                                // their sum
    bool m_hasDrops = false;

    mutable std::mutex m_statsLock;
    LiveStats m_latest;
};

} // namespace packetlens
