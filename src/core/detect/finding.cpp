// SPDX-License-Identifier: GPL-3.0-or-later
#include "finding.h"

#include <algorithm>

namespace packetlens {

ReportFinding Finding::toReport(const QString &id) const
{
    ReportFinding r;
    r.id = id;
    r.category = category;
    r.severity = severity;
    r.confidence = qRound(confidence * 100) / 100.0;
    r.source = source;
    r.sourceUnknown = sourceUnknown;
    r.sourceCount = sourceCount;
    r.spoofedSources = spoofedSources;
    r.targets = targets;
    r.ports = ports;
    r.firstNs = firstNs;
    r.lastNs = lastNs;
    r.count = qint64(count);
    r.summary = summary;
    r.threshold = threshold;
    r.evidencePackets.assign(packets.begin(), packets.end());
    std::sort(r.evidencePackets.begin(), r.evidencePackets.end());
    r.metrics = metrics;
    r.mitre = mitre;
    r.recommendation = recommendation;
    r.summaryMessage = summaryMessage;
    r.thresholdMessage = thresholdMessage;
    r.recommendationMessage = recommendationMessage;
    return r;
}

void Finding::setSummary(const Message &m)
{
    summaryMessage = m;
    summary = renderMessage(m, QStringLiteral("en"));
}

void Finding::setThreshold(const Message &m)
{
    thresholdMessage = m;
    threshold = renderMessage(m, QStringLiteral("en"));
}

void Finding::setRecommendation(const Message &m)
{
    recommendationMessage = m;
    recommendation = renderMessage(m, QStringLiteral("en"));
}

} // namespace packetlens
