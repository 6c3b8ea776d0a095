#include "flooddetector.h"

#include <cmath>

namespace packetlens {

namespace {
constexpr size_t kMaxTargetsListed = 4096;

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

constexpr size_t kSaturated = 4096; // what a full 512-bit sketch reads: "thousands"

void setBit(uint64_t (&bits)[8], uint64_t h)
{
    h = (h * 0x9e3779b97f4a7c15ull) >> 55; // 0..511
    bits[h >> 6] |= uint64_t(1) << (h & 63);
}

size_t linearCount(const uint64_t (&bits)[8])
{
    int set = 0;
    for (uint64_t w : bits)
        set += __builtin_popcountll(w);
    if (set >= 512)
        return kSaturated;
    return size_t(std::lround(-512.0 * std::log(double(512 - set) / 512.0)));
}
} // namespace

void FloodDetector::Counter::count(const IpAddress &src, uint16_t port, uint64_t n)
{
    if (!firstSource.isValid())
        firstSource = src;
    setBit(sourceBits, src.hash());
    setBit(portBits, uint64_t(port) + 1);
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
        empty->ip = src;
        empty->count = n;
        return;
    }
    uint64_t dec = n;
    for (Heavy &h : heavy)
        dec = std::min(dec, h.count);
    for (Heavy &h : heavy)
        h.count -= dec;
}

void FloodDetector::Counter::hit(const PacketContext &pc, const IpAddress &src)
{
    if (packets == 0)
        firstNs = pc.tsNs;
    firstNs = std::min(firstNs, pc.tsNs);
    lastNs = std::max(lastNs, pc.tsNs);
    packets++;
    bytes += pc.len;
    count(src, pc.d->dport, 1);
    addEvidence(evidence, pc.number);
}

void FloodDetector::Counter::add(const Conv &c)
{
    if (packets == 0)
        firstNs = c.firstNs;
    firstNs = std::min(firstNs, c.firstNs);
    lastNs = std::max(lastNs, c.lastNs);
    packets += c.origPackets;
    bytes += c.origBytes;
    replies += c.respPackets;
    count(c.orig, c.respPort, c.origPackets);
    addEvidence(evidence, c.firstPacket);
}

size_t FloodDetector::Counter::sourceCount() const
{
    return std::min<size_t>(linearCount(sourceBits), packets);
}

size_t FloodDetector::Counter::portCount() const
{
    return std::min<size_t>(linearCount(portBits), packets);
}

double FloodDetector::Counter::rate() const
{
    const double span = std::max(double(lastNs - firstNs) / 1e9, 0.001);
    return double(packets) / span;
}

IpAddress FloodDetector::Counter::topSource() const
{
    const Heavy *best = nullptr;
    for (const Heavy &h : heavy)
        if (h.count && (!best || h.count > best->count || (h.count == best->count && h.ip < best->ip)))
            best = &h;
    return best ? best->ip : IpAddress();
}

FloodDetector::FloodDetector(const DetectionSettings &s)
    : m_syn{s.number("syn_flood", "min_rate"), s.number("syn_flood", "min_syns"), s.number("syn_flood", "max_answered_ratio")},
      m_udp{s.number("udp_flood", "min_rate"), s.number("udp_flood", "min_packets"), s.number("udp_flood", "max_reply_ratio"),
            s.number("udp_flood", "high_rate")},
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
    auto it = m_targets.find(ip);
    if (it != m_targets.end())
        return &it->second;
    if (!create)
        return nullptr;
    detect::capMap(m_targets, m_maxTracked, [](const Target &t) { return double(t.all.packets); });
    return &m_targets[ip];
}

void FloodDetector::onPacket(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (d.app != Proto::Dhcp || d.payloadLen < 34 || !d.src.isValid())
        return;
    const uint32_t xid = uint32_t(d.payload[4]) << 24 | uint32_t(d.payload[5]) << 16 | uint32_t(d.payload[6]) << 8 | d.payload[7];
    m_dhcp.hit(pc, d.src);
    if (m_dhcpXids.size() < 100000)
        m_dhcpXids.insert(xid);
    if (m_dhcpClients.size() < 100000) { // client hardware address
        uint64_t mac = 0;
        for (int i = 28; i < 34; ++i)
            mac = mac << 8 | d.payload[i];
        m_dhcpClients.insert(mac);
    }
}

void FloodDetector::onConversation(const Conv &c)
{
    if (c.proto == 6) {
        if (!(c.flags & OrigSyn))
            return; // midstream: nothing to say about floods
        const bool completed = c.flags & OrigAck;
        Target *t = target(c.resp, !completed);
        if (completed) {
            m_globalSynCompleted++;
            if (t)
                t->synCompleted++;
            return;
        }
        t->syn.add(c);
        t->all.add(c);
        m_globalSyn.add(c);
        m_globalSynHalfOpen++;
        if (m_globalSynTargets.size() < kMaxTargetsListed)
            m_globalSynTargets.insert(c.resp);
        return;
    }
    if (c.proto != 17 && c.proto != 1 && c.proto != 58)
        return;
    if (c.proto == 17 && oneWayService(c.respPort))
        return; // logs, traps and flow records are sent unanswered by design
    Target *t = target(c.resp, true);
    (c.proto == 17 ? t->udp : t->icmp).add(c);
    t->all.add(c);
}

bool FloodDetector::raise(const QString &category, const IpAddress &target, const Counter &c, double replyRatio,
                          const Thresholds &t, std::vector<Finding> &out, const QString &what)
{
    const double highRate = std::max(t.highRate, t.minRate);
    const size_t sources = c.sourceCount();
    // A stream to a multicast group or broadcast (IPTV, discovery), or from
    // one or two senders to one or two ports (a camera's video to a
    // recorder), is no attack on a host unless it is as fast as a flood's
    // high rate.
    const bool stream = detect::isMulticastOrBroadcast(target) || (sources <= 2 && c.portCount() <= 2);
    const double minRate = stream ? highRate : t.minRate;
    const double minPackets = t.minPackets, maxReply = t.maxReply;
    if (double(c.packets) < minPackets || c.rate() < minRate || replyRatio > maxReply)
        return false;
    // One or two sources spreading small probes over many ports of one target
    // is a port scan, not a flood (a UDP or ICMP flood to random ports carries
    // payload; SYNs cannot tell).
    const bool smallProbes = category == QLatin1String("syn_flood") || c.bytes < c.packets * detect::kMaxProbeFrameBytes;
    if (sources <= 2 && c.portCount() >= m_scanMinPorts && target.isValid() && smallProbes)
        return false;
    const bool spoofed = sources >= c.packets * 8 / 10 && sources > 20;
    // Real sources (several packets each) with none standing out: name the
    // first one; spoofed ones, or thousands of sources, are not named.
    IpAddress top = c.topSource();
    if (!top.isValid() && !spoofed && sources < kSaturated)
        top = c.firstSource;
    const bool multicastSource = detect::isMulticastOrBroadcast(top);
    Finding f;
    f.category = category;
    const double rate = c.rate();
    f.severity = rate >= highRate * 10 || c.packets >= 100000 ? Severity::Critical
               : rate >= highRate                            ? Severity::High
                                                             : Severity::Medium;
    f.confidence = std::min(1.0, 0.7 + 0.3 * std::min(1.0, rate / (highRate * 10)));
    f.source = detect::ipText(top);
    f.targets = {detect::ipText(target)};
    f.firstNs = c.firstNs;
    f.lastNs = c.lastNs;
    f.count = c.packets;
    QString who = sources > 1 ? QStringLiteral("%1 sources").arg(sources) : f.source;
    if (spoofed)
        who += QStringLiteral(" (looks spoofed: about one packet per source)");
    f.summary = QStringLiteral("%1 %2 at %3 to %4 from %5 in %6; %7% answered")
                    .arg(c.packets).arg(what).arg(QStringLiteral("%1/s").arg(qRound64(rate)), f.targets.first(), who,
                         detect::durationText(c.lastNs - c.firstNs))
                    .arg(qRound(replyRatio * 100));
    if (detect::isMulticastOrBroadcast(target) || multicastSource)
        f.summary += QStringLiteral(" (multicast/broadcast addressing: amplification or smurf pattern)");
    f.threshold = QStringLiteral("≥%1 packets/s and ≥%2 packets, ≤%3% answered")
                      .arg(minRate).arg(minPackets).arg(qRound(maxReply * 100));
    f.packets = c.evidence;
    f.metrics = QJsonObject{{QStringLiteral("packets"), qint64(c.packets)},
                            {QStringLiteral("bytes"), qint64(c.bytes)},
                            {QStringLiteral("rate_pps"), qRound64(rate)},
                            {QStringLiteral("sources"), qint64(sources)},
                            {QStringLiteral("spoofed_sources_likely"), spoofed},
                            {QStringLiteral("answered_ratio"), qRound(replyRatio * 1000) / 1000.0}};
    f.mitre = category == QLatin1String("ddos") ? QStringList{QStringLiteral("T1498")}
                                                : QStringList{QStringLiteral("T1498.001"), QStringLiteral("T1499")};
    f.recommendation = QStringLiteral("Rate-limit or filter this traffic upstream of %1 (SYN cookies for SYN floods); "
                                      "contact the upstream provider if the volume exceeds local capacity.")
                           .arg(f.targets.first());
    out.push_back(f);
    return true;
}

bool FloodDetector::answersOwnFlood(const IpAddress &target, const Counter &icmp) const
{
    // ICMP to X mostly from Y, while X floods Y itself (UDP to closed ports
    // answered with port unreachables, say): Y's answers, not an attack on X.
    const IpAddress y = icmp.topSource();
    if (!y.isValid() || y == target)
        return false;
    const auto it = m_targets.find(y);
    if (it == m_targets.end())
        return false;
    const Counter &back = it->second.all;
    return back.topSource() == target && back.packets * 2 >= icmp.packets;
}

void FloodDetector::finish(std::vector<Finding> &out)
{
    for (const auto &[ip, t] : m_targets) {
        if (t.all.packets < std::min({m_syn.minPackets, m_udp.minPackets, m_icmp.minPackets, m_ddos.minPackets}))
            continue;
        const double synDone = t.syn.packets ? double(t.synCompleted) / double(t.synCompleted + t.syn.packets) : 1.0;
        bool any = raise(QStringLiteral("syn_flood"), ip, t.syn, synDone, m_syn, out, QStringLiteral("half-open SYNs"));
        const double udpReply = t.udp.packets ? double(t.udp.replies) / double(t.udp.packets) : 1.0;
        any |= raise(QStringLiteral("udp_flood"), ip, t.udp, udpReply, m_udp, out, QStringLiteral("unanswered UDP packets"));
        const double icmpReply = t.icmp.packets ? double(t.icmp.replies) / double(t.icmp.packets) : 1.0;
        if (!answersOwnFlood(ip, t.icmp))
            any |= raise(QStringLiteral("icmp_flood"), ip, t.icmp, icmpReply, m_icmp, out, QStringLiteral("ICMP echo requests"));
        // Many sources: a distributed attack, reported beside a SYN/UDP/ICMP
        // flood when the sources are real (several packets each; spoofed
        // sources send about one each and the flood alone says it).
        const double allReply = t.all.packets ? double(t.all.replies) / double(t.all.packets) : 1.0;
        const size_t sources = t.all.sourceCount();
        // (Thousands of sources: how many packets each sent cannot be told.)
        const bool onePerSource = sources >= t.all.packets * 8 / 10 || sources >= kSaturated;
        if (double(sources) >= m_ddosMinSources && (!any || !onePerSource))
            raise(QStringLiteral("ddos"), ip, t.all, allReply, m_ddos, out, QStringLiteral("unsolicited packets"));
    }
    // SYNs sprayed at random targets from random sources: no single target stands out.
    const bool perTargetFound = std::any_of(out.begin(), out.end(), [](const Finding &f) { return f.category == QLatin1String("syn_flood"); });
    if (!perTargetFound && double(m_globalSynTargets.size()) >= m_syn.minPackets / 2) {
        const double done = m_globalSynHalfOpen ? double(m_globalSynCompleted) / double(m_globalSynCompleted + m_globalSynHalfOpen) : 1.0;
        if (raise(QStringLiteral("syn_flood"), IpAddress(), m_globalSyn, done, m_syn, out, QStringLiteral("half-open SYNs"))) {
            Finding &f = out.back();
            QStringList targets;
            for (const IpAddress &ip : m_globalSynTargets) {
                targets << detect::ipText(ip);
                if (targets.size() >= 50)
                    break;
            }
            targets.sort();
            f.targets = targets;
            f.summary.replace(QStringLiteral(" to  from"), QStringLiteral(" to %1 targets from").arg(m_globalSynTargets.size()));
        }
    }
    // Many transaction IDs, client hardware addresses or client IPs: a starvation/flood tool.
    const size_t dhcpClients = std::max({m_dhcpXids.size(), m_dhcpClients.size(), m_dhcp.sourceCount()});
    if (double(m_dhcp.packets) >= m_udp.minPackets && dhcpClients * 4 >= m_dhcp.packets
        && m_dhcp.rate() >= 20) {
        Finding f;
        f.category = QStringLiteral("udp_flood");
        f.severity = Severity::High;
        f.confidence = 0.8;
        f.source = detect::ipText(m_dhcp.topSource());
        f.targets = {QStringLiteral("DHCP")};
        f.ports = {67, 68};
        f.firstNs = m_dhcp.firstNs;
        f.lastNs = m_dhcp.lastNs;
        f.count = m_dhcp.packets;
        f.summary = QStringLiteral("DHCP flood: %1 DHCP messages (%2 transaction IDs, %3 client hardware addresses, %4 source addresses) in %5 (%6/s)")
                        .arg(m_dhcp.packets).arg(m_dhcpXids.size()).arg(m_dhcpClients.size()).arg(m_dhcp.sourceCount())
                        .arg(detect::durationText(m_dhcp.lastNs - m_dhcp.firstNs)).arg(qRound64(m_dhcp.rate()));
        f.threshold = QStringLiteral("≥%1 DHCP messages at ≥20/s, one client per ≤4 messages").arg(m_udp.minPackets);
        f.packets = m_dhcp.evidence;
        f.metrics = QJsonObject{{QStringLiteral("messages"), qint64(m_dhcp.packets)},
                                {QStringLiteral("transaction_ids"), qint64(m_dhcpXids.size())},
                                {QStringLiteral("client_addresses"), qint64(m_dhcpClients.size())},
                                {QStringLiteral("rate_pps"), qRound64(m_dhcp.rate())}};
        f.mitre = {QStringLiteral("T1498.001"), QStringLiteral("T1557")};
        f.recommendation = QStringLiteral("Enable DHCP snooping and per-port rate limits on the switches; find the port "
                                          "the messages enter on and shut it down.");
        out.push_back(f);
    }
}

} // namespace packetlens
