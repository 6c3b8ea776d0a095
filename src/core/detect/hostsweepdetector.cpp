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
    const uint64_t h = detect::PairKeyHash()(key);
    if (Sweep *s = m_sweeps.find(key, h))
        return s;
    if (!create)
        return nullptr;
    capSweeps();
    return m_sweeps.tryEmplace(key, h).first;
}

// Drops the smaller half of the sweeps when there are too many, and their targets.
void HostSweepDetector::capSweeps()
{
    if (m_sweeps.size() < m_maxTracked)
        return;
    detect::capMap(m_sweeps, m_maxTracked, [](const Sweep &s) { return double(s.hosts); });
    m_hosts.eraseIf([this](const detect::PairKey &k, HostState &) {
        const detect::PairKey sweepKey{k.a, IpAddress(), k.extra};
        return m_sweeps.find(sweepKey, detect::PairKeyHash()(sweepKey)) == nullptr;
    });
}

HostSweepDetector::HostState *HostSweepDetector::host(const IpAddress &src, uint32_t kindPort, const IpAddress &target)
{
    const detect::PairKey key{src, target, kindPort};
    return m_hosts.find(key, detect::PairKeyHash()(key));
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
        const detect::PairKey firstKey{src, first.target, kindPort};
        *m_hosts.tryEmplace(firstKey, detect::PairKeyHash()(firstKey)).first = HostState{first.ns, false};
        s->hosts = 1;
        addEvidence(s->evidence, first.packet);
    }
    s->firstNs = std::min(s->firstNs, ns);
    s->lastNs = std::max(s->lastNs, ns);
    const detect::PairKey key{src, target, kindPort};
    const uint64_t h = detect::PairKeyHash()(key);
    if (HostState *known = m_hosts.find(key, h)) {
        known->answered |= answered;
    } else if (s->hosts < kMaxHostsPerSweep) {
        *m_hosts.tryEmplace(key, h).first = HostState{ns, answered};
        s->hosts++;
        addEvidence(s->evidence, packet);
    }
}

// Which probe a conversation is, as (kind | port) + 1; 0 when it is none.
uint32_t HostSweepDetector::probeKind(const Conv &c)
{
    if (detect::isMulticastOrBroadcast(c.resp))
        return 0;
    const uint16_t f = c.flags;
    if (c.proto == 17) {
        // nmap -PU: one or two small datagrams and no UDP answer (an ICMP port
        // unreachable, if any, is not part of the conversation). Answers from
        // a service port to a client port are not probes (their query went elsewhere).
        const bool fromService = c.origPort < 1024 || c.origPort == 5353 || c.origPort == 5355 || c.origPort == 1900;
        if (c.respPackets || c.origPackets > 2 || c.origBytes >= c.origPackets * detect::kMaxProbeFrameBytes
            || (fromService && c.respPort >= 1024))
            return 0;
        return (Udp | c.respPort) + 1;
    }
    if (c.proto != 6)
        return 0;
    if (!(f & (OrigSyn | RespSynAck | OrigData | RespData | RespSynOnly)) && (f & OrigAck) && c.origPackets <= 2
        && (c.respPackets == 0 || (f & RespRst)))
        return (TcpAck | c.respPort) + 1; // nmap -PA: a bare ACK out of nowhere, answered by a RST (the host is up) or nothing
    if (!(f & OrigSyn) || (f & RespSynAck))
        return 0; // only attempts that were refused or never answered
    return (Tcp | c.respPort) + 1;
}

void HostSweepDetector::prefetchConversation(const Conv &c, int stage)
{
    const uint32_t kind = probeKind(c);
    if (!kind)
        return;
    const uint64_t h = detect::PairKeyHash()(detect::PairKey{c.orig, IpAddress(), kind - 1});
    const uint64_t hh = detect::PairKeyHash()(detect::PairKey{c.orig, c.resp, kind - 1});
    m_sweeps.prefetch(h, stage);
    m_hosts.prefetch(hh, stage);
    if (stage == 0)
        m_once.prefetch(h);
}

void HostSweepDetector::onConversation(const Conv &c)
{
    if (const uint32_t kind = probeKind(c))
        probe(c.orig, kind - 1, c.resp, c.firstNs, c.firstPacket, (kind - 1) >> 16 == TcpAck >> 16 && (c.flags & RespRst));
}

void HostSweepDetector::onPacket(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (d.hasArp) {
        if (d.arp.op == 1 && !(d.arp.senderIp == d.arp.targetIp))
            probe(d.arp.senderIp, Arp, d.arp.targetIp, pc.tsNs, pc.number, false);
        else if (d.arp.op == 2)
            if (HostState *h = host(d.arp.targetIp, Arp, d.arp.senderIp))
                h->answered = true;
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
    } else if (HostState *h = host(d.dst, kind, d.src)) {
        h->answered = true;
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

Message HostSweepDetector::probeMessage(uint32_t kind, int port)
{
    switch (kind) {
    case Arp: return message("sweep.how.arp");
    case Icmp: return message("sweep.how.icmp");
    case IcmpTimestamp: return message("sweep.how.icmp_timestamp");
    case IcmpMask: return message("sweep.how.icmp_mask");
    case TcpAck: return message("sweep.how.tcp_ack", {QString::number(port)});
    case Udp: return message("sweep.how.udp", {QString::number(port)});
    default: return message("sweep.how.tcp", {QString::number(port)});
    }
}

void HostSweepDetector::finish(std::vector<Finding> &out)
{
    // The targets of the sweeps large enough to report, gathered in one pass.
    std::unordered_map<const Sweep *, std::vector<std::pair<IpAddress, HostState>>> targets;
    m_hosts.forEach([&](const detect::PairKey &k, const HostState &h) {
        const detect::PairKey sweepKey{k.a, IpAddress(), k.extra};
        const Sweep *s = m_sweeps.find(sweepKey, detect::PairKeyHash()(sweepKey));
        if (s && s->hosts >= m_minHosts)
            targets[s].emplace_back(k.b, h);
    });
    m_sweeps.forEach([&](const detect::PairKey &key, const Sweep &s) {
        if (s.hosts >= m_minHosts)
            raise(key, s, targets[&s], out);
    });
}

void HostSweepDetector::raise(const detect::PairKey &key, const Sweep &s, std::vector<std::pair<IpAddress, HostState>> &hosts,
                              std::vector<Finding> &out) const
{
    // The targets listed are the lowest addresses (a stable choice).
    std::sort(hosts.begin(), hosts.end(), [](const auto &x, const auto &y) { return x.first < y.first; });
    const uint32_t kind = key.extra & 0xffff0000u;
    const int port = int(key.extra & 0xffff);
    std::vector<int64_t> times;
    QStringList targets;
    size_t unanswered = 0;
    std::unordered_map<uint32_t, size_t> perNetwork; // counted targets per /16 (IPv4) or /32 (IPv6)
    for (const auto &[ip, h] : hosts) {
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
            return;
    }
    int64_t ws = 0, we = 0;
    const size_t inWindow = detect::maxInWindow(times, m_windowNs, &ws, &we);
    if (inWindow < m_minHosts)
        return;
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
    f.setSummary(message("sweep.summary", {f.source, qint64(s.hosts), phraseArg(probeMessage(kind, port)), durationArg(s.lastNs - s.firstNs),
                                           qint64(unanswered)}));
    f.setThreshold(message("sweep.threshold", {qint64(m_minHosts), qint64(m_windowNs / detect::kSecond)}));
    f.packets = s.evidence;
    f.metrics = QJsonObject{{QStringLiteral("hosts_probed"), qint64(s.hosts)},
                            {QStringLiteral("hosts_counted"), qint64(n)},
                            {QStringLiteral("max_hosts_in_window"), qint64(inWindow)},
                            {QStringLiteral("unanswered"), qint64(unanswered)},
                            {QStringLiteral("method"), methodName(kind)}};
    f.mitre = {QStringLiteral("T1018"), QStringLiteral("T1046")};
    f.setRecommendation(message("sweep.recommendation", {f.source}));
    out.push_back(f);
}

} // namespace packetlens
