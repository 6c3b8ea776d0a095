// SPDX-License-Identifier: GPL-3.0-or-later
#include "severity.h"

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
    if (const auto s = severityFromName(name)) {
        out = *s;
        return true;
    }
    return false;
}

std::optional<Severity> severityFromName(const QString &name)
{
    const QString n = name.toLower();
    for (int i = 0; i < kSeverityCount; ++i)
        if (severityName(Severity(i)) == n)
            return Severity(i);
    return std::nullopt;
}

} // namespace packetlens
