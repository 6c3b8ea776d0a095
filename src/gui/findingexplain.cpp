// SPDX-License-Identifier: GPL-3.0-or-later
#include "findingexplain.h"
#include "i18n.h"

#include "core/detect/detectionsettings.h"
#include "core/detect/finding.h"
#include "core/util/format.h"

#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <climits>
#include <cmath>

namespace packetlens::gui {

QString FindingExplain::thresholdText(const Reason &r)
{
    if (!r.hasThreshold)
        return {};
    const QString value = metricValue(r.key, QJsonValue(r.threshold));
    return r.atLeast ? tr("≥ %1").arg(value) : tr("≤ %1").arg(value);
}

QString FindingExplain::metricName(const QString &key)
{
    static const QHash<QString, const char *> names = {
        {QStringLiteral("ports_failed"), QT_TR_NOOP("Ports that failed")},
        {QStringLiteral("max_ports_in_window"), QT_TR_NOOP("Most ports in one window")},
        {QStringLiteral("refused"), QT_TR_NOOP("Probes refused (RST)")},
        {QStringLiteral("unanswered"), QT_TR_NOOP("Probes unanswered")},
        {QStringLiteral("half_open"), QT_TR_NOOP("Half-open connections")},
        {QStringLiteral("stealth_probes"), QT_TR_NOOP("Stealth probes (FIN, NULL, Xmas)")},
        {QStringLiteral("udp_probes"), QT_TR_NOOP("UDP probes")},
        {QStringLiteral("ack_probes"), QT_TR_NOOP("ACK probes")},
        {QStringLiteral("scan_type"), QT_TR_NOOP("Scan type")},
        {QStringLiteral("hosts_probed"), QT_TR_NOOP("Hosts probed")},
        {QStringLiteral("hosts_counted"), QT_TR_NOOP("Hosts counted")},
        {QStringLiteral("max_hosts_in_window"), QT_TR_NOOP("Most hosts in one window")},
        {QStringLiteral("method"), QT_TR_NOOP("Method")},
        {QStringLiteral("packets"), QT_TR_NOOP("Packets")},
        {QStringLiteral("bytes"), QT_TR_NOOP("Bytes")},
        {QStringLiteral("rate_pps"), QT_TR_NOOP("Rate")},
        {QStringLiteral("peak_window_packets"), QT_TR_NOOP("Packets in the busiest 10 s")},
        {QStringLiteral("peak_second_packets"), QT_TR_NOOP("Packets in the busiest second")},
        {QStringLiteral("sources"), QT_TR_NOOP("Distinct sources")},
        {QStringLiteral("spoofed_sources_likely"), QT_TR_NOOP("Sources look spoofed")},
        {QStringLiteral("answered_ratio"), QT_TR_NOOP("Share answered")},
        {QStringLiteral("kind"), QT_TR_NOOP("Kind")},
        {QStringLiteral("queries"), QT_TR_NOOP("DNS queries")},
        {QStringLiteral("unique_subdomains"), QT_TR_NOOP("Distinct subdomains")},
        {QStringLiteral("long_labels"), QT_TR_NOOP("Names with a long label")},
        {QStringLiteral("high_entropy_names"), QT_TR_NOOP("Random-looking names")},
        {QStringLiteral("max_label_length"), QT_TR_NOOP("Longest label")},
        {QStringLiteral("avg_subdomain_length"), QT_TR_NOOP("Average subdomain length")},
        {QStringLiteral("txt_null_queries"), QT_TR_NOOP("TXT and NULL queries")},
        {QStringLiteral("clients"), QT_TR_NOOP("Clients")},
        {QStringLiteral("contacts"), QT_TR_NOOP("Contacts")},
        {QStringLiteral("median_interval_s"), QT_TR_NOOP("Median interval")},
        {QStringLiteral("skew_score"), QT_TR_NOOP("Regularity: skew score")},
        {QStringLiteral("mad_score"), QT_TR_NOOP("Regularity: spread score")},
        {QStringLiteral("coverage_score"), QT_TR_NOOP("Regularity: coverage score")},
        {QStringLiteral("score"), QT_TR_NOOP("Beacon score (0–1)")},
        {QStringLiteral("external"), QT_TR_NOOP("Destination outside the network")},
        {QStringLiteral("sources_same_service"), QT_TR_NOOP("Hosts beaconing to the same service")},
        {QStringLiteral("service"), QT_TR_NOOP("Service")},
        {QStringLiteral("failed_logins"), QT_TR_NOOP("Failed logins")},
        {QStringLiteral("short_sessions"), QT_TR_NOOP("Short login sessions")},
        {QStringLiteral("max_in_window"), QT_TR_NOOP("Most in one window")},
        {QStringLiteral("claimants"), QT_TR_NOOP("MAC addresses claiming the address")},
        {QStringLiteral("other_macs"), QT_TR_NOOP("Other MAC addresses")},
        {QStringLiteral("unsolicited_replies"), QT_TR_NOOP("Unsolicited ARP replies")},
        {QStringLiteral("overlapping"), QT_TR_NOOP("Claims at the same time")},
        {QStringLiteral("relayed_remote_addresses"), QT_TR_NOOP("Remote addresses it relays")},
        {QStringLiteral("replies"), QT_TR_NOOP("ARP replies")},
        {QStringLiteral("malformed"), QT_TR_NOOP("Malformed packets")},
        {QStringLiteral("land_attack"), QT_TR_NOOP("Land-attack packets")},
        {QStringLiteral("impossible_flags"), QT_TR_NOOP("Packets with impossible TCP flags")},
        {QStringLiteral("reasons"), QT_TR_NOOP("Reasons")},
        {QStringLiteral("protocol"), QT_TR_NOOP("Protocol")},
        {QStringLiteral("users"), QT_TR_NOOP("Users")},
        {QStringLiteral("distinct_users"), QT_TR_NOOP("Distinct users")},
        {QStringLiteral("password"), QT_TR_NOOP("Password")},
        {QStringLiteral("logins"), QT_TR_NOOP("Logins in clear text")},
        {QStringLiteral("connections"), QT_TR_NOOP("Connections")},
        {QStringLiteral("scope"), QT_TR_NOOP("Scope")},
        {QStringLiteral("payload"), QT_TR_NOOP("Payload")},
        {QStringLiteral("messages"), QT_TR_NOOP("Messages")},
        {QStringLiteral("first_message"), QT_TR_NOOP("First message")},
        {QStringLiteral("other_service_port"), QT_TR_NOOP("Usual port of that protocol")},
        {QStringLiteral("indicator"), QT_TR_NOOP("Indicator")},
        {QStringLiteral("match"), QT_TR_NOOP("Match")},
        {QStringLiteral("object_name"), QT_TR_NOOP("File name")},
        {QStringLiteral("object_protocol"), QT_TR_NOOP("File carried by")},
        {QStringLiteral("object_size_bytes"), QT_TR_NOOP("File size")},
        {QStringLiteral("object_host"), QT_TR_NOOP("File server")},
        {QStringLiteral("merged_findings"), QT_TR_NOOP("Findings merged into this one")},
        {QStringLiteral("targets_total"), QT_TR_NOOP("Targets in all")},
        {QStringLiteral("destinations"), QT_TR_NOOP("Destinations")},
    };
    const auto it = names.constFind(key);
    return it == names.cend() ? key : tr(*it);
}

QString FindingExplain::metricValue(const QString &key, const QJsonValue &v)
{
    const QLocale loc;
    if (v.isBool())
        return v.toBool() ? tr("yes") : tr("no");
    if (v.isArray() || v.isObject()) {
        if (v.isArray()) {
            QStringList items;
            for (const QJsonValue &x : v.toArray())
                items << (x.isString() ? x.toString() : QString::fromUtf8(QJsonDocument(QJsonArray{x}).toJson(QJsonDocument::Compact)).mid(1).chopped(1));
            return items.join(QStringLiteral(", "));
        }
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    }
    if (!v.isDouble())
        return v.toVariant().toString();
    const double x = v.toDouble();
    if (key == QLatin1String("bytes") || key.endsWith(QLatin1String("_bytes")))
        return localBytes(x);
    if (key == QLatin1String("rate_pps"))
        return tr("%1 packets/s").arg(loc.toString(x, 'f', 0));
    if (key.endsWith(QLatin1String("_ratio")))
        return tr("%1 %").arg(loc.toString(x * 100, 'f', x * 100 < 10 ? 1 : 0));
    if (key.endsWith(QLatin1String("_s")))
        return tr("%1 s").arg(loc.toString(x, 'g', 4));
    if (key == QLatin1String("max_label_length") || key == QLatin1String("avg_subdomain_length") || key == QLatin1String("long_label"))
        return tr("%1 characters").arg(loc.toString(x, 'g', 4));
    if (std::floor(x) == x && std::abs(x) < 1e15)
        return loc.toString(qint64(x));
    return loc.toString(x, 'g', 4);
}

QString FindingExplain::mitreText(const QString &id)
{
    static const QHash<QString, const char *> names = {
        {QStringLiteral("T1018"), QT_TR_NOOP("Remote System Discovery")},
        {QStringLiteral("T1040"), QT_TR_NOOP("Network Sniffing")},
        {QStringLiteral("T1046"), QT_TR_NOOP("Network Service Discovery")},
        {QStringLiteral("T1048"), QT_TR_NOOP("Exfiltration Over Alternative Protocol")},
        {QStringLiteral("T1071"), QT_TR_NOOP("Application Layer Protocol")},
        {QStringLiteral("T1071.004"), QT_TR_NOOP("Application Layer Protocol: DNS")},
        {QStringLiteral("T1105"), QT_TR_NOOP("Ingress Tool Transfer")},
        {QStringLiteral("T1110"), QT_TR_NOOP("Brute Force")},
        {QStringLiteral("T1498"), QT_TR_NOOP("Network Denial of Service")},
        {QStringLiteral("T1498.001"), QT_TR_NOOP("Network Denial of Service: Direct Network Flood")},
        {QStringLiteral("T1499"), QT_TR_NOOP("Endpoint Denial of Service")},
        {QStringLiteral("T1552"), QT_TR_NOOP("Unsecured Credentials")},
        {QStringLiteral("T1557"), QT_TR_NOOP("Adversary-in-the-Middle")},
        {QStringLiteral("T1557.002"), QT_TR_NOOP("Adversary-in-the-Middle: ARP Cache Poisoning")},
        {QStringLiteral("T1571"), QT_TR_NOOP("Non-Standard Port")},
        {QStringLiteral("T1573"), QT_TR_NOOP("Encrypted Channel")},
    };
    const auto it = names.constFind(id);
    return it == names.cend() ? id : QStringLiteral("%1 %2").arg(id, tr(*it));
}

QString FindingExplain::countText(const QString &category, qint64 count)
{
    const int n = int(std::min<qint64>(count, INT_MAX));
    if (category == QLatin1String("port_scan"))
        return tr("%n port(s)", nullptr, n);
    if (category == QLatin1String("host_sweep"))
        return tr("%n host(s)", nullptr, n);
    if (category == QLatin1String("dns_tunneling"))
        return tr("%n DNS query(ies)", nullptr, n);
    if (category == QLatin1String("beaconing"))
        return tr("%n contact(s)", nullptr, n);
    if (category == QLatin1String("brute_force"))
        return tr("%n login attempt(s)", nullptr, n);
    if (category == QLatin1String("cleartext_credentials"))
        return tr("%n login(s)", nullptr, n);
    if (category == QLatin1String("arp_spoofing"))
        return tr("%n ARP reply(ies)", nullptr, n);
    if (category == QLatin1String("icmp_tunneling"))
        return tr("%n ICMP echo message(s)", nullptr, n);
    if (category == QLatin1String("dga"))
        return tr("%n generated domain(s)", nullptr, n);
    if (category == QLatin1String("name_poisoning"))
        return tr("%n name answer(s)", nullptr, n);
    if (category == QLatin1String("suspicious_port"))
        return tr("%n connection(s)", nullptr, n);
    if (category == QLatin1String("protocol_mismatch"))
        return tr("%n message(s)", nullptr, n);
    return tr("%n packet(s)", nullptr, n);
}

QString FindingExplain::evidenceText(const ReportFinding &f)
{
    const int cited = int(f.evidencePackets.size());
    if (cited == 0)
        return tr("no packets cited");
    const QString counts = countText(f.category, f.count);
    if (size_t(cited) >= kEvidenceCap) // the report keeps the earliest ones
        return tr("the first %n packet(s) of a finding that counts %1", nullptr, cited).arg(counts);
    return tr("%n packet(s); the finding counts %1", nullptr, cited).arg(counts);
}

QString FindingExplain::scopeFilter(const ReportFinding &f)
{
    auto isIp = [](const QString &s) { return !QHostAddress(s).isNull(); };
    QStringList parts;
    if (f.category == QLatin1String("arp_spoofing"))
        parts << QStringLiteral("arp");
    else if (f.category == QLatin1String("dns_tunneling") || f.category == QLatin1String("dga"))
        parts << QStringLiteral("dns");
    else if (f.category == QLatin1String("icmp_tunneling"))
        parts << QStringLiteral("(icmp || icmpv6)");
    else if (f.category == QLatin1String("name_poisoning"))
        parts << QStringLiteral("(llmnr || nbns)");
    if (!f.sourceUnknown && isIp(f.source))
        parts << QStringLiteral("ip.addr==%1").arg(f.source);
    // Targets and ports narrow it only when all of them can be named: the
    // filter must show every packet the finding is about, and more rather than fewer.
    QStringList targets;
    for (const QString &t : f.targets)
        if (isIp(t))
            targets << QStringLiteral("ip.addr==%1").arg(t);
    if (!targets.isEmpty() && targets.size() <= 8 && f.category != QLatin1String("arp_spoofing"))
        parts << (targets.size() == 1 ? targets.first() : QStringLiteral("(%1)").arg(targets.join(QStringLiteral(" || "))));
    QStringList ports;
    for (int p : f.ports)
        ports << QStringLiteral("tcp.port==%1 || udp.port==%1").arg(p);
    if (!ports.isEmpty() && ports.size() <= 4)
        parts << QStringLiteral("(%1)").arg(ports.join(QStringLiteral(" || ")));
    const bool protocolOnly = f.category == QLatin1String("arp_spoofing") || f.category == QLatin1String("dns_tunneling")
                              || f.category == QLatin1String("dga") || f.category == QLatin1String("icmp_tunneling")
                              || f.category == QLatin1String("name_poisoning");
    const bool names = parts.size() > (protocolOnly ? 1 : 0);
    return names ? parts.join(QStringLiteral(" && ")) : QString();
}

} // namespace packetlens::gui
