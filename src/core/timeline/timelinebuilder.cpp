// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinebuilder.h"

#include "../decode/ipaddress.h"

#include <algorithm>

namespace packetlens {

namespace {
constexpr int kMaxHostsPerEvent = 10;

int kindRank(const QString &kind)
{
    if (kind == QLatin1String("capture_start"))
        return 0;
    if (kind == QLatin1String("capture_end"))
        return 3;
    return kind == QLatin1String("finding_end") ? 2 : 1;
}

void order(std::vector<TimelineEvent> &events)
{
    std::stable_sort(events.begin(), events.end(), [](const TimelineEvent &a, const TimelineEvent &b) {
        if (a.tNs != b.tNs)
            return a.tNs < b.tNs;
        const int ra = kindRank(a.kind), rb = kindRank(b.kind);
        if (ra != rb)
            return ra < rb;
        return a.kind != b.kind ? a.kind < b.kind : a.summary < b.summary;
    });
}

Severity severityOfItem(const QString &level)
{
    return level == QLatin1String("error") ? Severity::High : level == QLatin1String("warning") ? Severity::Medium : Severity::Low;
}

QStringList hostsOfFinding(const ReportFinding &f)
{
    QStringList hosts;
    if (!f.sourceUnknown && !f.source.isEmpty())
        hosts << f.source;
    for (const QString &t : f.targets)
        if (hosts.size() < kMaxHostsPerEvent && !hosts.contains(t))
            hosts << t;
    return hosts;
}
} // namespace

void addCaptureAndHealthEvents(Report &r)
{
    if (r.capture.firstNs)
        r.timelineEvents.push_back(timelineEvent(*r.capture.firstNs, std::nullopt, QStringLiteral("capture_start"), Severity::Info,
                                                 message("timeline.capture_start", {qint64(r.capture.packets), decimalArg(r.capture.durationS, 1)}),
                                                 {}, {}, {1}));
    if (r.capture.lastNs)
        r.timelineEvents.push_back(timelineEvent(*r.capture.lastNs, std::nullopt, QStringLiteral("capture_end"), Severity::Info,
                                                 message("timeline.capture_end")));
    for (const HealthItem &it : r.health.items) {
        TimelineEvent e{it.firstNs, std::nullopt, QStringLiteral("health"), severityOfItem(it.severity),
                        it.summary, {}, it.kind, {}, it.summaryMessage};
        IpAddress ip;
        if (IpAddress::parse(it.subject.toStdString(), ip))
            e.hosts << it.subject; // an address (MAC and URI subjects stay out of the host filter)
        if (!it.evidencePackets.empty())
            e.packets = {it.evidencePackets.front()};
        if (it.lastNs > it.firstNs)
            e.endNs = it.lastNs;
        r.timelineEvents.push_back(std::move(e));
    }
    order(r.timelineEvents);
}

void addFindingEvents(Report &r)
{
    for (const ReportFinding &f : r.detection.findings) {
        const QStringList hosts = hostsOfFinding(f);
        const QJsonValue summary = f.summaryMessage.isEmpty() ? QJsonValue(f.summary) : phraseArg(f.summaryMessage);
        r.timelineEvents.push_back(timelineEvent(f.firstNs, f.lastNs, QStringLiteral("finding_start"), f.severity,
                                                 message("timeline.finding_start", {f.id, summary}), hosts, f.id, f.evidencePackets));
        r.timelineEvents.push_back(timelineEvent(f.lastNs, std::nullopt, QStringLiteral("finding_end"), f.severity,
                                                 message("timeline.finding_end", {f.id, categoryArg(f.category)}), hosts, f.id,
                                                 f.evidencePackets.empty() ? std::vector<qint64>{} : std::vector<qint64>{f.evidencePackets.back()}));
    }
    order(r.timelineEvents);
}

} // namespace packetlens
