// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "anomalylog.h"
#include "appstats.h"
#include "defragmenter.h"
#include "conversationlookahead.h"
#include "conversationtable.h"
#include "endpointtable.h"
#include "protocolhierarchy.h"
#include "tcpstreams.h"
#include "timeline.h"

#include "../capture/packetreader.h"
#include "../decode/packetdecoder.h"
#include "../detect/detectionsettings.h"
#include "../flow/packetlistener.h"
#include "../health/healthanalysis.h"
#include "../report/report.h"
#include "../timeline/chronology.h"

#include <map>
#include <memory>
#include <vector>

namespace packetlens {

// Report-shaping limits shared by the modules.
struct ReportLimits
{
    int topN = 10;           // entries in "top" lists
    int maxListItems = 1000; // endpoints, conversations, anomaly packet lists
    int maxPacketRefs = 50;  // packet numbers kept per anomaly
};

struct AnalyzerSettings
{
    ReportLimits limits;
    size_t maxFlows = 250000;
    size_t maxEndpoints = 200000;
    int64_t flowIdleTimeoutNs = 300ll * 1000000000;
    bool detect = true; // the service adds the detection engine as a listener
    bool health = true; // network health and the chronology (off: the report has no `health`, no `timeline_events`)
    std::shared_ptr<const DetectionSettings> detection; // null: defaults
};

// What the analyzer is told about the capture besides its packets.
struct CaptureMeta
{
    QString fileName;
    QString sha256;
    qint64 sizeBytes = 0;
    QString format;
    QString container; // "", "gzip", "zip"
    bool truncated = false;
    uint64_t truncatedAt = 0;
    QStringList warnings;
    int timestampDigits = 6;
};

// Decodes packets and feeds every analysis module and listener; builds the
// statistics of the report. Streaming and bounded: memory does not grow with
// the number of packets. Knows nothing of detection: detectors are listeners
// the service adds (service/analysisservice.cpp).
class Analyzer
{
public:
    explicit Analyzer(const AnalyzerSettings &settings = {});
    Analyzer(const Analyzer &) = delete;
    Analyzer &operator=(const Analyzer &) = delete;
    // Listeners are told of every packet after the analysis modules, in the
    // order they were added; they must outlive the analyzer's last call.
    void addListener(PacketListener *listener);
    void addPacket(const RawPacket &pkt);
    uint64_t packets() const { return m_packets; }
    uint64_t bytes() const { return m_bytes; }
    const ProtocolHierarchy &hierarchy() const { return m_hierarchy; }
    // Conversation entries the table's memory holds (active or free for reuse).
    size_t conversationCapacity() const { return m_conversations.capacity(); }
    // Visits each conversation still open; changes nothing (a live capture's
    // provisional detection ends them for copies of the detectors).
    template<typename F>
    void forEachOpenConversation(F f) const
    {
        m_conversations.forEachActive(f);
    }
    // Ends every conversation still open, telling the listeners (once: after
    // this no packet may be added).
    void finishConversations();
    // The report's statistics (all but the detection section); after
    // finishConversations().
    Report buildReport(const CaptureMeta &meta) const;

private:
    void countTotals(const RawPacket &pkt, const PacketContext &pc);
    Conv *followConversation(PacketContext &pc);
    CaptureSection captureSection(const CaptureMeta &meta) const;

    AnalyzerSettings m_settings;
    PacketDecoder m_decoder;
    DecodedPacket m_decoded;
    Defragmenter m_defrag;
    TcpStreams m_streams;
    std::vector<PacketListener *> m_listeners;
    std::vector<PacketListener *> m_conversationListeners;
    ConversationLookAhead m_ahead;
    uint64_t m_packets = 0, m_bytes = 0, m_capturedBytes = 0, m_fragments = 0, m_malformed = 0;
    int64_t m_firstNs = 0, m_lastNs = 0;
    std::map<int, uint64_t> m_linkTypes; // link type -> packets, in order of value
    std::vector<int> m_linkOrder;

    ProtocolHierarchy m_hierarchy;
    EndpointTable m_endpoints;
    ConversationTable m_conversations;
    Timeline m_timeline;
    DnsStats m_dns;
    HttpStats m_http;
    TlsStats m_tls;
    AnomalyLog m_anomalies;
    HealthAnalysis m_health;   // before the listeners: fills PacketContext::expert
    Chronology m_chronology;
};

QString linkTypeName(int linkType);

} // namespace packetlens
