// SPDX-License-Identifier: GPL-3.0-or-later
// timeline_events <-> JSON.
#include "healthjson.h"

#include "timeformat.h"

namespace packetlens::ReportJson {

QJsonArray timelineToJson(const std::vector<TimelineEvent> &events, int digits)
{
    QJsonArray a;
    for (const TimelineEvent &e : events) {
        QJsonArray packets;
        for (qint64 p : e.packets)
            packets.append(p);
        QJsonObject o{{QStringLiteral("t"), isoTimestamp(e.tNs, digits)},
                      {QStringLiteral("kind"), e.kind},
                      {QStringLiteral("severity"), severityName(e.severity)},
                      {QStringLiteral("summary"), e.summary},
                      {QStringLiteral("hosts"), QJsonArray::fromStringList(e.hosts)},
                      {QStringLiteral("packets"), packets}};
        if (e.endNs)
            o.insert(QStringLiteral("end_t"), isoTimestamp(*e.endNs, digits));
        if (!e.ref.isEmpty())
            o.insert(QStringLiteral("ref"), e.ref);
        if (!e.summaryMessage.isEmpty())
            o.insert(QStringLiteral("summary_message"), e.summaryMessage.toJson());
        a.append(o);
    }
    return a;
}

std::vector<TimelineEvent> timelineFromJson(const QJsonArray &a)
{
    std::vector<TimelineEvent> out;
    for (const QJsonValue &v : a) {
        const QJsonObject o = v.toObject();
        TimelineEvent e;
        parseIsoTimestamp(o.value(QLatin1String("t")).toString(), &e.tNs);
        int64_t end = 0;
        if (parseIsoTimestamp(o.value(QLatin1String("end_t")).toString(), &end))
            e.endNs = end;
        e.kind = o.value(QLatin1String("kind")).toString();
        e.severity = severityFromName(o.value(QLatin1String("severity")).toString()).value_or(Severity::Info);
        e.summary = o.value(QLatin1String("summary")).toString();
        for (const QJsonValue &h : o.value(QLatin1String("hosts")).toArray())
            e.hosts << h.toString();
        e.ref = o.value(QLatin1String("ref")).toString();
        for (const QJsonValue &p : o.value(QLatin1String("packets")).toArray())
            e.packets.push_back(p.toInteger());
        e.summaryMessage = Message::fromJson(o.value(QLatin1String("summary_message")));
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace packetlens::ReportJson
