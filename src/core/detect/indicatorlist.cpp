// SPDX-License-Identifier: GPL-3.0-or-later
#include "indicatorlist.h"

#include <QCryptographicHash>
#include <QFile>
#include <QRegularExpression>

namespace packetlens {

namespace {
const QStringList kCategories = {
    QStringLiteral("port_scan"), QStringLiteral("host_sweep"), QStringLiteral("syn_flood"),
    QStringLiteral("udp_flood"), QStringLiteral("tcp_flood"), QStringLiteral("icmp_flood"), QStringLiteral("ddos"),
    QStringLiteral("dns_tunneling"), QStringLiteral("icmp_tunneling"), QStringLiteral("dga"), QStringLiteral("beaconing"), QStringLiteral("brute_force"),
    QStringLiteral("arp_spoofing"), QStringLiteral("name_poisoning"), QStringLiteral("cleartext_credentials"), QStringLiteral("suspicious_port"),
    QStringLiteral("protocol_mismatch"), QStringLiteral("malformed_traffic"), QStringLiteral("ioc_match")};

bool inCidr(const IpAddress &ip, const IpAddress &net, int bits)
{
    if (ip.family != net.family)
        return false;
    const int full = bits / 8;
    for (int i = 0; i < full; ++i)
        if (ip.bytes[i] != net.bytes[i])
            return false;
    const int rest = bits % 8;
    if (rest == 0)
        return true;
    const uint8_t mask = uint8_t(0xff << (8 - rest));
    return (ip.bytes[full] & mask) == (net.bytes[full] & mask);
}
} // namespace

void IndicatorList::add(const QString &raw)
{
    QString e = raw.trimmed();
    const int hash = e.indexOf(QLatin1Char('#'));
    if (hash >= 0)
        e = e.left(hash).trimmed();
    e = e.section(QLatin1Char(','), 0, 0).trimmed().remove(QLatin1Char('"'));
    if (e.isEmpty())
        return;
    if (kCategories.contains(e)) {
        m_categories.insert(e);
        return;
    }
    static const QRegularExpression sha256(QStringLiteral("^[0-9a-fA-F]{64}$"));
    if (sha256.match(e).hasMatch()) {
        m_hashes.insert(e.toLower());
        return;
    }
    IpAddress ip;
    const int slash = e.indexOf(QLatin1Char('/'));
    if (slash > 0 && IpAddress::parse(e.left(slash).toStdString(), ip)) {
        bool ok = false;
        const int bits = e.mid(slash + 1).toInt(&ok);
        if (ok && bits >= 0 && bits <= (ip.family == 4 ? 32 : 128))
            m_cidrs.push_back({ip, bits});
        return;
    }
    if (IpAddress::parse(e.toStdString(), ip)) {
        m_ips.insert(ip);
        return;
    }
    QString domain = e.toLower();
    if (domain.startsWith(QLatin1String("*.")))
        domain = domain.mid(2);
    if (domain.endsWith(QLatin1Char('.')))
        domain.chop(1);
    static const QRegularExpression okDomain(QStringLiteral("^[a-z0-9_-]+(\\.[a-z0-9_-]+)+$"));
    if (okDomain.match(domain).hasMatch())
        m_domains.insert(domain);
}

bool IndicatorList::loadFile(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return false;
    }
    while (!f.atEnd())
        add(QString::fromUtf8(f.readLine()));
    return true;
}

QString IndicatorList::fingerprint() const
{
    QStringList all;
    for (const IpAddress &ip : m_ips)
        all << QString::fromStdString(ip.toString());
    for (const Cidr &c : m_cidrs)
        all << QStringLiteral("%1/%2").arg(QString::fromStdString(c.net.toString())).arg(c.bits);
    all += QStringList(m_domains.begin(), m_domains.end());
    all += QStringList(m_categories.begin(), m_categories.end());
    all += QStringList(m_hashes.begin(), m_hashes.end());
    all.sort();
    return QString::fromLatin1(QCryptographicHash::hash(all.join(QLatin1Char('\n')).toUtf8(), QCryptographicHash::Sha256).toHex());
}

bool IndicatorList::matchesIp(const IpAddress &ip) const
{
    if (m_ips.count(ip))
        return true;
    for (const Cidr &c : m_cidrs)
        if (inCidr(ip, c.net, c.bits))
            return true;
    return false;
}

bool IndicatorList::matchesIpText(const QString &text) const
{
    IpAddress ip;
    return IpAddress::parse(text.toStdString(), ip) && matchesIp(ip);
}

QString IndicatorList::matchingDomain(const QString &name) const
{
    if (m_domains.isEmpty())
        return {};
    QString n = name.toLower();
    for (;;) {
        if (m_domains.contains(n))
            return n;
        const int dot = n.indexOf(QLatin1Char('.'));
        if (dot < 0)
            return {};
        n = n.mid(dot + 1);
    }
}

} // namespace packetlens
