#pragma once

#include "anomalylog.h"
#include "appstats.h"
#include "defragmenter.h"
#include "conversationtable.h"
#include "endpointtable.h"
#include "protocolhierarchy.h"
#include "tcpstreams.h"
#include "timeline.h"

#include "../capture/packetreader.h"
#include "../detect/detectionengine.h"
#include "../decode/packetdecoder.h"

#include <QJsonObject>

#include <functional>
#include <map>
#include <memory>

namespace packetlens {

struct AnalyzerSettings
{
    ReportLimits limits;
    size_t maxFlows = 250000;
    size_t maxEndpoints = 200000;
    int64_t flowIdleTimeoutNs = 300ll * 1000000000;
    bool detect = true;
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

// Decodes packets and feeds every analysis module; builds the report.
// Streaming and bounded: memory does not grow with the number of packets.
class Analyzer
{
public:
    using PacketObserver = std::function<void(const PacketContext &)>;

    explicit Analyzer(const AnalyzerSettings &settings = {});
    void addPacket(const RawPacket &pkt);
    void setObserver(PacketObserver obs) { m_observer = std::move(obs); }
    uint64_t packets() const { return m_packets; }
    uint64_t bytes() const { return m_bytes; }
    const ProtocolHierarchy &hierarchy() const { return m_hierarchy; }
    // Ends the analysis and builds the report: once (the detectors' state is
    // handed over to draw up the findings and freed).
    QJsonObject buildReport(const CaptureMeta &meta);

private:
    AnalyzerSettings m_settings;
    PacketDecoder m_decoder;
    DecodedPacket m_decoded;
    Defragmenter m_defrag;
    TcpStreams m_streams;
    PacketObserver m_observer;

    // Conversation hashes of the packets the reader showed ahead (see
    // RawPacket::aheadData): [0] the latest, [1] the one before.
    uint64_t m_aheadHash[2] = {};
    bool m_aheadKnown[2] = {};
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
    std::unique_ptr<DetectionEngine> m_detection;
};

QString linkTypeName(int linkType);

} // namespace packetlens
