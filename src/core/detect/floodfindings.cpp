// SPDX-License-Identifier: GPL-3.0-or-later
// The flood detector's findings: floods per target judged by their busiest
// window, DDoS from many real sources, reflection, backscatter, SYN floods
// sprayed at random targets, DHCP floods.
#include "flooddetector.h"

namespace packetlens {

namespace {
// A share of a flood's packets that makes one real source worth naming.
constexpr double kNamedSourceShare = 0.2;

QJsonValue rateArg(double rate)
{
    return phraseArg(message("flood.rate", {qRound64(rate)}));
}
} // namespace

bool FloodDetector::raise(const QString &category, const IpAddress &target, const Counter &c, double replyRatio,
                          const Thresholds &t, std::vector<Finding> &out, const char *what, Shape shape)
{
    const double highRate = std::max(t.highRate, t.minRate);
    const size_t sources = c.sourceCount();
    // A stream to a multicast group or broadcast (IPTV, discovery), or from
    // one or two senders to one or two ports (a camera's video to a
    // recorder), is no attack on a host unless it is as fast as a flood's
    // high rate.
    const bool stream = detect::isMulticastOrBroadcast(target) || (sources <= 2 && c.portCount() <= 2);
    const double minRate = stream ? highRate : t.minRate;
    const detect::PeakWindow::Peak w = c.window();
    const double rate = c.rate();
    if (double(w.packets) < t.minPackets || rate < minRate || replyRatio > t.maxReply)
        return false;
    // One or two sources spreading small probes over many ports of one target
    // is a port scan, not a flood (a UDP or ICMP flood to random ports carries
    // payload; SYNs cannot tell).
    const bool smallProbes = category == QLatin1String("syn_flood") || c.bytes < c.packets * detect::kMaxProbeFrameBytes;
    if (sources <= 2 && c.portCount() >= m_scanMinPorts && target.isValid() && smallProbes)
        return false;
    // Spoofed: about one packet per source (the count is an estimate, ±13 %).
    // Reflectors and the addresses backscatter goes to are real, if innocent.
    const bool spoofed = shape == Shape::Flood && double(sources) >= 0.6 * double(c.packets) && sources > 20;
    uint64_t topCount = 0;
    IpAddress top = c.topSource(&topCount);
    // A multicast or broadcast source is forged by definition.
    const bool topCarries = top.isValid() && !detect::isMulticastOrBroadcast(top) && double(topCount) >= kNamedSourceShare * double(c.packets);
    const bool forgedSource = top.isValid() && detect::isMulticastOrBroadcast(top);
    Finding f;
    f.category = category;
    if (shape != Shape::Flood || (spoofed && !topCarries) || forgedSource) {
        f.sourceUnknown = true; // the victim's finding: no spoofed address is blamed
    } else {
        if (!top.isValid())
            top = c.firstSource;
        f.source = detect::ipText(top);
    }
    f.sourceCount = qint64(sources);
    f.spoofedSources = spoofed;
    f.severity = rate >= highRate * 10 || w.packets >= 100000 ? Severity::Critical
               : rate >= highRate                            ? Severity::High
                                                             : Severity::Medium;
    f.confidence = std::min(1.0, 0.7 + 0.3 * std::min(1.0, rate / (highRate * 10)));
    f.targets = {detect::ipText(target)};
    f.firstNs = w.firstNs;
    f.lastNs = w.lastNs;
    f.count = c.packets;
    describe(f, target, shape, c, what, spoofed, forgedSource, replyRatio);
    f.setThreshold(message("flood.threshold", {numberArg(minRate), numberArg(t.minPackets), qRound(t.maxReply * 100)}));
    f.packets = w.evidence;
    f.metrics = metricsOf(c, rate, spoofed, replyRatio);
    f.mitre = category == QLatin1String("ddos") ? QStringList{QStringLiteral("T1498")}
                                                : QStringList{QStringLiteral("T1498.001"), QStringLiteral("T1499")};
    f.setRecommendation(message("flood.recommendation", {f.targets.first()}));
    out.push_back(f);
    return true;
}

// The finding's summary: what arrived, from whom, its busiest window.
void FloodDetector::describe(Finding &f, const IpAddress &target, Shape shape, const Counter &c, const char *what, bool spoofed,
                             bool forgedSource, double replyRatio)
{
    const detect::PeakWindow::Peak w = c.window();
    const size_t sources = c.sourceCount();
    const double rate = c.rate();
    const QJsonValue peak = phraseArg(message("flood.peak", {rateArg(rate), qint64(w.packets),
                                                             durationArg(std::max<int64_t>(w.lastNs - w.firstNs, detect::kSecond / 10))}));
    const QJsonValue whatArg = phraseArg(message(what));
    const QJsonValue active = c.lastNs - c.firstNs > 10 * detect::kSecond ? phraseArg(message("flood.active", {durationArg(c.lastNs - c.firstNs)}))
                                                                           : QJsonValue(QString());
    const QJsonValue multicast = detect::isMulticastOrBroadcast(target) || forgedSource ? phraseArg(message("flood.multicast"))
                                                                                        : QJsonValue(QString());
    if (shape == Shape::Reflection) {
        f.setSummary(message("flood.reflection.summary", {f.targets.first(), qint64(c.packets), whatArg, qint64(sources), peak, active, multicast}));
    } else if (shape == Shape::Backscatter) {
        f.setSummary(message("flood.backscatter.summary", {f.targets.first(), qint64(c.packets), whatArg, qint64(sources), peak, active, multicast}));
    } else {
        QJsonValue who = forgedSource      ? phraseArg(message("flood.who.forged"))
                         : f.sourceUnknown ? phraseArg(message("flood.who.sources", {qint64(sources)}))
                         : sources > 1     ? phraseArg(message("flood.who.most", {qint64(sources), f.source}))
                                           : QJsonValue(f.source);
        if (spoofed)
            who = phraseArg(message("flood.who.spoofed", {who}));
        f.setSummary(message("flood.summary", {qint64(c.packets), whatArg, f.targets.first(), who, peak, qRound(replyRatio * 100), active, multicast}));
    }
}

QJsonObject FloodDetector::metricsOf(const Counter &c, double rate, bool spoofed, double replyRatio)
{
    const detect::PeakWindow::Peak w = c.window();
    return QJsonObject{{QStringLiteral("packets"), qint64(c.packets)},
                       {QStringLiteral("bytes"), qint64(c.bytes)},
                       {QStringLiteral("rate_pps"), qRound64(rate)},
                       {QStringLiteral("peak_window_packets"), qint64(w.packets)},
                       {QStringLiteral("peak_second_packets"), qint64(c.peak ? c.peak->second().packets : w.packets)},
                       {QStringLiteral("sources"), qint64(c.sourceCount())},
                       {QStringLiteral("spoofed_sources_likely"), spoofed},
                       {QStringLiteral("answered_ratio"), qRound(replyRatio * 1000) / 1000.0}};
}

// Many real sources: a distributed attack, reported beside a SYN/UDP/ICMP
// flood (spoofed sources send about one packet each and the flood alone says it).
void FloodDetector::raiseDistributed(const IpAddress &ip, const Target &t, bool floodFound, std::vector<Finding> &out)
{
    const double allReply = t.all.packets ? double(t.all.replies) / double(t.all.packets) : 1.0;
    const size_t sources = t.all.sourceCount();
    const bool onePerSource = double(sources) >= 0.6 * double(t.all.packets);
    if (double(sources) >= m_ddosMinSources && (!floodFound || !onePerSource))
        raise(QStringLiteral("ddos"), ip, t.all, allReply, m_ddos, out, "flood.what.unsolicited");
}

// SYN-ACKs, RSTs, echo replies or ICMP errors from many hosts arriving at
// one that did not ask for them: the reflectors answer packets forged with
// its address (a reflection attack on it).
void FloodDetector::raiseReflection(const IpAddress &ip, const Target &t, std::vector<Finding> &out)
{
    if (!t.reflected || double(t.reflected->sourceCount()) < m_ddosMinSources)
        return;
    const Counter &r = *t.reflected;
    if (t.sent * 4 >= r.packets) // it sent about as much itself: answers to its own probes (a scan), not a reflection
        return;
    const size_t before = out.size();
    if (!raise(QStringLiteral("ddos"), ip, r, 0.0, m_ddos, out, "flood.what.unsolicited_answers",
               Shape::Reflection))
        return;
    Finding &f = out[before];
    f.metrics.insert(QStringLiteral("kind"), QStringLiteral("reflection"));
    f.setRecommendation(message("flood.reflection.recommendation", {f.targets.first()}));
}

// One address sending SYN-ACKs, RSTs or ICMP errors to many that never
// contacted it: its answers to a flood from spoofed sources (someone else's
// attack on it, seen from here).
void FloodDetector::raiseBackscatter(const IpAddress &ip, const Target &t, std::vector<Finding> &out)
{
    if (!t.backscatter || double(t.backscatter->sourceCount()) < m_ddosMinSources)
        return;
    const size_t before = out.size();
    if (!raise(QStringLiteral("ddos"), ip, *t.backscatter, 0.0, m_ddos, out, "flood.what.answers",
               Shape::Backscatter))
        return;
    Finding &f = out[before];
    f.metrics.insert(QStringLiteral("kind"), QStringLiteral("backscatter"));
    f.setRecommendation(message("flood.backscatter.recommendation", {f.targets.first()}));
}

void FloodDetector::finish(std::vector<Finding> &out)
{
    m_targets.forEach([&](const IpAddress &ip, const Target &t) {
        const bool hasFloodTraffic =
            t.all.packets >= std::min({m_syn.minPackets, m_udp.minPackets, m_icmp.minPackets, m_ddos.minPackets, m_tcp.minPackets});
        bool any = false;
        if (hasFloodTraffic) {
            if (t.syn) {
                const double synDone = double(t.synCompleted) / double(t.synCompleted + t.syn->packets);
                any |= raise(QStringLiteral("syn_flood"), ip, *t.syn, synDone, m_syn, out, "flood.what.half_open");
            }
            if (t.udp) {
                const double udpReply = double(t.udp->replies) / double(t.udp->packets);
                any |= raise(QStringLiteral("udp_flood"), ip, *t.udp, udpReply, m_udp, out, "flood.what.udp");
            }
            if (t.icmp) {
                const double icmpReply = double(t.icmp->replies) / double(t.icmp->packets);
                any |= raise(QStringLiteral("icmp_flood"), ip, *t.icmp, icmpReply, m_icmp, out, "flood.what.icmp");
            }
            if (t.tcp) // the target's resets are no answers
                any |= raise(QStringLiteral("tcp_flood"), ip, *t.tcp, 0.0, m_tcp, out, "flood.what.tcp");
            raiseDistributed(ip, t, any, out);
        }
        raiseReflection(ip, t, out);
        if (!any) // a flood seen here already names this victim
            raiseBackscatter(ip, t, out);
    });
    raiseGlobalSyn(out);
    raiseDhcp(out);
}

// SYNs sprayed at random targets from random sources: no single target stands out.
void FloodDetector::raiseGlobalSyn(std::vector<Finding> &out)
{
    const bool perTargetFound = std::any_of(out.begin(), out.end(), [](const Finding &f) { return f.category == QLatin1String("syn_flood"); });
    if (perTargetFound || double(m_globalSynTargets.size()) < m_syn.minPackets / 2)
        return;
    // One host sending most of them probes many addresses: a sweep (the
    // sweep detector's), not a flood.
    uint64_t topCount = 0;
    m_globalSyn.topSource(&topCount);
    if (2 * topCount >= m_globalSyn.packets)
        return;
    const double done = m_globalSynHalfOpen ? double(m_globalSynCompleted) / double(m_globalSynCompleted + m_globalSynHalfOpen) : 1.0;
    if (!raise(QStringLiteral("syn_flood"), IpAddress(), m_globalSyn, done, m_syn, out, "flood.what.half_open"))
        return;
    Finding &f = out.back();
    QStringList targets;
    for (const IpAddress &ip : m_globalSynTargets) {
        targets << detect::ipText(ip);
        if (targets.size() >= 50)
            break;
    }
    targets.sort();
    f.targets = targets;
    // No one target: the sentence names how many there were.
    Message summary = f.summaryMessage;
    summary.args[2] = phraseArg(message("flood.targets", {qint64(m_globalSynTargets.size())}));
    f.setSummary(summary);
}

// Many transaction IDs, client hardware addresses or client IPs: a starvation/flood tool.
void FloodDetector::raiseDhcp(std::vector<Finding> &out)
{
    const size_t dhcpClients = std::max({m_dhcpXids.size(), m_dhcpClients.size(), m_dhcp.sourceCount()});
    if (double(m_dhcp.packets) < m_udp.minPackets || dhcpClients * 4 < m_dhcp.packets || m_dhcp.rate() < 20)
        return;
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
    f.setSummary(message("dhcp.summary", {qint64(m_dhcp.packets), qint64(m_dhcpXids.size()), qint64(m_dhcpClients.size()),
                                          qint64(m_dhcp.sourceCount()), durationArg(m_dhcp.lastNs - m_dhcp.firstNs), rateArg(m_dhcp.rate())}));
    f.setThreshold(message("dhcp.threshold", {numberArg(m_udp.minPackets)}));
    std::vector<uint64_t> ev = m_dhcp.evidence;
    std::sort(ev.begin(), ev.end());
    f.packets = ev;
    f.metrics = QJsonObject{{QStringLiteral("messages"), qint64(m_dhcp.packets)},
                            {QStringLiteral("transaction_ids"), qint64(m_dhcpXids.size())},
                            {QStringLiteral("client_addresses"), qint64(m_dhcpClients.size())},
                            {QStringLiteral("rate_pps"), qRound64(m_dhcp.rate())}};
    f.mitre = {QStringLiteral("T1498.001"), QStringLiteral("T1557")};
    f.setRecommendation(message("dhcp.recommendation"));
    out.push_back(f);
}

} // namespace packetlens
