// SPDX-License-Identifier: GPL-3.0-or-later
#include "analyzer.h"

#include "../report/reportschema.h"
#include "../timeline/timelinebuilder.h"

#include <cstdint>

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
    // A conversation's packets reach the endpoint table (and the listeners)
    // when it ends: one lookup per conversation, not two per packet.
    m_conversations.setRetireHook([this](const Conv &c) {
        m_endpoints.addConversation(c.orig, c.resp, c.origPackets, c.origBytes, c.respPackets, c.respBytes,
                                    c.firstNs, c.lastNs);
        if (m_settings.health)
            m_health.retire(c);
        for (PacketListener *l : m_conversationListeners)
            l->onConversation(c);
    });
    m_conversations.setCompactHook([this] {
        if (m_settings.health)
            m_health.compact([this](auto visit) { m_conversations.forEachActive(visit); });
    });
    m_conversations.setPrefetchHook([this](const Conv &c, int stage) {
        m_endpoints.prefetch(c.orig, stage);
        m_endpoints.prefetch(c.resp, stage);
        for (PacketListener *l : m_conversationListeners)
            l->prefetchConversation(c, stage);
    });
}

void Analyzer::addListener(PacketListener *listener)
{
    m_listeners.push_back(listener);
    if (listener->wantsConversations())
        m_conversationListeners.push_back(listener);
}

void Analyzer::addPacket(const RawPacket &pkt)
{
    m_ahead.see(m_conversations, pkt);
    PacketContext pc;
    pc.number = ++m_packets;
    pc.tsNs = pkt.timeNs();
    pc.caplen = pkt.caplen;
    pc.len = pkt.len;
    pc.linkType = pkt.linkType;
    pc.data = pkt.data;
    pc.recordOffset = pkt.recordOffset;
    pc.d = &m_decoded;
    m_decoder.decode(pkt.linkType, pkt.data, pkt.caplen, pkt.len, m_decoded);
    if (m_decoded.fragment)
        m_defrag.feed(pc.tsNs, m_decoder, m_decoded);
    Conv *conv = followConversation(pc);
    if (conv && m_settings.health)
        m_health.prefetch(*conv);
    countTotals(pkt, pc);
    m_hierarchy.add(pc);
    if (!pc.hasConversation)
        m_endpoints.add(pc);
    m_timeline.add(pc);
    m_dns.add(pc);
    m_http.add(pc);
    m_tls.add(pc);
    m_anomalies.add(pc);
    if (m_settings.health) {
        m_health.add(pc, conv);
        m_chronology.add(pc);
    }
    for (PacketListener *l : m_listeners)
        l->onPacket(pc);
}

// The packet's conversation: direction, whether it opened it, a change of
// the sender's MAC within it, and the TCP stream state that decides which
// segment completes a TLS record or HTTP message.
Conv *Analyzer::followConversation(PacketContext &pc)
{
    bool fromOrig = true, isNew = false;
    Conv *conv = m_conversations.add(pc, fromOrig, isNew);
    if (!conv)
        return nullptr;
    pc.hasConversation = true;
    pc.fromOriginator = fromOrig;
    pc.opensConversation = isNew;
    pc.conversationId = conv->firstPacket;
    if (m_decoded.hasMac) {
        const uint64_t mac = macToInt(m_decoded.srcMac) | uint64_t(1) << 48; // "seen" bit above the address
        uint64_t &last = conv->senderMac[fromOrig ? 0 : 1];
        pc.senderMacChanged = last != mac;
        last = mac;
    }
    if (m_decoded.l4 == Proto::Tcp)
        m_streams.process(m_decoded, conv->tcp[fromOrig ? 0 : 1]);
    return conv;
}

// Capture-wide totals: bytes, time span, link types, fragments, malformed.
void Analyzer::countTotals(const RawPacket &pkt, const PacketContext &pc)
{
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
}

void Analyzer::finishConversations()
{
    // Conversations still open count now (once: the hook is dropped).
    m_conversations.closeAll();
    if (m_settings.health) {
        m_health.finish();
        m_chronology.finish();
    }
}

CaptureSection Analyzer::captureSection(const CaptureMeta &meta) const
{
    CaptureSection c;
    c.fileName = meta.fileName;
    c.sha256 = meta.sha256;
    c.sizeBytes = meta.sizeBytes;
    c.format = meta.format;
    c.container = meta.container;
    for (int lt : m_linkOrder) {
        const char *desc = pcap_datalink_val_to_description(lt);
        c.linkTypes.push_back({lt, linkTypeName(lt), desc ? QString::fromLatin1(desc) : QString(), qint64(m_linkTypes.at(lt))});
    }
    c.packets = qint64(m_packets);
    c.bytes = qint64(m_bytes);
    c.capturedBytes = qint64(m_capturedBytes);
    if (m_packets) {
        c.firstNs = m_firstNs;
        c.lastNs = m_lastNs;
    }
    c.durationS = m_packets ? double(m_lastNs - m_firstNs) / 1e9 : 0.0;
    c.timeDigits = meta.timestampDigits;
    c.truncated = meta.truncated;
    if (meta.truncated)
        c.truncatedAt = qint64(meta.truncatedAt);
    c.warnings = meta.warnings;
    return c;
}

Report Analyzer::buildReport(const CaptureMeta &meta) const
{
    const ReportLimits &lim = m_settings.limits;
    Report r;
    r.schema = QString::fromLatin1(kReportSchema);
    r.generatorName = QStringLiteral("PacketLens");
    r.generatorVersion = QStringLiteral(PACKETLENS_VERSION);
    r.capture = captureSection(meta);
    const double duration = r.capture.durationS;
    r.stats = {m_packets ? double(m_bytes) / double(m_packets) : 0.0,
               duration > 0 ? double(m_packets) / duration : 0.0,
               duration > 0 ? double(m_bytes) * 8 / duration : 0.0,
               qint64(m_fragments), qint64(m_defrag.incomplete()), qint64(m_streams.retransmissions()), qint64(m_malformed)};
    r.protocols = m_hierarchy.nodes();
    const int listCap = lim.maxListItems;
    const qint64 endpointsKept = qint64(m_endpoints.size());
    r.endpoints = m_endpoints.top(listCap);
    r.endpointsTotal = endpointsKept + qint64(m_endpoints.evicted());
    r.endpointsOmitted = std::max<qint64>(0, endpointsKept - listCap) + qint64(m_endpoints.evicted());
    qint64 convKept = 0;
    m_conversations.forEach([&convKept](const Conv &) { ++convKept; });
    r.conversations = m_conversations.top(listCap);
    r.conversationsTotal = qint64(m_conversations.total());
    r.conversationsOmitted = qint64(m_conversations.total()) - std::min<qint64>(convKept, listCap);
    r.conversationStates = m_conversations.stateCounts();
    r.timeline = m_timeline.section();
    r.dns = m_dns.section(lim.topN);
    r.http = m_http.section(lim.topN);
    r.tls = m_tls.section(lim.topN);
    r.anomalies = m_anomalies.entries();
    if (m_settings.health) {
        r.health = m_health.section(listCap);
        r.timelineEvents = m_chronology.events(m_firstNs, m_lastNs);
        for (const auto &[kind, n] : m_chronology.omitted())
            r.timelineOmitted.push_back({kind, n});
        addCaptureAndHealthEvents(r);
    }
    r.limits = {listCap, m_endpoints.capped() || m_conversations.capped(), qint64(m_endpoints.evicted()),
                qint64(m_conversations.forcedEvictions()), qint64(m_settings.maxEndpoints), qint64(m_settings.maxFlows)};
    return r;
}

} // namespace packetlens
