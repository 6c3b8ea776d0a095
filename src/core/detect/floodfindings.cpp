// SPDX-License-Identifier: GPL-3.0-or-later
// The flood detector's findings: floods per target judged by their busiest
// window, DDoS from many real sources, reflection, backscatter, SYN floods
// sprayed at random targets, DHCP floods.
#include "flooddetector.h"

namespace packetlens {

namespace {
// A share of a flood's packets that makes one real source worth naming.
constexpr double kNamedSourceShare = 0.2;

QString rateText(double rate)
{
    return QStringLiteral("%1/s").arg(qRound64(rate));
}
} // namespace

bool FloodDetector::raise(const QString &category, const IpAddress &target, const Counter &c, double replyRatio,
                          const Thresholds &t, std::vector<Finding> &out, const QString &what, Shape shape)
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
    f.threshold = QStringLiteral("≥%1 packets/s and ≥%2 packets in the busiest 10 s, ≤%3% answered")
                      .arg(minRate).arg(t.minPackets).arg(qRound(t.maxReply * 100));
    f.packets = w.evidence;
    f.metrics = metricsOf(c, rate, spoofed, replyRatio);
    f.mitre = category == QLatin1String("ddos") ? QStringList{QStringLiteral("T1498")}
                                                : QStringList{QStringLiteral("T1498.001"), QStringLiteral("T1499")};
    f.recommendation = QStringLiteral("Rate-limit or filter this traffic upstream of %1 (SYN cookies for SYN floods); "
                                      "contact the upstream provider if the volume exceeds local capacity.")
                           .arg(f.targets.first());
    out.push_back(f);
    return true;
}

// The finding's summary: what arrived, from whom, its busiest window.
void FloodDetector::describe(Finding &f, const IpAddress &target, Shape shape, const Counter &c, const QString &what, bool spoofed,
                             bool forgedSource, double replyRatio)
{
    const detect::PeakWindow::Peak w = c.window();
    const size_t sources = c.sourceCount();
    const double rate = c.rate();
    const QString peakText = QStringLiteral("peaking at %1 (%2 in %3)")
                                 .arg(rateText(rate)).arg(w.packets)
                                 .arg(detect::durationText(std::max<int64_t>(w.lastNs - w.firstNs, detect::kSecond / 10)));
    if (shape == Shape::Reflection) {
        f.summary = QStringLiteral("Reflection attack on %1: %2 %3 from %4 hosts it never contacted, %5; the hosts answer "
                                   "packets forged with its address")
                        .arg(f.targets.first()).arg(c.packets).arg(what).arg(sources).arg(peakText);
    } else if (shape == Shape::Backscatter) {
        f.summary = QStringLiteral("Backscatter: %1 sent %2 %3 to %4 addresses that never contacted it, %5; it answers a "
                                   "flood from spoofed addresses, someone else's attack on %1")
                        .arg(f.targets.first()).arg(c.packets).arg(what).arg(sources).arg(peakText);
    } else {
        QString who = forgedSource    ? QStringLiteral("a forged multicast/broadcast source")
                      : f.sourceUnknown ? QStringLiteral("%1 sources").arg(sources)
                      : sources > 1   ? QStringLiteral("%1 sources, most from %2").arg(sources).arg(f.source)
                                      : f.source;
        if (spoofed)
            who += QStringLiteral(" (they look spoofed: about one packet per source)");
        f.summary = QStringLiteral("%1 %2 to %3 from %4, %5; %6% answered")
                        .arg(c.packets).arg(what, f.targets.first(), who, peakText).arg(qRound(replyRatio * 100));
    }
    if (c.lastNs - c.firstNs > 10 * detect::kSecond)
        f.summary += QStringLiteral("; active over %1").arg(detect::durationText(c.lastNs - c.firstNs));
    if (detect::isMulticastOrBroadcast(target) || forgedSource)
        f.summary += QStringLiteral(" (multicast/broadcast addressing: amplification or smurf pattern)");
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
        raise(QStringLiteral("ddos"), ip, t.all, allReply, m_ddos, out, QStringLiteral("unsolicited packets"));
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
    if (!raise(QStringLiteral("ddos"), ip, r, 0.0, m_ddos, out, QStringLiteral("unsolicited answers (SYN-ACK, RST, ICMP)"),
               Shape::Reflection))
        return;
    Finding &f = out[before];
    f.metrics.insert(QStringLiteral("kind"), QStringLiteral("reflection"));
    f.recommendation = QStringLiteral("%1 is the target: have its upstream filter the reflected traffic; the reflecting "
                                      "hosts are abused, not hostile.").arg(f.targets.first());
}

// One address sending SYN-ACKs, RSTs or ICMP errors to many that never
// contacted it: its answers to a flood from spoofed sources (someone else's
// attack on it, seen from here).
void FloodDetector::raiseBackscatter(const IpAddress &ip, const Target &t, std::vector<Finding> &out)
{
    if (!t.backscatter || double(t.backscatter->sourceCount()) < m_ddosMinSources)
        return;
    const size_t before = out.size();
    if (!raise(QStringLiteral("ddos"), ip, *t.backscatter, 0.0, m_ddos, out, QStringLiteral("answers (SYN-ACK, RST, ICMP errors)"),
               Shape::Backscatter))
        return;
    Finding &f = out[before];
    f.metrics.insert(QStringLiteral("kind"), QStringLiteral("backscatter"));
    f.recommendation = QStringLiteral("%1 is under attack from spoofed addresses (this is its backscatter); check its load "
                                      "and have its upstream filter the flood.").arg(f.targets.first());
}

void FloodDetector::finish(std::vector<Finding> &out)
{
    m_targets.forEach([&](const IpAddress &ip, const Target &t) {
        const bool hasFloodTraffic = t.all.packets >= std::min({m_syn.minPackets, m_udp.minPackets, m_icmp.minPackets, m_ddos.minPackets});
        bool any = false;
        if (hasFloodTraffic) {
            if (t.syn) {
                const double synDone = double(t.synCompleted) / double(t.synCompleted + t.syn->packets);
                any |= raise(QStringLiteral("syn_flood"), ip, *t.syn, synDone, m_syn, out, QStringLiteral("half-open SYNs"));
            }
            if (t.udp) {
                const double udpReply = double(t.udp->replies) / double(t.udp->packets);
                any |= raise(QStringLiteral("udp_flood"), ip, *t.udp, udpReply, m_udp, out, QStringLiteral("unanswered UDP packets"));
            }
            if (t.icmp) {
                const double icmpReply = double(t.icmp->replies) / double(t.icmp->packets);
                any |= raise(QStringLiteral("icmp_flood"), ip, *t.icmp, icmpReply, m_icmp, out, QStringLiteral("ICMP echo requests"));
            }
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
    if (!raise(QStringLiteral("syn_flood"), IpAddress(), m_globalSyn, done, m_syn, out, QStringLiteral("half-open SYNs")))
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
    f.summary.replace(QStringLiteral(" to  from"), QStringLiteral(" to %1 targets from").arg(m_globalSynTargets.size()));
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
    f.summary = QStringLiteral("DHCP flood: %1 DHCP messages (%2 transaction IDs, %3 client hardware addresses, %4 source addresses) in %5 (peak %6)")
                    .arg(m_dhcp.packets).arg(m_dhcpXids.size()).arg(m_dhcpClients.size()).arg(m_dhcp.sourceCount())
                    .arg(detect::durationText(m_dhcp.lastNs - m_dhcp.firstNs), rateText(m_dhcp.rate()));
    f.threshold = QStringLiteral("≥%1 DHCP messages at ≥20/s, one client per ≤4 messages").arg(m_udp.minPackets);
    std::vector<uint64_t> ev = m_dhcp.evidence;
    std::sort(ev.begin(), ev.end());
    f.packets = ev;
    f.metrics = QJsonObject{{QStringLiteral("messages"), qint64(m_dhcp.packets)},
                            {QStringLiteral("transaction_ids"), qint64(m_dhcpXids.size())},
                            {QStringLiteral("client_addresses"), qint64(m_dhcpClients.size())},
                            {QStringLiteral("rate_pps"), qRound64(m_dhcp.rate())}};
    f.mitre = {QStringLiteral("T1498.001"), QStringLiteral("T1557")};
    f.recommendation = QStringLiteral("Enable DHCP snooping and per-port rate limits on the switches; find the port "
                                      "the messages enter on and shut it down.");
    out.push_back(f);
}

} // namespace packetlens
