// SPDX-License-Identifier: GPL-3.0-or-later
#include "anomalyfilter.h"

#include <algorithm>

namespace packetlens {

QString quotedFilterText(const QString &s)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : s) {
        if (c == u'"' || c == u'\\')
            out += u'\\';
        out += c;
    }
    return out + u'"';
}

QString anomalyFilter(const Anomaly &row, const std::vector<Anomaly> &rows)
{
    QString f = QStringLiteral("packetlens.anomaly == %1").arg(quotedFilterText(row.kind));
    const auto sameKind = std::count_if(rows.begin(), rows.end(), [&](const Anomaly &a) { return a.kind == row.kind; });
    if (sameKind > 1)
        f += QStringLiteral(" && packetlens.anomaly.protocol == %1 && packetlens.anomaly.detail == %2")
                 .arg(quotedFilterText(row.protocol), quotedFilterText(row.detail));
    return f;
}

} // namespace packetlens
