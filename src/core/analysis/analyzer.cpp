#include "analyzer.h"

#include "../report/reportschema.h"
#include "../report/timeformat.h"

#include <QJsonArray>

#include <cstdint>
#include <future>
#include <system_error>

#include <pcap/pcap.h>

namespace packetlens {

QString linkTypeName(int lt)
{
    const char *name = pcap_datalink_val_to_name(lt);
    return name ? QString::fromLatin1(name) : QStringLiteral("LINKTYPE_%1").arg(lt);
}

Analyzer::Analyzer(const AnalyzerSettings &settings)
    : m_settings(settings), m_endpoints(settings.maxEndpoints),
      m_conversations(settings.maxFlows, settings.flowIdleTimeoutNs, size_t(settings.limits.maxListItems)),
      m_anomalies(settings.limits.maxPacketRefs)
{
    if (settings.detect)
        m_detection = std::make_unique<DetectionEngine>(settings.detection ? *settings.detection : DetectionSettings());
    // A conversation's packets reach the endpoint table (and the detectors)
    // when it ends: one lookup per conversation, not two per packet.
    m_conversations.setRetireHook([this](const ConversationTable::Conv &c) {
        m_endpoints.addConversation(c.orig, c.resp, c.origPackets, c.origBytes, c.respPackets, c.respBytes,
                                    c.firstNs, c.lastNs);
        if (m_detection)
            m_detection->onConversation(c);
    });
    m_conversations.setPrefetchHook([this](const ConversationTable::Conv &c, int stage) {
        m_endpoints.prefetch(c.orig, stage);
        m_endpoints.prefetch(c.resp, stage);
        if (m_detection && stage == 0)
            m_detection->prefetchConversation(c);
    });
}

void Analyzer::addPacket(const RawPacket &pkt)
{
    // The conversation table is the one lookup every packet makes, and at
    // this size its slots are seldom in cache: ask for the slot of a packet
    // the reader shows a few records ahead, and for the entry that slot
    // names two packets later, so both have arrived when add() needs them.
    if (m_aheadKnown[1])
        m_conversations.prefetch(m_aheadHash[1], 1);
    m_aheadHash[1] = m_aheadHash[0];
    m_aheadKnown[1] = m_aheadKnown[0];
    m_aheadKnown[0] = pkt.aheadData && ConversationTable::hintHash(pkt.linkType, pkt.aheadData, pkt.aheadCaplen, m_aheadHash[0]);
    if (m_aheadKnown[0])
        m_conversations.prefetch(m_aheadHash[0], 0);
    PacketContext pc;
    pc.number = ++m_packets;
    // Saturate corrupt timestamps to 1824..2116 so that nanosecond times and
    // their differences always fit in 64 bits.
    constexpr int64_t kMaxSec = INT64_MAX / 2 / 1000000000;
    const int64_t sec = pkt.tsSec > kMaxSec ? kMaxSec : pkt.tsSec < -kMaxSec ? -kMaxSec : pkt.tsSec;
    pc.tsNs = sec * 1000000000ll + pkt.tsNsec;
    pc.caplen = pkt.caplen;
    pc.len = pkt.len;
    pc.linkType = pkt.linkType;
    pc.data = pkt.data;
    pc.recordOffset = pkt.recordOffset;
    pc.d = &m_decoded;
    m_decoder.decode(pkt.linkType, pkt.data, pkt.caplen, pkt.len, m_decoded);
    if (m_decoded.fragment)
        m_defrag.feed(pc.tsNs, m_decoder, m_decoded);
    bool fromOrig = true, isNew = false;
    ConversationTable::Conv *conv = m_conversations.add(pc, fromOrig, isNew);
    if (conv) {
        pc.hasConversation = true;
        pc.fromOriginator = fromOrig;
        pc.opensConversation = isNew;
        pc.observerTag = &conv->observerTag;
        if (m_decoded.hasMac) {
            const uint64_t mac = macToInt(m_decoded.srcMac) | uint64_t(1) << 48; // "seen" bit above the address
            uint64_t &last = conv->senderMac[fromOrig ? 0 : 1];
            pc.senderMacChanged = last != mac;
            last = mac;
        }
        if (m_decoded.l4 == Proto::Tcp)
            m_streams.process(m_decoded, conv->tcp[fromOrig ? 0 : 1]);
    }

    m_bytes += pkt.len;
    m_capturedBytes += pkt.caplen;
    if (pc.number == 1) {
        m_firstNs = m_lastNs = pc.tsNs;
    } else {
        if (pc.tsNs < m_firstNs)
            m_firstNs = pc.tsNs;
        if (pc.tsNs > m_lastNs)
            m_lastNs = pc.tsNs;
    }
    auto [it, inserted] = m_linkTypes.try_emplace(pkt.linkType, 0);
    if (inserted)
        m_linkOrder.push_back(pkt.linkType);
    it->second++;
    if (m_decoded.fragment)
        m_fragments++;
    if (m_decoded.malformed)
        m_malformed++;

    m_hierarchy.add(pc);
    if (!conv)
        m_endpoints.add(pc);
    m_timeline.add(pc);
    m_dns.add(pc);
    m_http.add(pc);
    m_tls.add(pc);
    m_anomalies.add(pc);
    if (m_detection)
        m_detection->onPacket(pc);
    if (m_observer)
        m_observer(pc);
}

QJsonObject Analyzer::buildReport(const CaptureMeta &meta)
{
    // Conversations still open count now (once: the hook is dropped).
    m_conversations.retireAllToHook();
    m_conversations.setRetireHook({});
    // The detectors draw up their findings on another thread while the
    // statistics are written here (by then the file hash has usually
    // finished and its core is free), and their state is freed there.
    struct DetectionJson
    {
        QJsonArray findings, suspicious, recommendations;
        QJsonObject suppressed;
    };
    auto drawUp = [](std::unique_ptr<DetectionEngine> engine, int digits) {
        engine->finish();
        return DetectionJson{engine->findingsJson(digits), engine->suspiciousIpsJson(), engine->recommendationsJson(),
                             engine->suppressedJson()};
    };
    std::future<DetectionJson> detectionJson;
    if (m_detection) {
        try {
            detectionJson = std::async(std::launch::async, drawUp, std::move(m_detection), meta.timestampDigits);
        } catch (const std::system_error &) { // no thread to be had: here, after the statistics
            detectionJson = std::async(std::launch::deferred, drawUp, std::move(m_detection), meta.timestampDigits);
        }
    }
    const ReportLimits &lim = m_settings.limits;
    const int digits = meta.timestampDigits;
    QJsonArray linkTypes;
    for (int lt : m_linkOrder) {
        const char *desc = pcap_datalink_val_to_description(lt);
        linkTypes.append(QJsonObject{{QStringLiteral("linktype"), lt},
                                     {QStringLiteral("name"), linkTypeName(lt)},
                                     {QStringLiteral("description"), desc ? QString::fromLatin1(desc) : QString()},
                                     {QStringLiteral("packets"), qint64(m_linkTypes.at(lt))}});
    }
    const double duration = m_packets ? double(m_lastNs - m_firstNs) / 1e9 : 0.0;
    QJsonObject capture{{QStringLiteral("file_name"), meta.fileName},
                        {QStringLiteral("sha256"), meta.sha256},
                        {QStringLiteral("size_bytes"), meta.sizeBytes},
                        {QStringLiteral("format"), meta.format},
                        {QStringLiteral("link_types"), linkTypes},
                        {QStringLiteral("packets"), qint64(m_packets)},
                        {QStringLiteral("bytes"), qint64(m_bytes)},
                        {QStringLiteral("captured_bytes"), qint64(m_capturedBytes)},
                        {QStringLiteral("first_ts"), m_packets ? QJsonValue(isoTimestamp(m_firstNs, digits)) : QJsonValue()},
                        {QStringLiteral("last_ts"), m_packets ? QJsonValue(isoTimestamp(m_lastNs, digits)) : QJsonValue()},
                        {QStringLiteral("duration_s"), duration},
                        {QStringLiteral("timestamp_precision"), digits >= 9 ? QStringLiteral("ns") : digits >= 6 ? QStringLiteral("us") : QStringLiteral("ms")},
                        {QStringLiteral("truncated"), meta.truncated},
                        {QStringLiteral("warnings"), QJsonArray::fromStringList(meta.warnings)}};
    if (meta.truncated)
        capture.insert(QStringLiteral("truncated_at"), qint64(meta.truncatedAt));
    if (!meta.container.isEmpty())
        capture.insert(QStringLiteral("container"), meta.container);

    QJsonObject stats{{QStringLiteral("avg_packet_bytes"), m_packets ? double(m_bytes) / double(m_packets) : 0.0},
                      {QStringLiteral("packets_per_s"), duration > 0 ? double(m_packets) / duration : 0.0},
                      {QStringLiteral("bits_per_s"), duration > 0 ? double(m_bytes) * 8 / duration : 0.0},
                      {QStringLiteral("ip_fragments"), qint64(m_fragments)},
                      {QStringLiteral("ip_datagrams_incomplete"), qint64(m_defrag.incomplete())},
                      {QStringLiteral("tcp_retransmissions"), qint64(m_streams.retransmissions())},
                      {QStringLiteral("malformed_packets"), qint64(m_malformed)}};

    const int listCap = lim.maxListItems;
    const qint64 endpointsKept = qint64(m_endpoints.size());
    const qint64 convKept = [this] { qint64 n = 0; m_conversations.forEach([&n](const auto &) { ++n; }); return n; }();
    QJsonObject limits{{QStringLiteral("max_list_items"), listCap},
                       {QStringLiteral("tables_capped"), m_endpoints.capped() || m_conversations.capped()},
                       {QStringLiteral("endpoint_evictions"), qint64(m_endpoints.evicted())},
                       {QStringLiteral("conversation_evictions"), qint64(m_conversations.forcedEvictions())},
                       {QStringLiteral("max_endpoints"), qint64(m_settings.maxEndpoints)},
                       {QStringLiteral("max_active_conversations"), qint64(m_settings.maxFlows)}};

    QJsonObject report{
        {QStringLiteral("schema"), QString::fromLatin1(kReportSchema)},
        {QStringLiteral("generator"), QJsonObject{{QStringLiteral("name"), QStringLiteral("PacketLens")},
                                                  {QStringLiteral("version"), QStringLiteral(PACKETLENS_VERSION)}}},
        {QStringLiteral("capture"), capture},
        {QStringLiteral("stats"), stats},
        {QStringLiteral("protocols"), m_hierarchy.toJson()},
        {QStringLiteral("endpoints"), m_endpoints.toJson(listCap, digits)},
        {QStringLiteral("endpoints_total"), endpointsKept + qint64(m_endpoints.evicted())},
        {QStringLiteral("endpoints_omitted"), std::max<qint64>(0, endpointsKept - listCap) + qint64(m_endpoints.evicted())},
        {QStringLiteral("conversations"), m_conversations.toJson(listCap, digits)},
        {QStringLiteral("conversations_total"), qint64(m_conversations.total())},
        {QStringLiteral("conversations_omitted"), qint64(m_conversations.total()) - std::min<qint64>(convKept, listCap)},
        {QStringLiteral("conversation_states"), m_conversations.stateCounts()},
        {QStringLiteral("timeline"), m_timeline.toJson(digits)},
        {QStringLiteral("dns"), m_dns.toJson(lim.topN)},
        {QStringLiteral("http"), m_http.toJson(lim.topN)},
        {QStringLiteral("tls"), m_tls.toJson(lim.topN)},
        {QStringLiteral("anomalies"), m_anomalies.toJson()},
        {QStringLiteral("limits"), limits}};
    DetectionJson detection;
    if (detectionJson.valid())
        detection = detectionJson.get();
    report.insert(QStringLiteral("findings"), detection.findings);
    report.insert(QStringLiteral("suspicious_ips"), detection.suspicious);
    report.insert(QStringLiteral("recommendations"), detection.recommendations);
    report.insert(QStringLiteral("suppressed_findings"), detection.suppressed);
    return report;
}

} // namespace packetlens
