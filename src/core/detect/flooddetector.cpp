// SPDX-License-Identifier: GPL-3.0-or-later
// The flood detector's intake: conversations as they end (TCP, UDP), ICMP and
// DHCP per packet; what is counted where. floodfindings.cpp draws them up.
#include "flooddetector.h"

#include <cmath>

namespace packetlens {

namespace {
// A stream of TCP outside any connection counts towards a flood up to this many packets.
constexpr uint64_t kMaxOutOfConnectionPackets = 3;
constexpr size_t kMaxTargetsListed = 4096;
constexpr uint64_t kPeakFrom = 4; // a trickle needs no windows

// UDP services whose clients send and expect no answer: syslog, SNMP traps,
// NetFlow/IPFIX/sFlow, GELF, StatsD.
bool oneWayService(uint16_t port)
{
    switch (port) {
    case 514: case 162: case 2055: case 4739: case 6343: case 9995: case 9996: case 12201: case 8125:
        return true;
    default:
        return false;
    }
}

size_t linearCount(const uint64_t (&bits)[8])
{
    int set = 0;
    for (uint64_t w : bits)
        set += __builtin_popcountll(w);
    if (set >= 512)
        return 4096; // a full 512-bit sketch reads "thousands"
    return size_t(std::lround(-512.0 * std::log(double(512 - set) / 512.0)));
}

// ICMP (v4 and v6) by what it is.
enum class IcmpKind { EchoRequest, EchoReply, Error, Other };
IcmpKind icmpKind(const DecodedPacket &d)
{
    const bool v6 = d.l4 == Proto::Icmpv6;
    const uint8_t t = d.icmpType;
    if (t == (v6 ? 128 : 8))
        return IcmpKind::EchoRequest;
    if (t == (v6 ? 129 : 0))
        return IcmpKind::EchoReply;
    const bool error = v6 ? t >= 1 && t <= 4 : t == 3 || t == 4 || t == 5 || t == 11 || t == 12;
    return error ? IcmpKind::Error : IcmpKind::Other;
}
} // namespace

void FloodDetector::Counter::addStream(const IpAddress &src, uint16_t port, uint64_t n, uint64_t nBytes, int64_t first,
                                       int64_t last, uint64_t firstPacket)
{
    if (packets == 0)
        firstNs = first;
    firstNs = std::min(firstNs, first);
    lastNs = std::max(lastNs, last);
    packets += n;
    bytes += nBytes;
    if (!firstSource.isValid())
        firstSource = src;
    sources.add(src.hash());
    const uint64_t ph = (uint64_t(port) + 1) * 0x9e3779b97f4a7c15ull >> 55; // 0..511
    portBits[ph >> 6] |= uint64_t(1) << (ph & 63);
    addEvidence(evidence, firstPacket);
    if (!peak && packets >= kPeakFrom)
        peak = std::make_unique<detect::PeakWindow>();
    if (peak)
        peak->add(first, last, n, firstPacket);
    // Misra-Gries with four counters: a source sending most packets stays.
    Heavy *empty = nullptr;
    for (Heavy &h : heavy) {
        if (h.count && h.ip == src) {
            h.count += n;
            return;
        }
        if (!h.count && !empty)
            empty = &h;
    }
    if (empty) {
        *empty = Heavy{src, n};
        return;
    }
    uint64_t dec = n;
    for (Heavy &h : heavy)
        dec = std::min(dec, h.count);
    for (Heavy &h : heavy)
        h.count -= dec;
}

void FloodDetector::Counter::hit(const PacketContext &pc, const IpAddress &src, uint16_t port)
{
    addStream(src, port, 1, pc.len, pc.tsNs, pc.tsNs, pc.number);
}

void FloodDetector::Counter::add(const Conv &c)
{
    replies += c.respPackets;
    addStream(c.orig, c.respPort, c.origPackets, c.origBytes, c.firstNs, c.lastNs, c.firstPacket);
}

size_t FloodDetector::Counter::sourceCount() const
{
    return std::min<size_t>(sources.estimate(), packets);
}

size_t FloodDetector::Counter::portCount() const
{
    return std::min<size_t>(linearCount(portBits), packets);
}

detect::PeakWindow::Peak FloodDetector::Counter::window() const
{
    if (peak)
        return peak->tenSeconds();
    detect::PeakWindow::Peak p; // a trickle: all of it
    p.packets = packets;
    p.firstNs = firstNs;
    p.lastNs = lastNs;
    p.evidence = evidence;
    std::sort(p.evidence.begin(), p.evidence.end());
    return p;
}

double FloodDetector::Counter::rate() const
{
    // Over the busiest window's own span (a burst shorter than the window is
    // as fast as it was), but never less than a tenth of a second.
    const detect::PeakWindow::Peak w = window();
    const double span = std::max(double(w.lastNs - w.firstNs) / 1e9, 0.1);
    return double(w.packets) / span;
}

IpAddress FloodDetector::Counter::topSource(uint64_t *count) const
{
    const Heavy *best = nullptr;
    for (const Heavy &h : heavy)
        if (h.count && (!best || h.count > best->count || (h.count == best->count && h.ip < best->ip)))
            best = &h;
    if (count)
        *count = best ? best->count : 0;
    return best ? best->ip : IpAddress();
}

FloodDetector::FloodDetector(const DetectionSettings &s)
    : m_syn{s.number("syn_flood", "min_rate"), s.number("syn_flood", "min_syns"), s.number("syn_flood", "max_answered_ratio")},
      m_udp{s.number("udp_flood", "min_rate"), s.number("udp_flood", "min_packets"), s.number("udp_flood", "max_reply_ratio"),
            s.number("udp_flood", "high_rate")},
      m_tcp{s.number("tcp_flood", "min_rate"), s.number("tcp_flood", "min_packets"), s.number("tcp_flood", "max_reply_ratio"),
            s.number("tcp_flood", "high_rate")},
      m_icmp{s.number("icmp_flood", "min_rate"), s.number("icmp_flood", "min_packets"), s.number("icmp_flood", "max_reply_ratio")},
      m_ddos{s.number("ddos", "min_rate"), s.number("ddos", "min_packets"), s.number("ddos", "max_reply_ratio"),
             s.number("ddos", "high_rate")},
      m_ddosMinSources(s.number("ddos", "min_sources")),
      m_scanMinPorts(size_t(s.number("port_scan", "min_ports"))),
      m_maxTracked(size_t(s.number("limits", "max_tracked")))
{
}

FloodDetector::Target *FloodDetector::target(const IpAddress &ip, bool create)
{
    const uint64_t h = ip.hash();
    if (Target *t = m_targets.find(ip, h))
        return t;
    if (!create)
        return nullptr;
    detect::capMap(m_targets, m_maxTracked, [](const Target &t) { return double(t.all.packets); });
    return m_targets.tryEmplace(ip, h).first;
}

// Both ends of a TCP or UDP conversation are looked up when it ends.
void FloodDetector::prefetchConversation(const Conv &c, int stage)
{
    if (c.proto != 6 && c.proto != 17)
        return;
    m_targets.prefetch(c.orig.hash(), stage);
    m_targets.prefetch(c.resp.hash(), stage);
    if (stage == 0 && c.origPackets <= 2)
        m_pending.prefetch(pendingKey(c.resp, c.proto == 6 ? StreamKind::Syn : StreamKind::Udp));
}

void FloodDetector::onPacket(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (d.l4 == Proto::Icmp || d.l4 == Proto::Icmpv6)
        onIcmp(pc);
    else if (d.app == Proto::Dhcp)
        onDhcp(pc);
}

// Echo requests are a possible flood at their destination (their replies
// answer it); echo replies and errors arriving at one address from many are
// a reflection aimed at it; errors one address sends to many are backscatter.
void FloodDetector::onIcmp(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (!d.src.isValid() || (d.malformed && (d.malformedAt == Proto::Icmp || d.malformedAt == Proto::Icmpv6)))
        return;
    const IcmpKind kind = icmpKind(d);
    if (kind != IcmpKind::Error)
        if (Target *sender = target(d.src, false))
            sender->sent++;
    switch (kind) {
    case IcmpKind::EchoRequest: {
        Target *t = target(d.dst, true);
        Target::of(t->icmp).hit(pc, d.src, 0);
        t->all.hit(pc, d.src, 0);
        return;
    }
    case IcmpKind::EchoReply:
        if (Target *asked = target(d.src, false); asked && asked->icmp)
            asked->icmp->replies++;
        Target::of(target(d.dst, true)->reflected).hit(pc, d.src, 0);
        return;
    case IcmpKind::Error:
        Target::of(target(d.dst, true)->reflected).hit(pc, d.src, 0);
        Target::of(target(d.src, true)->backscatter).hit(pc, d.dst, 0);
        return;
    case IcmpKind::Other:
        return;
    }
}

void FloodDetector::onDhcp(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (d.payloadLen < 34 || !d.src.isValid())
        return;
    const uint32_t xid = uint32_t(d.payload[4]) << 24 | uint32_t(d.payload[5]) << 16 | uint32_t(d.payload[6]) << 8 | d.payload[7];
    m_dhcp.hit(pc, d.src, d.dport);
    if (m_dhcpXids.size() < 100000)
        m_dhcpXids.insert(xid);
    if (m_dhcpClients.size() < 100000) { // client hardware address
        uint64_t mac = 0;
        for (int i = 28; i < 34; ++i)
            mac = mac << 8 | d.payload[i];
        m_dhcpClients.insert(mac);
    }
}

void FloodDetector::apply(Target &t, const Stream &s)
{
    switch (s.kind) {
    case StreamKind::Syn:
    case StreamKind::Udp:
    case StreamKind::Tcp: {
        Counter &c = Target::of(s.kind == StreamKind::Syn ? t.syn : s.kind == StreamKind::Udp ? t.udp : t.tcp);
        for (Counter *k : {&c, &t.all}) {
            k->replies += s.replies;
            k->addStream(s.src, s.port, s.packets, s.bytes, s.firstNs, s.lastNs, s.firstPacket);
        }
        return;
    }
    case StreamKind::Reflected:
    case StreamKind::Backscatter:
        Target::of(s.kind == StreamKind::Reflected ? t.reflected : t.backscatter)
            .addStream(s.src, s.port, s.packets, s.bytes, s.firstNs, s.lastNs, s.firstPacket);
        return;
    }
}

void FloodDetector::feed(const Stream &s)
{
    Target *t = target(s.target, false);
    if (!t) {
        if (s.packets <= 2) {
            Stream first;
            if (!m_pending.seenBefore(pendingKey(s.target, s.kind), s, first))
                return;
            t = target(s.target, true);
            apply(*t, first);
        } else {
            t = target(s.target, true);
        }
    }
    apply(*t, s);
}

// Half-open SYNs at their target; SYN-ACKs and RSTs nobody asked for as a
// reflection at their receiver and backscatter from their sender.
void FloodDetector::onTcp(const Conv &c)
{
    const uint16_t f = c.flags;
    if (!(f & OrigSyn)) {
        if ((f & RespSynAck) && c.origPackets == 0) { // an unanswered SYN-ACK: the receiver sent no SYN
            feed({c.orig, c.resp, c.respPort, StreamKind::Reflected, c.respPackets, c.respBytes, 0, c.firstNs, c.lastNs, c.firstPacket});
            feed({c.resp, c.orig, c.origPort, StreamKind::Backscatter, c.respPackets, c.respBytes, 0, c.firstNs, c.lastNs, c.firstPacket});
        } else if ((f & OrigRst) && !(f & (RespSynAck | OrigData | RespData)) && c.respPackets == 0) { // RSTs only
            feed({c.resp, c.orig, c.origPort, StreamKind::Reflected, c.origPackets, c.origBytes, 0, c.firstNs, c.lastNs, c.firstPacket});
            feed({c.orig, c.resp, c.respPort, StreamKind::Backscatter, c.origPackets, c.origBytes, 0, c.firstNs, c.lastNs, c.firstPacket});
        }
        // A few packets outside any connection (no handshake either way),
        // which the target ignored or reset: an ACK, FIN, PSH or NULL/XMAS
        // flood's packets (hping3 -A/-F/-P changes the source port every
        // packet). Conversations with data, or longer ones, are a capture
        // that began midstream or saw one direction only.
        if (!(f & (RespSynAck | RespData | OrigData | OrigRst)) && c.origPackets <= kMaxOutOfConnectionPackets
            && (c.respPackets == 0 || (f & RespRst)))
            feed({c.resp, c.orig, c.respPort, StreamKind::Tcp, c.origPackets, c.origBytes, 0, c.firstNs, c.lastNs, c.firstPacket});
        return; // otherwise midstream: nothing to say about floods
    }
    if (f & OrigAck) { // the handshake completed
        m_globalSynCompleted++;
        if (Target *t = target(c.resp, false))
            t->synCompleted++;
        return;
    }
    feed({c.resp, c.orig, c.respPort, StreamKind::Syn, c.origPackets, c.origBytes, c.respPackets, c.firstNs, c.lastNs, c.firstPacket});
    m_globalSyn.add(c);
    m_globalSynHalfOpen++;
    if (m_globalSynTargets.size() < kMaxTargetsListed)
        m_globalSynTargets.insert(c.resp);
}

void FloodDetector::onConversation(const Conv &c)
{
    if (Target *sender = target(c.orig, false)) // only addresses that are targets already
        sender->sent += c.origPackets;
    if (c.proto == 6) {
        onTcp(c);
        return;
    }
    if (c.proto != 17 || oneWayService(c.respPort))
        return; // (ICMP is read per packet; logs, traps and flow records are sent unanswered by design)
    feed({c.resp, c.orig, c.respPort, StreamKind::Udp, c.origPackets, c.origBytes, c.respPackets, c.firstNs, c.lastNs, c.firstPacket});
}

} // namespace packetlens
