// SPDX-License-Identifier: GPL-3.0-or-later
#include "portscandetector.h"

#include <set>

namespace packetlens {

namespace {
constexpr size_t kMaxProbesPerPair = 65536;
// A UDP probe: at most two small datagrams (detect::kMaxProbeFrameBytes) that
// got no UDP answer. Traceroute's ports are not probes.
constexpr uint64_t kMaxUdpProbePackets = 2;
constexpr uint16_t kTracerouteFirst = 33434, kTracerouteLast = 33534;
} // namespace

PortScanDetector::PortScanDetector(const DetectionSettings &s)
    : m_minPorts(size_t(s.number("port_scan", "min_ports"))),
      m_windowNs(int64_t(s.number("port_scan", "window_s") * 1e9)),
      m_maxTracked(size_t(s.number("limits", "max_tracked")))
{
}

void PortScanDetector::onConversation(const Conv &c)
{
    uint8_t kind;
    const uint16_t f = c.flags;
    if (c.proto == 17) {
        if (c.respPackets || c.origPackets > kMaxUdpProbePackets || c.origBytes >= c.origPackets * detect::kMaxProbeFrameBytes
            || (c.respPort >= kTracerouteFirst && c.respPort <= kTracerouteLast))
            return;
        // From a service port to a client's port: an answer whose query went
        // elsewhere (LLMNR, mDNS, another address of a resolver) or was not
        // captured, not a probe.
        const bool fromService = c.origPort < 1024 || c.origPort == 5353 || c.origPort == 5355 || c.origPort == 1900
                                 || c.origPort == 3702;
        if (fromService && c.respPort >= 1024)
            return;
        kind = 4;
    } else if (c.proto != 6) {
        return;
    } else if (f & OrigStealth)
        kind = 3;
    else if (!(f & (OrigSyn | RespSynAck | OrigData | RespData | RespSynOnly)) && (f & OrigAck) && c.origPackets <= 2
             && (c.respPackets == 0 || (f & RespRst))) // (a keep-alive is answered by an ACK)
        kind = 5; // a bare ACK out of nowhere (nmap -sA / -sW): firewall mapping
    else if (!(f & OrigSyn) || (f & OrigData))
        return; // not a probe: midstream, or the prober talked
    else if (f & RespSynAck)
        kind = 2;
    else if (f & RespRst)
        kind = 0;
    else
        kind = 1;
    const detect::PairKey key{c.orig, c.resp, 0};
    const uint64_t h = detect::PairKeyHash()(key);
    const Probe probe{c.firstNs, c.respPort, kind, c.firstPacket};
    Pair *p = m_pairs.find(key, h);
    if (!p) {
        Probe first{};
        if (!m_once.seenBefore(h, probe, first))
            return; // a single probe so far: no state yet
        detect::capMap(m_pairs, m_maxTracked, [](const Pair &p) { return double(p.probes.size()); });
        p = m_pairs.tryEmplace(key, h).first;
        record(*p, first, first.ns);
    }
    record(*p, probe, c.lastNs);
}

// Every TCP and UDP conversation may be a probe: its pair is looked up when it ends.
void PortScanDetector::prefetchConversation(const Conv &c, int stage)
{
    if (c.proto != 6 && c.proto != 17)
        return;
    const uint64_t h = detect::PairKeyHash()(detect::PairKey{c.orig, c.resp, 0});
    m_pairs.prefetch(h, stage);
    if (stage == 0)
        m_once.prefetch(h);
}

void PortScanDetector::record(Pair &p, const Probe &probe, int64_t lastNs)
{
    if (p.probes.size() < kMaxProbesPerPair)
        p.probes.push_back(probe);
    p.firstNs = std::min(p.firstNs, probe.ns);
    p.lastNs = std::max(p.lastNs, lastNs);
    addEvidence(p.evidence, probe.packet);
}

void PortScanDetector::finish(std::vector<Finding> &out)
{
    m_pairs.forEach([&](const detect::PairKey &key, Pair &p) {
        if (p.probes.size() >= m_minPorts)
            raise(key, p, out);
    });
}

void PortScanDetector::raise(const detect::PairKey &key, Pair &p, std::vector<Finding> &out) const
{
    // One entry per port: its first probe.
    std::sort(p.probes.begin(), p.probes.end(), [](const Probe &a, const Probe &b) {
        return a.port != b.port ? a.port < b.port : a.ns < b.ns;
    });
    std::vector<int64_t> times;
    std::vector<int> ports;
    size_t counts[6] = {};
    for (size_t i = 0; i < p.probes.size(); ++i) {
        if (i > 0 && p.probes[i].port == p.probes[i - 1].port)
            continue;
        times.push_back(p.probes[i].ns);
        ports.push_back(p.probes[i].port);
        counts[p.probes[i].kind]++;
    }
    const size_t n = ports.size();
    if (n < m_minPorts)
        return;
    const size_t inWindow = detect::maxInWindow(times, m_windowNs);
    if (inWindow < m_minPorts)
        return;
    std::sort(p.evidence.begin(), p.evidence.end());
    Finding f;
    f.category = QStringLiteral("port_scan");
    f.severity = n >= 500 ? Severity::High : n >= 100 ? Severity::Medium : Severity::Low;
    const bool stealth = counts[3] >= m_minPorts;
    if (stealth && f.severity < Severity::High)
        f.severity = Severity(int(f.severity) + 1);
    f.confidence = std::min(1.0, 0.6 + 0.4 * double(n) / 100.0);
    f.source = detect::ipText(key.a);
    f.targets = {detect::ipText(key.b)};
    f.ports.assign(ports.begin(), ports.begin() + long(std::min<size_t>(n, 100)));
    f.firstNs = p.firstNs;
    f.lastNs = p.lastNs;
    f.count = n;
    const bool udp = counts[4] > counts[0] + counts[1] + counts[2] + counts[3] + counts[5];
    const bool ack = counts[5] > counts[0] + counts[1] + counts[2] + counts[3] + counts[4];
    const QString kind = stealth ? QStringLiteral("NULL/FIN/XMAS") : udp ? QStringLiteral("UDP")
                         : ack ? QStringLiteral("ACK") : QStringLiteral("SYN");
    // The rarer probe kinds, each a phrase that starts with ", " (none: nothing).
    QJsonArray extra;
    if (counts[3])
        extra.append(phraseArg(message("scan.extra.stealth", {qint64(counts[3])})));
    if (counts[4])
        extra.append(phraseArg(message("scan.extra.udp", {qint64(counts[4])})));
    if (counts[5])
        extra.append(phraseArg(message("scan.extra.ack", {qint64(counts[5])})));
    f.setSummary(message("scan.summary", {f.source, qint64(n), f.targets.first(), durationArg(p.lastNs - p.firstNs), qint64(counts[0]),
                                          qint64(counts[1]), qint64(counts[2]), phraseArg(message("common.concat", extra)), kind}));
    f.setThreshold(message("scan.threshold", {qint64(m_minPorts), qint64(m_windowNs / detect::kSecond)}));
    f.packets = p.evidence;
    f.metrics = QJsonObject{{QStringLiteral("ports_failed"), qint64(n)},
                            {QStringLiteral("max_ports_in_window"), qint64(inWindow)},
                            {QStringLiteral("refused"), qint64(counts[0])},
                            {QStringLiteral("unanswered"), qint64(counts[1])},
                            {QStringLiteral("half_open"), qint64(counts[2])},
                            {QStringLiteral("stealth_probes"), qint64(counts[3])},
                            {QStringLiteral("udp_probes"), qint64(counts[4])},
                            {QStringLiteral("ack_probes"), qint64(counts[5])},
                            {QStringLiteral("scan_type"), kind}};
    f.mitre = {QStringLiteral("T1046")};
    f.setRecommendation(message("scan.recommendation", {f.source, f.targets.first()}));
    out.push_back(f);
}

} // namespace packetlens
