// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "message.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace packetlens {

// The report's `health` section (docs/report-schema.md): how the network
// behaved, in the manner of Wireshark's Expert Information and TCP analysis.
// Times are nanoseconds since the epoch; durations are seconds.

// One measure's distribution: median, 95th percentile and maximum.
struct LatencyStats
{
    qint64 count = 0;
    double medianS = 0, p95S = 0, maxS = 0;
    bool sampled = false; // the quantiles come from a sample (more values than were kept)
    bool operator==(const LatencyStats &) const = default;
};

struct ServerLatency
{
    QString kind;   // "dns", "http", "tls_handshake", "tcp_handshake"
    QString server; // IP address
    LatencyStats stats;
    bool operator==(const ServerLatency &) const = default;
};

struct LatencySection
{
    LatencyStats tcpHandshake, tcpServer, tcpClient, dns, http, tlsHandshake;
    std::vector<ServerLatency> slowestServers; // per kind, slowest median first
    bool operator==(const LatencySection &) const = default;
};

// Counts by name, ordered by name (as the JSON objects hold them).
using NamedCounts = std::vector<std::pair<QString, qint64>>;

struct TcpConversationHealth
{
    QString src, dst;
    int sport = 0, dport = 0;
    qint64 packets = 0, bytes = 0;
    qint64 badPackets = 0; // frames with a problem flag (not window updates or keep-alives)
    NamedCounts analysis; // non-zero flags only
    std::optional<double> handshakeRttS;
    int64_t firstNs = 0, lastNs = 0;
    std::vector<qint64> evidencePackets;
    bool operator==(const TcpConversationHealth &) const = default;
};

struct TcpHostHealth
{
    QString ip;
    qint64 badPackets = 0; // problem flags on frames it sent
    NamedCounts analysis;
    qint64 resetsSent = 0, refused = 0, unanswered = 0; // the last two as the server asked
    bool operator==(const TcpHostHealth &) const = default;
};

struct TcpHealthSection
{
    qint64 connections = 0;
    // Frames holding each tcp.analysis.* flag, every name (ordered by name),
    // as `tshark -Y tcp.analysis.<name>` counts them.
    NamedCounts analysis;
    qint64 resets = 0, resetsByOriginator = 0, resetsByResponder = 0, refused = 0, unanswered = 0;
    std::vector<TcpConversationHealth> conversations; // worst first
    std::vector<TcpHostHealth> hosts;                 // worst first
    bool operator==(const TcpHealthSection &) const = default;
};

// Failures counted by who saw or caused them.
struct FailureCount
{
    QString subject;                                // IP, MAC, "host/uri", …
    NamedCounts counts; // by kind, non-zero only
    bool operator==(const FailureCount &) const = default;
};

struct FailuresSection
{
    qint64 dnsQueries = 0, dnsUnanswered = 0, dnsServfail = 0, dnsRefused = 0, dnsNxdomain = 0;
    std::vector<FailureCount> dnsClients, dnsServers;
    qint64 httpResponses = 0, http4xx = 0, http5xx = 0;
    std::vector<FailureCount> httpServers, httpUris;
    qint64 tlsAlerts = 0, tlsEncryptedAlerts = 0;
    std::vector<FailureCount> tlsAlertsByServer;
    std::vector<FailureCount> icmpErrors; // by sender: unreachable, time_exceeded, fragmentation_needed
    qint64 dhcpTransactions = 0, dhcpWithoutAck = 0;
    std::vector<FailureCount> dhcpClients;
    qint64 arpRequests = 0, arpUnansweredTargets = 0;
    std::vector<FailureCount> arpUnanswered;
    std::vector<FailureCount> duplicateIps; // subject IP, counts by MAC
    qint64 fragmentationNeeded = 0, oversizedFrames = 0, largestFrame = 0;
    bool operator==(const FailuresSection &) const = default;
};

struct TalkerLoad
{
    QString ip;
    qint64 packets = 0, bytes = 0;
    int64_t peakNs = 0; // start of its busiest second
    qint64 peakPackets = 0, peakBytes = 0; // in that second
    bool operator==(const TalkerLoad &) const = default;
};

struct ConversationRate
{
    QString proto, src, dst;
    int sport = 0, dport = 0;
    qint64 bytes = 0;
    double activeS = 0, bytesPerS = 0;
    bool operator==(const ConversationRate &) const = default;
};

struct LoadSection
{
    std::optional<int64_t> peakNs; // the capture's busiest second
    qint64 peakPackets = 0, peakBytes = 0;
    std::vector<TalkerLoad> topTalkers;
    std::vector<ConversationRate> fastestConversations;
    qint64 broadcastPackets = 0, broadcastBytes = 0, multicastPackets = 0, multicastBytes = 0;
    double broadcastShare = 0, multicastShare = 0; // of all packets
    bool operator==(const LoadSection &) const = default;
};

// One thing that shows a problem, as an Expert Information entry: what, where,
// how often, the packets that show it and what it usually means.
struct HealthItem
{
    QString kind;     // "tcp_zero_window", "dns_servfail", …
    QString severity; // "note", "warning" or "error" (Wireshark's expert levels)
    QString subject;  // the host or address it concerns; "" for the whole capture
    qint64 count = 0;
    QString summary, meaning;
    QString filter;   // a display filter that shows every packet of it ("" when none can)
    int64_t firstNs = 0, lastNs = 0;
    std::vector<qint64> evidencePackets; // the earliest ones, ascending
    Message summaryMessage; // the summary as a catalogue message ("summary_message"); meaning: "health.<kind>.meaning"
    bool operator==(const HealthItem &) const = default;
};

struct HealthSection
{
    bool present = false; // false in reports written before health existed
    TcpHealthSection tcp;
    LatencySection latency;
    FailuresSection failures;
    LoadSection load;
    std::vector<HealthItem> items; // worst first
    bool operator==(const HealthSection &) const = default;
};

} // namespace packetlens
