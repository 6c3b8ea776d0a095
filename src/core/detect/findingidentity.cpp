// SPDX-License-Identifier: GPL-3.0-or-later
#include "findingidentity.h"

namespace packetlens {

QString findingIdentity(const ReportFinding &f)
{
    const QString &c = f.category;
    const QString first = f.targets.isEmpty() ? QString() : f.targets.first();
    // Keyed by their target: a flood's source can change (the top talker,
    // or none once the sources look spoofed); a flood of random targets has
    // a growing target list.
    if (c == QLatin1String("syn_flood") || c == QLatin1String("udp_flood") || c == QLatin1String("icmp_flood")
        || c == QLatin1String("ddos"))
        return QStringLiteral("%1|%2").arg(c, f.targets.size() == 1 ? first : QStringLiteral("*"));
    // Keyed by their source (a MAC address for ARP); the targets grow.
    if (c == QLatin1String("arp_spoofing") || c == QLatin1String("malformed_traffic"))
        return QStringLiteral("%1|%2").arg(c, f.source);
    if (c == QLatin1String("host_sweep")) // one per source and method (and port, for TCP)
        return QStringLiteral("%1|%2|%3|%4")
            .arg(c, f.source, f.metrics.value(QStringLiteral("method")).toString(),
                 f.ports.empty() ? QString() : QString::number(f.ports.front()));
    if (c == QLatin1String("port_scan")) // one per source and target; the ports grow
        return QStringLiteral("%1|%2|%3").arg(c, f.source, first);
    // The rest name one source, one target (a domain, an indicator) and at
    // most a port or two.
    QStringList ports;
    for (int p : f.ports)
        ports << QString::number(p);
    return QStringLiteral("%1|%2|%3|%4").arg(c, f.source, f.targets.join(u','), ports.join(u','));
}

} // namespace packetlens
