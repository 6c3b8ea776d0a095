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
    if (c.proto != 6 || !(c.flags & OrigSyn) || (c.flags & RespSynAck) || detect::isMulticastOrBroadcast(c.resp))
        return; // only attempts that were refused or never answered
    probe(c.orig, Tcp | c.respPort, c.resp, c.firstNs, c.firstPacket, false);
}

void HostSweepDetector::onPacket(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    auto answer = [&](const IpAddress &prober, uint32_t kindPort, const IpAddress &target) {
        if (Sweep *s = sweep(prober, kindPort, false)) {
            auto it = s->hosts.find(target);
            if (it != s->hosts.end())
                it->second.answered = true;
        }
    };
    if (d.hasArp) {
        if (d.arp.op == 1 && !(d.arp.senderIp == d.arp.targetIp))
            probe(d.arp.senderIp, Arp, d.arp.targetIp, pc.tsNs, pc.number, false);
        else if (d.arp.op == 2)
            answer(d.arp.targetIp, Arp, d.arp.senderIp);
        return;
    }
    if (d.l4 != Proto::Icmp && d.l4 != Proto::Icmpv6)
        return;
    if (!d.src.isValid() || detect::isMulticastOrBroadcast(d.dst))
        return;
    const bool v6 = d.l4 == Proto::Icmpv6;
    if (d.icmpType == (v6 ? 128 : 8))
        probe(d.src, Icmp, d.dst, pc.tsNs, pc.number, false);
    else if (d.icmpType == (v6 ? 129 : 0))
        answer(d.dst, Icmp, d.src);
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
        for (const auto &[ip, h] : s.hosts) {
            if (!h.answered)
                ++unanswered;
            // TCP and ARP count what failed; a ping sweep counts every target.
            if (kind == Icmp || !h.answered) {
                times.push_back(h.firstNs);
                if (targets.size() < 50)
                    targets << detect::ipText(ip);
            }
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
        if (kind == Tcp)
            f.ports = {port};
        f.firstNs = s.firstNs;
        f.lastNs = s.lastNs;
        f.count = n;
        const QString how = kind == Arp ? QStringLiteral("ARP requests") : kind == Icmp ? QStringLiteral("ICMP echo requests")
                                                                                        : QStringLiteral("TCP port %1").arg(port);
        f.summary = QStringLiteral("%1 swept %2 hosts with %3 in %4 (%5 did not answer)")
                        .arg(f.source).arg(s.hosts.size()).arg(how, detect::durationText(s.lastNs - s.firstNs)).arg(unanswered);
        f.threshold = QStringLiteral("≥%1 hosts in %2 s").arg(m_minHosts).arg(m_windowNs / detect::kSecond);
        f.packets = s.evidence;
        f.metrics = QJsonObject{{QStringLiteral("hosts_probed"), qint64(s.hosts.size())},
                                {QStringLiteral("hosts_counted"), qint64(n)},
                                {QStringLiteral("max_hosts_in_window"), qint64(inWindow)},
                                {QStringLiteral("unanswered"), qint64(unanswered)},
                                {QStringLiteral("method"), kind == Arp ? QStringLiteral("arp") : kind == Icmp ? QStringLiteral("icmp") : QStringLiteral("tcp")}};
        f.mitre = {QStringLiteral("T1018"), QStringLiteral("T1046")};
        f.recommendation = QStringLiteral("Identify the owner of %1 and whether network discovery was authorised; "
                                          "if not, isolate it and look for follow-up connections to the hosts that answered.")
                               .arg(f.source);
        out.push_back(f);
    }
}

} // namespace packetlens
