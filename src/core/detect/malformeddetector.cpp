// SPDX-License-Identifier: GPL-3.0-or-later
#include "malformeddetector.h"

namespace packetlens {

MalformedDetector::MalformedDetector(const DetectionSettings &s)
    : m_minPackets(size_t(s.number("malformed_traffic", "min_packets"))),
      m_maxTracked(size_t(s.number("limits", "max_tracked")))
{
}

void MalformedDetector::onPacket(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    const bool land = isLandAttack(d);
    const TcpFlagIssue issue = tcpFlagIssue(d);
    const bool badFlags = issue == TcpFlagIssue::SynFin || issue == TcpFlagIssue::SynRst;
    if (!d.malformed && !land && !badFlags)
        return;
    const std::string who = d.src.isValid() ? d.src.toString() : d.hasMac ? macToString(d.srcMac) : std::string();
    if (m_sources.size() >= m_maxTracked && !m_sources.count(who))
        return;
    Source &s = m_sources[who];
    if (s.malformed + s.land + s.badFlags == 0)
        s.firstNs = pc.tsNs;
    s.lastNs = pc.tsNs;
    if (d.malformed) {
        s.malformed++;
        s.reasons[QStringLiteral("%1: %2").arg(QString::fromLatin1(protoName(d.malformedAt)), QString::fromLatin1(d.malformedReason))]++;
    }
    s.land += land;
    s.badFlags += badFlags;
    if (d.dst.isValid() && s.targets.size() < 50)
        s.targets[d.dst.toString()]++;
    addEvidence(s.evidence, pc.number);
}

void MalformedDetector::finish(std::vector<Finding> &out)
{
    for (const auto &[who, s] : m_sources) {
        const bool enough = s.malformed >= m_minPackets || s.badFlags >= m_minPackets || s.land > 0;
        if (!enough)
            continue;
        Finding f;
        f.category = QStringLiteral("malformed_traffic");
        f.severity = s.land ? Severity::High : (s.badFlags >= m_minPackets || s.malformed >= 50) ? Severity::Medium : Severity::Low;
        f.confidence = s.land ? 0.95 : 0.7;
        f.source = who.empty() ? QStringLiteral("unknown") : QString::fromStdString(who);
        for (const auto &[t, n] : s.targets)
            f.targets << QString::fromStdString(t);
        f.firstNs = s.firstNs;
        f.lastNs = s.lastNs;
        f.count = s.malformed + s.land + s.badFlags;
        QJsonArray parts;
        if (s.malformed)
            parts.append(phraseArg(message("malformed.part.malformed", {qint64(s.malformed)})));
        if (s.land)
            parts.append(phraseArg(message("malformed.part.land", {qint64(s.land)})));
        if (s.badFlags)
            parts.append(phraseArg(message("malformed.part.flags", {qint64(s.badFlags)})));
        QString topReason;
        uint64_t top = 0;
        QJsonObject reasons;
        for (const auto &[r, n] : s.reasons) {
            reasons.insert(r, qint64(n));
            if (n > top) {
                top = n;
                topReason = r;
            }
        }
        f.setSummary(message("malformed.summary", {who.empty() ? phraseArg(message("malformed.unknown")) : QJsonValue(f.source), listArg(parts),
                                                   topReason.isEmpty() ? QJsonValue(QString()) : phraseArg(message("malformed.mostly", {topReason}))}));
        f.setThreshold(message("malformed.threshold", {qint64(m_minPackets)}));
        f.packets = s.evidence;
        f.metrics = QJsonObject{{QStringLiteral("malformed"), qint64(s.malformed)},
                                {QStringLiteral("land_attack"), qint64(s.land)},
                                {QStringLiteral("impossible_flags"), qint64(s.badFlags)},
                                {QStringLiteral("reasons"), reasons}};
        f.mitre = {QStringLiteral("T1499")};
        f.setRecommendation(message("malformed.recommendation", {who.empty() ? phraseArg(message("malformed.unknown")) : QJsonValue(f.source)}));
        out.push_back(f);
    }
}

} // namespace packetlens
