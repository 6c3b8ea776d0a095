#include "finding.h"

#include "../report/timeformat.h"

#include <QJsonArray>

namespace packetlens {

QString severityName(Severity s)
{
    switch (s) {
    case Severity::Info: return QStringLiteral("info");
    case Severity::Low: return QStringLiteral("low");
    case Severity::Medium: return QStringLiteral("medium");
    case Severity::High: return QStringLiteral("high");
    case Severity::Critical: return QStringLiteral("critical");
    }
    return QStringLiteral("info");
}

bool parseSeverity(const QString &name, Severity &out)
{
    for (int i = 0; i <= int(Severity::Critical); ++i) {
        if (severityName(Severity(i)) == name.toLower()) {
            out = Severity(i);
            return true;
        }
    }
    return false;
}

QJsonObject Finding::toJson(const QString &id, int timeDigits) const
{
    QJsonArray pk, pt;
    std::vector<uint64_t> sorted = packets;
    std::sort(sorted.begin(), sorted.end());
    for (uint64_t p : sorted)
        pk.append(qint64(p));
    for (int p : ports)
        pt.append(p);
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("category"), category},
                       {QStringLiteral("severity"), severityName(severity)},
                       {QStringLiteral("confidence"), qRound(confidence * 100) / 100.0},
                       {QStringLiteral("source"), source},
                       {QStringLiteral("targets"), QJsonArray::fromStringList(targets)},
                       {QStringLiteral("ports"), pt},
                       {QStringLiteral("first_ts"), isoTimestamp(firstNs, timeDigits)},
                       {QStringLiteral("last_ts"), isoTimestamp(lastNs, timeDigits)},
                       {QStringLiteral("count"), qint64(count)},
                       {QStringLiteral("summary"), summary},
                       {QStringLiteral("threshold"), threshold},
                       {QStringLiteral("evidence"), QJsonObject{{QStringLiteral("packets"), pk},
                                                                {QStringLiteral("metrics"), metrics}}},
                       {QStringLiteral("mitre_attack"), QJsonArray::fromStringList(mitre)},
                       {QStringLiteral("recommendation"), recommendation}};
}

} // namespace packetlens
