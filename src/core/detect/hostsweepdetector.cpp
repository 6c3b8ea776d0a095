// SPDX-License-Identifier: GPL-3.0-or-later
#include "hostsweepdetector.h"

namespace packetlens {

namespace {
constexpr size_t kMaxHostsPerSweep = 65536;
} // namespace

HostSweepDetector::HostSweepDetector(const DetectionSettings &s)
    : m_minHosts(size_t(s.number("host_sweep", "min_hosts"))),
      m_windowNs(int64_t(s.number("host_sweep", "window_s") * 1e9)),
      m_maxTracked(size_t(s.number("limits", "max_tracked")))
{
}

HostSweepDetector::Sweep *HostSweepDetector::sweep(const IpAddress &src, uint32_t kindPort, bool create)
{
    const detect::PairKey key{src, IpAddress(), kindPort};
    auto it = m_sweeps.find(key);
    if (it != m_sweeps.end())
        return &it->second;
    if (!create)
        return nullptr;
    detect::capMap(m_sweeps, m_maxTracked, [](const Sweep &s) { return double(s.hosts.size()); });
    return &m_sweeps[key];
}

void HostSweepDetector::probe(const IpAddress &src, uint32_t kindPort, const IpAddress &target, int64_t ns,
                              uint64_t packet, bool answered)
{
    Sweep *s = sweep(src, kindPort, false);
    if (!s) { // state only for sources that probe more than once
        const detect::PairKey key{src, IpAddress(), kindPort};
        FirstProbe first;
        if (!m_once.seenBefore(detect::PairKeyHash()(key), FirstProbe{target, ns, packet}, first))
            return;
        s = sweep(src, kindPort, true);
        s->firstNs = s->lastNs = first.ns;
        s->hosts.try_emplace(first.target, HostState{first.ns, false});
        addEvidence(s->evidence, first.packet);
    }
    if (s->hosts.empty()) {
        s->firstNs = ns;
        s->lastNs = ns;
    }
    s->firstNs = std::min(s->firstNs, ns);
    s->lastNs = std::max(s->lastNs, ns);
    if (s->hosts.size() < kMaxHostsPerSweep) {
        auto [it, inserted] = s->hosts.try_emplace(target, HostState{ns, answered});
        if (inserted)
            addEvidence(s->evidence, packet);
        else
            it->second.answered |= answered;
    }
}

void HostSweepDetector::onConversation(const Conv &c)
{
    if (detect::isMulticastOrBroadcast(c.resp))
        return;
    const uint16_t f = c.flags;
    if (c.proto == 17) {
        // nmap -PU: one or two small datagrams and no UDP answer (an ICMP port
        // unreachable, if any, is not part of the conversation). Answers from
        // a service port to a client port are not probes (their query went elsewhere).
        const bool fromService = c.origPort < 1024 || c.origPort == 5353 || c.origPort == 5355 || c.origPort == 1900;
        if (c.respPackets || c.origPackets > 2 || c.origBytes >= c.origPackets * detect::kMaxProbeFrameBytes
            || (fromService && c.respPort >= 1024))
            return;
        probe(c.orig, Udp | c.respPort, c.resp, c.firstNs, c.firstPacket, false);
        return;
    }
    if (c.proto != 6)
        return;
    if (!(f & (OrigSyn | RespSynAck | OrigData | RespData | RespSynOnly)) && (f & OrigAck) && c.origPackets <= 2
        && (c.respPackets == 0 || (f & RespRst))) {
        // nmap -PA: a bare ACK out of nowhere, answered by a RST (the host is up) or nothing.
        probe(c.orig, TcpAck | c.respPort, c.resp, c.firstNs, c.firstPacket, (f & RespRst) != 0);
        return;
    }
    if (!(f & OrigSyn) || (f & RespSynAck))
        return; // only attempts that were refused or never answered
    probe(c.orig, Tcp | c.respPort, c.resp, c.firstNs, c.firstPacket, false);
}

void HostSweepDetector::onPacket(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (d.hasArp) {
        if (d.arp.op == 1 && !(d.arp.senderIp == d.arp.targetIp))
            probe(d.arp.senderIp, Arp, d.arp.targetIp, pc.tsNs, pc.number, false);
        else if (d.arp.op == 2)
            if (Sweep *s = sweep(d.arp.targetIp, Arp, false))
                if (auto it = s->hosts.find(d.arp.senderIp); it != s->hosts.end())
                    it->second.answered = true;
        return;
    }
    if (d.l4 == Proto::Icmp || d.l4 == Proto::Icmpv6)
        onIcmp(pc);
}

// Echo (8/0, ICMPv6 128/129), timestamp (13/14) and address-mask (17/18)
// requests count as probes, their replies as answers.
void HostSweepDetector::onIcmp(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (!d.src.isValid() || detect::isMulticastOrBroadcast(d.dst))
        return;
    const bool v6 = d.l4 == Proto::Icmpv6;
    uint32_t kind = 0;
    bool request = false;
    switch (d.icmpType) {
    case 8: case 0: kind = v6 ? 0u : uint32_t(Icmp); request = d.icmpType == 8; break;
    case 128: case 129: kind = v6 ? uint32_t(Icmp) : 0u; request = d.icmpType == 128; break;
    case 13: case 14: kind = v6 ? 0u : uint32_t(IcmpTimestamp); request = d.icmpType == 13; break;
    case 17: case 18: kind = v6 ? 0u : uint32_t(IcmpMask); request = d.icmpType == 17; break;
    default: return;
    }
    if (!kind)
        return;
    if (request) {
        probe(d.src, kind, d.dst, pc.tsNs, pc.number, false);
    } else if (Sweep *s = sweep(d.dst, kind, false)) {
        if (auto it = s->hosts.find(d.src); it != s->hosts.end())
            it->second.answered = true;
    }
}

QString HostSweepDetector::methodName(uint32_t kind)
{
    switch (kind) {
    case Arp: return QStringLiteral("arp");
    case Icmp: return QStringLiteral("icmp");
    case IcmpTimestamp: return QStringLiteral("icmp-timestamp");
    case IcmpMask: return QStringLiteral("icmp-address-mask");
    case TcpAck: return QStringLiteral("tcp-ack");
    case Udp: return QStringLiteral("udp");
    default: return QStringLiteral("tcp");
    }
}

QString HostSweepDetector::probeText(uint32_t kind, int port)
{
    switch (kind) {
    case Arp: return QStringLiteral("ARP requests");
    case Icmp: return QStringLiteral("ICMP echo requests");
    case IcmpTimestamp: return QStringLiteral("ICMP timestamp requests");
    case IcmpMask: return QStringLiteral("ICMP address-mask requests");
    case TcpAck: return QStringLiteral("TCP ACK probes to port %1").arg(port);
    case Udp: return QStringLiteral("UDP probes to port %1").arg(port);
    default: return QStringLiteral("TCP port %1").arg(port);
    }
}

void HostSweepDetector::finish(std::vector<Finding> &out)
{
    for (const auto &[key, s] : m_sweeps) {
        if (s.hosts.size() < m_minHosts)
            continue;
        const uint32_t kind = key.extra & 0xffff0000u;
        const int port = int(key.extra & 0xffff);
        std::vector<int64_t> times;
        QStringList targets;
        size_t unanswered = 0;
        std::unordered_map<uint32_t, size_t> perNetwork; // counted targets per /16 (IPv4) or /32 (IPv6)
        for (const auto &[ip, h] : s.hosts) {
            if (!h.answered)
                ++unanswered;
            // TCP SYN, UDP and ARP count what failed; pings and ACK probes every target.
            if (countsEveryTarget(kind) || !h.answered) {
                times.push_back(h.firstNs);
                perNetwork[uint32_t(ip.bytes[0]) << 24 | uint32_t(ip.bytes[1]) << 16
                           | (ip.family == 6 ? uint32_t(ip.bytes[2]) << 8 | ip.bytes[3] : 0u)]++;
                if (targets.size() < 50)
                    targets << detect::ipText(ip);
            }
        }
        // Datagrams to peers spread over the whole Internet are a peer-to-peer
        // client finding its peers (most of them gone), not a sweep: a UDP
        // sweep walks a network, so most of its targets share one.
        if (kind == Udp && !times.empty()) {
            size_t largest = 0;
            for (const auto &[net, n] : perNetwork)
                largest = std::max(largest, n);
            if (largest * 2 < times.size())
                continue;
        }
        int64_t ws = 0, we = 0;
        const size_t inWindow = detect::maxInWindow(times, m_windowNs, &ws, &we);
        if (inWindow < m_minHosts)
            continue;
        targets.sort();
        Finding f;
        f.category = QStringLiteral("host_sweep");
        const size_t n = times.size();
        f.severity = n >= 250 ? Severity::High : n >= 50 ? Severity::Medium : Severity::Low;
        f.confidence = std::min(1.0, 0.6 + 0.4 * double(n) / 250.0);
        f.source = detect::ipText(key.a);
        f.targets = targets;
        if (kind == Tcp || kind == TcpAck || kind == Udp)
            f.ports = {port};
        f.firstNs = s.firstNs;
        f.lastNs = s.lastNs;
        f.count = n;
        const QString how = probeText(kind, port);
        f.summary = QStringLiteral("%1 swept %2 hosts with %3 in %4 (%5 did not answer)")
                        .arg(f.source).arg(s.hosts.size()).arg(how, detect::durationText(s.lastNs - s.firstNs)).arg(unanswered);
        f.threshold = QStringLiteral("≥%1 hosts in %2 s").arg(m_minHosts).arg(m_windowNs / detect::kSecond);
        f.packets = s.evidence;
        f.metrics = QJsonObject{{QStringLiteral("hosts_probed"), qint64(s.hosts.size())},
                                {QStringLiteral("hosts_counted"), qint64(n)},
                                {QStringLiteral("max_hosts_in_window"), qint64(inWindow)},
                                {QStringLiteral("unanswered"), qint64(unanswered)},
                                {QStringLiteral("method"), methodName(kind)}};
        f.mitre = {QStringLiteral("T1018"), QStringLiteral("T1046")};
        f.recommendation = QStringLiteral("Identify the owner of %1 and whether network discovery was authorised; "
                                          "if not, isolate it and look for follow-up connections to the hosts that answered.")
                               .arg(f.source);
        out.push_back(f);
    }
}

} // namespace packetlens
