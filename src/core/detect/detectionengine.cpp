// SPDX-License-Identifier: GPL-3.0-or-later
#include "detectionengine.h"
#include "findingaggregation.h"

#include "arpspoofdetector.h"
#include "beacondetector.h"
#include "bruteforcedetector.h"
#include "cleartextdetector.h"
#include "dgadetector.h"
#include "dnstunneldetector.h"
#include "flooddetector.h"
#include "hostsweepdetector.h"
#include "icmptunneldetector.h"
#include "iocdetector.h"
#include "malformeddetector.h"
#include "namepoisondetector.h"
#include "portdetector.h"
#include "portscandetector.h"

#include <cmath>

namespace packetlens {

namespace {
double severityWeight(Severity s)
{
    switch (s) {
    case Severity::Critical: return 0.9;
    case Severity::High: return 0.7;
    case Severity::Medium: return 0.4;
    case Severity::Low: return 0.15;
    case Severity::Info: return 0.05;
    }
    return 0;
}

Severity severityForScore(int score)
{
    return score >= 80 ? Severity::Critical : score >= 60 ? Severity::High : score >= 35 ? Severity::Medium
         : score >= 15 ? Severity::Low : Severity::Info;
}

// The category's advice (report/messagecatalog.cpp, "advice.<category>").
QString categoryAdvice(const QString &c)
{
    return renderMessage(Message{QStringLiteral("advice.") + c, {}}, QStringLiteral("en"));
}
} // namespace

DetectionEngine::DetectionEngine(const DetectionSettings &settings) : m_settings(settings)
{
    const DetectionSettings &s = m_settings;
    m_detectors.push_back(std::make_unique<PortScanDetector>(s));
    m_detectors.push_back(std::make_unique<HostSweepDetector>(s));
    m_detectors.push_back(std::make_unique<FloodDetector>(s));
    m_detectors.push_back(std::make_unique<DnsTunnelDetector>(s));
    m_detectors.push_back(std::make_unique<IcmpTunnelDetector>(s));
    m_detectors.push_back(std::make_unique<DgaDetector>(s));
    m_detectors.push_back(std::make_unique<BeaconDetector>(s));
    m_detectors.push_back(std::make_unique<BruteForceDetector>(s));
    m_detectors.push_back(std::make_unique<ArpSpoofDetector>(s));
    m_detectors.push_back(std::make_unique<NamePoisonDetector>(s));
    m_detectors.push_back(std::make_unique<CleartextDetector>(s));
    m_detectors.push_back(std::make_unique<PortDetector>(s));
    m_detectors.push_back(std::make_unique<MalformedDetector>(s));
    m_detectors.push_back(std::make_unique<IocDetector>(s));
    for (const auto &d : m_detectors)
        if (d->wantsConversations())
            m_conversationListeners.push_back(d.get());
    for (uint32_t kinds = 0; kinds < m_dispatch.size(); ++kinds)
        for (const auto &d : m_detectors)
            if (d->interests() & (kinds | 0x80000000u))
                m_dispatch[kinds].push_back(d.get());
}

DetectionEngine::~DetectionEngine() = default;

void DetectionEngine::onPacket(const PacketContext &pc)
{
    if (m_packets++ == 0)
        m_firstNs = m_lastNs = pc.tsNs;
    m_firstNs = std::min(m_firstNs, pc.tsNs);
    m_lastNs = std::max(m_lastNs, pc.tsNs);
    const DecodedPacket &d = *pc.d;
    uint32_t kinds = kindsOf(d);
    // Which MAC delivers a remote address: asked again only when it changes
    // within a conversation (a man in the middle starting mid-flow). A damaged
    // packet's addresses say nothing about who delivers what.
    if ((!pc.hasConversation || pc.senderMacChanged) && !d.hasArp && d.hasMac && d.src.family == 4 && !d.malformed
        && !(d.src == d.dst) && !detect::isPrivate(d.src) && !detect::isMulticastOrBroadcast(d.src))
        kinds |= Detector::RemoteSource;
    for (Detector *det : m_dispatch[kinds])
        det->onPacket(pc);
}

uint32_t DetectionEngine::kindsOf(const DecodedPacket &d)
{
    uint32_t kinds = 0;
    if (d.hasArp)
        kinds |= Detector::Arp;
    if (d.l4 == Proto::Icmp || d.l4 == Proto::Icmpv6)
        kinds |= Detector::Icmp;
    else if (d.l4 == Proto::Udp)
        kinds |= Detector::Udp;
    else if (d.l4 == Proto::Tcp)
        kinds |= d.payloadLen ? (Detector::Tcp | Detector::TcpPayload) : Detector::Tcp;
    if (d.app == Proto::Dns)
        kinds |= Detector::Dns;
    else if (d.app == Proto::Dhcp)
        kinds |= Detector::Dhcp;
    else if (d.app == Proto::Llmnr || d.app == Proto::Nbns)
        kinds |= Detector::NameService;
    if (d.malformed) {
        kinds |= Detector::Malformed;
    } else if (d.l4 == Proto::Tcp) {
        const TcpFlagIssue issue = tcpFlagIssue(d);
        if (issue == TcpFlagIssue::SynFin || issue == TcpFlagIssue::SynRst || isLandAttack(d))
            kinds |= Detector::Malformed;
    }
    return kinds;
}

void DetectionEngine::onConversation(const Conv &c)
{
    for (Detector *d : m_conversationListeners)
        d->onConversation(c);
}

bool DetectionEngine::allowed(const Finding &f) const
{
    const IndicatorList &allow = m_settings.allow;
    if (allow.isEmpty())
        return false;
    if (allow.hasCategory(f.category) || allow.matchesIpText(f.source))
        return true;
    if (!f.matchKey.isEmpty() && !allow.matchingDomain(f.matchKey).isEmpty())
        return true;
    return false;
}

void DetectionEngine::addObject(const CapturedObject &o)
{
    for (const auto &d : m_detectors)
        d->onObject(o);
}

void DetectionEngine::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    std::vector<Finding> all;
    for (auto &d : m_detectors) {
        d->setCaptureSpan(m_firstNs, m_lastNs);
        d->finish(all);
    }
    std::vector<Finding> kept;
    for (Finding &f : all) {
        if (allowed(f))
            m_suppressed[f.category]++;
        else
            kept.push_back(std::move(f));
    }
    m_findings = aggregateFindings(std::move(kept), findingLimits(), &m_omitted);
}

FindingLimits DetectionEngine::findingLimits() const
{
    FindingLimits limits;
    limits.perCategory = size_t(m_settings.number("limits", "max_findings_per_category"));
    return limits;
}

DetectionSection DetectionEngine::section() const
{
    DetectionSection out;
    for (size_t i = 0; i < m_findings.size(); ++i)
        out.findings.push_back(m_findings[i].toReport(QStringLiteral("F%1").arg(i + 1)));
    out.suspiciousIps = suspiciousIps();
    out.recommendations = recommendations();
    for (const auto &[c, n] : m_suppressed) {
        out.suppressed.byCategory.push_back({c, n});
        out.suppressed.total += n;
    }
    for (const auto &[c, n] : m_omitted)
        out.omitted.push_back({c, qint64(n)});
    return out;
}

std::vector<SuspiciousIp> DetectionEngine::suspiciousIps() const
{
    struct Agg
    {
        double keep = 1.0; // product of (1 - weight)
        QStringList categories, ids;
    };
    std::map<QString, Agg> by;
    for (size_t i = 0; i < m_findings.size(); ++i) {
        const Finding &f = m_findings[i];
        IpAddress ip;
        if (!IpAddress::parse(f.source.toStdString(), ip))
            continue; // MAC or unknown sources are not IPs
        Agg &a = by[f.source];
        a.keep *= 1.0 - severityWeight(f.severity) * (0.5 + 0.5 * f.confidence);
        if (!a.categories.contains(f.category))
            a.categories << f.category;
        a.ids << QStringLiteral("F%1").arg(i + 1);
    }
    std::vector<std::pair<int, QString>> order;
    for (const auto &[ip, a] : by)
        order.emplace_back(int(std::lround(100.0 * (1.0 - a.keep))), ip);
    std::stable_sort(order.begin(), order.end(), [](const auto &x, const auto &y) { return x.first > y.first; });
    std::vector<SuspiciousIp> out;
    for (const auto &[score, ip] : order) {
        const Agg &a = by.at(ip);
        out.push_back({ip, score, severityForScore(score), a.categories, a.ids});
    }
    return out;
}

std::vector<Recommendation> DetectionEngine::recommendations() const
{
    std::vector<Recommendation> out;
    std::map<QString, QStringList> idsByCategory;
    QStringList order;
    for (size_t i = 0; i < m_findings.size(); ++i) {
        const QString &c = m_findings[i].category;
        if (!idsByCategory.count(c))
            order << c;
        idsByCategory[c] << QStringLiteral("F%1").arg(i + 1);
    }
    int priority = 1;
    for (const QString &c : order) {
        // Findings are ordered worst first: the category's first is its worst.
        const auto worst = std::find_if(m_findings.begin(), m_findings.end(), [&c](const Finding &f) { return f.category == c; });
        out.push_back({priority++, c, worst->severity, categoryAdvice(c), idsByCategory[c]});
    }
    return out;
}

} // namespace packetlens
