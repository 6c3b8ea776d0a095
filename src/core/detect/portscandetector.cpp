#include "portscandetector.h"

namespace packetlens {

namespace {
constexpr uint8_t kFin = 0x01, kSyn = 0x02, kRst = 0x04, kPsh = 0x08, kAck = 0x10, kUrg = 0x20;
constexpr size_t kMaxPortsPerPair = 65536;
} // namespace

PortScanDetector::PortScanDetector(const DetectionSettings &s)
    : m_minPorts(size_t(s.number("port_scan", "min_ports"))),
      m_windowNs(int64_t(s.number("port_scan", "window_s") * 1e9)),
      m_maxTracked(size_t(s.number("limits", "max_tracked")))
{
}

PortScanDetector::Pair *PortScanDetector::pair(const IpAddress &prober, const IpAddress &target, bool create, int64_t ts)
{
    const detect::PairKey key{prober, target, 0};
    auto it = m_pairs.find(key);
    if (it != m_pairs.end())
        return &it->second;
    if (!create)
        return nullptr;
    detect::capMap(m_pairs, m_maxTracked, [](const Pair &p) { return double(p.probes); });
    Pair &p = m_pairs[key];
    p.firstNs = ts;
    return &p;
}

void PortScanDetector::onPacket(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (d.l4 != Proto::Tcp || (d.malformed && d.malformedAt == Proto::Tcp) || !d.src.isValid())
        return;
    const uint8_t f = d.tcpFlags;
    const bool syn = (f & (kSyn | kAck)) == kSyn;
    const bool nullScan = f == 0;
    const bool finScan = f == kFin;
    const bool xmasScan = (f & (kFin | kPsh | kUrg)) == (kFin | kPsh | kUrg) && !(f & (kSyn | kAck));
    if (syn || nullScan || finScan || xmasScan) {
        Pair *p = pair(d.src, d.dst, true, pc.tsNs);
        p->probes++;
        p->lastNs = pc.tsNs;
        p->nullScan += nullScan;
        p->finScan += finScan;
        p->xmasScan += xmasScan;
        if (p->ports.size() < kMaxPortsPerPair) {
            PortState &ps = p->ports[d.dport];
            if (!(ps.flags & Probed)) {
                ps.flags |= Probed;
                ps.firstNs = pc.tsNs;
                addEvidence(p->evidence, pc.number);
            }
            if (!syn)
                ps.flags |= Refused; // stealth probes succeed by getting RST or nothing
        }
        return;
    }
    if ((f & (kSyn | kAck)) == (kSyn | kAck)) { // target answers: port open
        if (Pair *p = pair(d.dst, d.src, false, pc.tsNs)) {
            auto it = p->ports.find(d.sport);
            if (it != p->ports.end())
                it->second.flags |= SynAck;
        }
    } else if (f & kRst) {
        if (Pair *p = pair(d.dst, d.src, false, pc.tsNs)) { // target refuses
            auto it = p->ports.find(d.sport);
            if (it != p->ports.end())
                it->second.flags |= Refused;
        }
        if (Pair *p = pair(d.src, d.dst, false, pc.tsNs)) { // prober resets a half-open probe
            auto it = p->ports.find(d.dport);
            if (it != p->ports.end())
                it->second.flags |= ProberReset;
        }
    }
}

void PortScanDetector::finish(std::vector<Finding> &out)
{
    for (const auto &[key, p] : m_pairs) {
        if (p.ports.size() < m_minPorts)
            continue;
        std::vector<int64_t> times;
        size_t refused = 0, unanswered = 0, halfOpen = 0;
        std::vector<int> failedPorts;
        for (const auto &[port, ps] : p.ports) {
            const bool open = ps.flags & SynAck;
            const bool failed = !open || (ps.flags & ProberReset);
            if (!failed)
                continue;
            if (open)
                ++halfOpen;
            else if (ps.flags & Refused)
                ++refused;
            else
                ++unanswered;
            times.push_back(ps.firstNs);
            failedPorts.push_back(port);
        }
        int64_t ws = 0, we = 0;
        const size_t inWindow = detect::maxInWindow(times, m_windowNs, &ws, &we);
        if (inWindow < m_minPorts)
            continue;
        std::sort(failedPorts.begin(), failedPorts.end());
        Finding f;
        f.category = QStringLiteral("port_scan");
        const size_t n = failedPorts.size();
        f.severity = n >= 500 ? Severity::High : n >= 100 ? Severity::Medium : Severity::Low;
        const uint64_t stealth = p.nullScan + p.finScan + p.xmasScan;
        if (stealth >= m_minPorts && f.severity < Severity::High)
            f.severity = Severity(int(f.severity) + 1);
        f.confidence = std::min(1.0, 0.6 + 0.4 * double(n) / 100.0);
        f.source = detect::ipText(key.a);
        f.targets = {detect::ipText(key.b)};
        f.ports.assign(failedPorts.begin(), failedPorts.begin() + long(std::min<size_t>(n, 100)));
        f.firstNs = p.firstNs;
        f.lastNs = p.lastNs;
        f.count = n;
        QString kind = QStringLiteral("SYN");
        if (p.xmasScan >= m_minPorts)
            kind = QStringLiteral("XMAS");
        else if (p.finScan >= m_minPorts)
            kind = QStringLiteral("FIN");
        else if (p.nullScan >= m_minPorts)
            kind = QStringLiteral("NULL");
        f.summary = QStringLiteral("%1 probed %2 ports on %3 in %4 (%5 refused, %6 unanswered, %7 half-open; %8 scan)")
                        .arg(f.source).arg(n).arg(f.targets.first(), detect::durationText(p.lastNs - p.firstNs))
                        .arg(refused).arg(unanswered).arg(halfOpen).arg(kind);
        f.threshold = QStringLiteral("≥%1 ports in %2 s").arg(m_minPorts).arg(m_windowNs / detect::kSecond);
        f.packets = p.evidence;
        f.metrics = QJsonObject{{QStringLiteral("ports_probed"), qint64(p.ports.size())},
                                {QStringLiteral("ports_failed"), qint64(n)},
                                {QStringLiteral("max_ports_in_window"), qint64(inWindow)},
                                {QStringLiteral("refused"), qint64(refused)},
                                {QStringLiteral("unanswered"), qint64(unanswered)},
                                {QStringLiteral("half_open"), qint64(halfOpen)},
                                {QStringLiteral("probes"), qint64(p.probes)},
                                {QStringLiteral("scan_type"), kind}};
        f.mitre = {QStringLiteral("T1046")};
        f.recommendation = QStringLiteral("Find out who runs %1 and whether this scan was authorised; block or isolate "
                                          "the host if not, and check %2 for services that should not be reachable.")
                               .arg(f.source, f.targets.first());
        out.push_back(f);
    }
}

} // namespace packetlens
