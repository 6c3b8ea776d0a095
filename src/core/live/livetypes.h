// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "liveerror.h"

#include "../analysis/analyzer.h"
#include "../report/report.h"

#include <QString>

#include <optional>
#include <vector>

namespace packetlens {

// Where a live capture's packets come from.
struct LiveSource
{
    enum class Kind { Interface, Stream };
    Kind kind = Kind::Interface;
    QString interface;  // Interface: the capture helper captures on it
    int fd = -1;        // Stream: a pcap or pcapng stream read from this descriptor (standard input)
    QString streamName = QStringLiteral("standard input");
};

struct LiveOptions
{
    LiveSource source;
    QString filter;         // capture filter (BPF)
    int snaplen = 262144;
    bool promiscuous = true;
    int bufferMiB = 64;     // the helper's kernel buffer
    // Stop conditions (0: none): seconds, packets, bytes (wire lengths).
    double durationS = 0;
    uint64_t maxPackets = 0, maxBytes = 0;
    AnalyzerSettings analyzer;
    int packetLinesPerS = 0; // packet summary lines handed to the observer (0: none)
    int statsIntervalMs = 1000;
    QString helperPath;      // empty: CaptureHelper::locate()
};

struct TalkerCount
{
    QString address;
    quint64 packets = 0, bytes = 0; // sent and received
};

// What a live capture tells each second.
struct LiveStats
{
    double elapsedS = 0;
    quint64 packets = 0, bytes = 0;
    double packetsPerS = 0, bytesPerS = 0; // over the last interval
    bool hasDropCounts = false;            // the source reports them (the capture helper does; a stream may not)
    quint64 received = 0, kernelDrops = 0, interfaceDrops = 0;
    std::vector<ProtocolNode> protocols;   // since the start, as the report's hierarchy
    std::vector<TalkerCount> topTalkers;   // by bytes
    int findings = 0;                      // reported so far
};

// One line of the packet list, as a live log shows it.
struct LivePacketLine
{
    quint64 number = 0;
    int64_t tsNs = 0;
    QString source, destination, protocol, info;
    quint32 length = 0;
};

struct LiveResult
{
    enum class End { Stopped, Limit, InterfaceDown, EndOfStream, Failed };
    End end = End::Stopped;
    LiveError error = LiveError::None;
    QString message;              // why it failed or ended early
    std::optional<Report> report; // none when no packet was captured
    QString savedPath, sha256;    // the saved capture (pcapng), once complete
    qint64 savedBytes = 0;
    quint64 packets = 0, bytes = 0, kernelDrops = 0, interfaceDrops = 0;
    double elapsedS = 0;
    int findingsReported = 0;
};
QString liveEndName(LiveResult::End end); // "stopped", "limit", "interface_down", "end_of_stream", "failed"

// Told of a live capture as it goes, on the session's thread (a face passes
// what it needs to its own thread).
class LiveObserver
{
public:
    virtual ~LiveObserver() = default;
    virtual void onLiveTick() {} // about ten times a second
    virtual void onLiveStats(const LiveStats &) {}
    // A finding the moment a detector raises it (once per finding; `id` is "L1", "L2", …).
    virtual void onLiveFinding(const ReportFinding &, int /*timeDigits*/) {}
    virtual void onLivePackets(const std::vector<LivePacketLine> &) {}
    virtual void onLiveEnded(const LiveResult &) {}
};

} // namespace packetlens
