// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "healthsection.h"
#include "message.h"
#include "severity.h"
#include "timelinesection.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace packetlens {

// The analysis report as a value (docs/report-schema.md). Built by the core,
// read by every face; turned into JSON and back only by reportjson.h.
// Timestamps are nanoseconds since the epoch; they are written with the
// capture's precision (CaptureSection::timeDigits).

struct NamedCount
{
    QString name;
    qint64 count = 0;
    bool operator==(const NamedCount &) const = default;
};

struct LinkTypeCount
{
    int linkType = 0;
    QString name, description;
    qint64 packets = 0;
    bool operator==(const LinkTypeCount &) const = default;
};

struct CaptureSection
{
    QString fileName, sha256, format;
    qint64 sizeBytes = 0;
    QString container;            // "", "gzip", "zip"
    QString containerSha256;      // zip entries only ("" otherwise)
    std::optional<qint64> containerSizeBytes;
    std::vector<LinkTypeCount> linkTypes;
    qint64 packets = 0, bytes = 0, capturedBytes = 0;
    std::optional<int64_t> firstNs, lastNs;
    double durationS = 0;
    int timeDigits = 6;           // fractional digits of every timestamp in the report
    bool truncated = false;
    std::optional<qint64> truncatedAt;
    QStringList warnings;
    bool operator==(const CaptureSection &) const = default;
};

struct TrafficStats
{
    double avgPacketBytes = 0, packetsPerS = 0, bitsPerS = 0;
    qint64 ipFragments = 0, ipDatagramsIncomplete = 0, tcpRetransmissions = 0, malformedPackets = 0;
    bool operator==(const TrafficStats &) const = default;
};

struct ProtocolNode
{
    QString name, path; // Wireshark's names: "dns", "eth:ip:udp:dns"
    qint64 packets = 0, bytes = 0;
    bool operator==(const ProtocolNode &) const = default;
};

struct Endpoint
{
    QString ip;
    qint64 packetsSent = 0, packetsReceived = 0, bytesSent = 0, bytesReceived = 0;
    int64_t firstNs = 0, lastNs = 0;
    bool operator==(const Endpoint &) const = default;
};

struct Conversation
{
    QString proto, src, dst, state;
    int sport = 0, dport = 0;
    qint64 packets = 0, bytes = 0, packetsSrc = 0, packetsDst = 0, bytesSrc = 0, bytesDst = 0;
    int64_t firstNs = 0, lastNs = 0;
    bool operator==(const Conversation &) const = default;
};

struct TimelinePoint
{
    int64_t tNs = 0;
    qint64 packets = 0, bytes = 0;
    bool operator==(const TimelinePoint &) const = default;
};

struct TimelineSection
{
    double bucketS = 1.0;
    std::vector<TimelinePoint> points;
    bool operator==(const TimelineSection &) const = default;
};

struct DnsSection
{
    qint64 queries = 0, responses = 0, nxdomain = 0, uniqueNames = 0;
    std::vector<NamedCount> rcodes, queryTypes, topNames, topNxdomainNames;
    bool operator==(const DnsSection &) const = default;
};

struct HttpSection
{
    qint64 requests = 0, responses = 0;
    std::vector<NamedCount> methods, statusCodes, topHosts, topUserAgents, topUris;
    bool operator==(const HttpSection &) const = default;
};

struct TlsSection
{
    qint64 records = 0, clientHellos = 0, serverHellos = 0;
    std::vector<NamedCount> versions, topSni;
    bool operator==(const TlsSection &) const = default;
};

struct Anomaly
{
    QString kind, protocol, detail;
    qint64 count = 0, packetsOmitted = 0;
    std::vector<qint64> packets;
    bool operator==(const Anomaly &) const = default;
};

// A file the capture carried (HTTP, FTP-DATA, SMTP), as Export Objects
// carves it: listed so that indicator lists can match its hash.
struct ReportObject
{
    QString protocol;    // "http", "ftp-data", "smtp"
    qint64 packet = 0;   // the packet that completed it
    QString client, host; // who fetched or sent it; HTTP Host, FTP/SMTP server
    QString name, contentType, type; // name in the capture; as announced; by its first bytes
    qint64 sizeBytes = 0;
    QString sha256;
    bool operator==(const ReportObject &) const = default;
};

struct ReportFinding
{
    QString id, category; // "F1"; one of the documented categories
    Severity severity = Severity::Low;
    double confidence = 0.5;
    QString source;       // IP, MAC for layer-2 categories
    bool sourceUnknown = false;          // "source": null (spoofed or reflected traffic)
    std::optional<qint64> sourceCount;   // "source_count": distinct sources (floods, DDoS)
    std::optional<bool> spoofedSources;  // "spoofed_sources": they look spoofed
    QStringList targets;
    std::vector<int> ports;
    int64_t firstNs = 0, lastNs = 0;
    qint64 count = 0;
    QString summary, threshold;
    std::vector<qint64> evidencePackets; // ascending
    QJsonObject metrics;  // detector-specific measurements, by name
    QStringList mitre;
    QString recommendation;
    // The three texts as catalogue messages ("summary_message", …), so that
    // a face can say them in its language; the strings above are their English.
    Message summaryMessage, thresholdMessage, recommendationMessage;
    bool operator==(const ReportFinding &) const = default;
};

struct SuspiciousIp
{
    QString ip;
    int score = 0; // 0-100
    Severity severity = Severity::Info;
    QStringList categories, findingIds;
    bool operator==(const SuspiciousIp &) const = default;
};

struct Recommendation
{
    int priority = 0;
    QString category;
    Severity severity = Severity::Info;
    QString text;
    QStringList findingIds;
    bool operator==(const Recommendation &) const = default;
};

struct SuppressedFindings
{
    qint64 total = 0;
    std::vector<NamedCount> byCategory;
    bool operator==(const SuppressedFindings &) const = default;
};

struct ReportLimitsUsed
{
    int maxListItems = 0;
    bool tablesCapped = false;
    qint64 endpointEvictions = 0, conversationEvictions = 0, maxEndpoints = 0, maxActiveConversations = 0;
    bool operator==(const ReportLimitsUsed &) const = default;
};

// What the detectors add to a report.
struct DetectionSection
{
    std::vector<ReportFinding> findings;
    std::vector<SuspiciousIp> suspiciousIps;
    std::vector<Recommendation> recommendations;
    SuppressedFindings suppressed;
    // Findings beyond the cap per category, not listed: category -> how many.
    std::vector<NamedCount> omitted;
    bool operator==(const DetectionSection &) const = default;
};

struct Report
{
    QString schema;
    QString generatorName, generatorVersion;
    CaptureSection capture;
    TrafficStats stats;
    std::vector<ProtocolNode> protocols;
    std::vector<Endpoint> endpoints;
    qint64 endpointsTotal = 0, endpointsOmitted = 0;
    std::vector<Conversation> conversations;
    qint64 conversationsTotal = 0, conversationsOmitted = 0;
    std::vector<NamedCount> conversationStates;
    TimelineSection timeline;
    DnsSection dns;
    HttpSection http;
    TlsSection tls;
    std::vector<Anomaly> anomalies;
    std::vector<ReportObject> objects; // in the order they completed
    qint64 objectsOmitted = 0;         // past limits.maxListItems
    DetectionSection detection;
    HealthSection health;
    std::vector<TimelineEvent> timelineEvents; // in time order
    std::vector<NamedCount> timelineOmitted;   // kind -> events not listed (caps)
    ReportLimitsUsed limits;
    // Top-level fields this version does not know (a report from a newer
    // PacketLens read from the history): kept so that writing it back loses nothing.
    QJsonObject unknownFields;
    bool operator==(const Report &) const = default;

    const std::vector<ReportFinding> &findings() const { return detection.findings; }
    const ReportFinding *finding(const QString &id) const;
};

} // namespace packetlens
