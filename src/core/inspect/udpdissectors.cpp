// SPDX-License-Identifier: GPL-3.0-or-later
// DHCP and NTP in the packet details.
#include "appdissection.h"

#include "../decode/ipaddress.h"

#include <QDateTime>

namespace packetlens::dissect {

namespace {
QString ipv4At(ByteView v, size_t off)
{
    return v.has(off, 4) ? QString::fromStdString(IpAddress::v4(v.data() + off).toString()) : QString();
}

QString dhcpTypeName(uint8_t t)
{
    static const char *const names[] = {"", "Discover", "Offer", "Request", "Decline", "ACK", "NAK", "Release", "Inform"};
    return t >= 1 && t <= 8 ? QLatin1String(names[t]) : QStringLiteral("Unknown");
}

// One option's text and field name; empty text for options shown by number only.
QString dhcpOption(uint8_t code, ByteView o, QString &field)
{
    uint32_t u = 0;
    const QString str = QString::fromLatin1(reinterpret_cast<const char *>(o.data()), qsizetype(o.size()));
    switch (code) {
    case 1: field = QStringLiteral("dhcp.option.subnet_mask"); return QStringLiteral("Subnet Mask: %1").arg(ipv4At(o, 0));
    case 3: field = QStringLiteral("dhcp.option.router"); return QStringLiteral("Router: %1").arg(ipv4At(o, 0));
    case 6: field = QStringLiteral("dhcp.option.domain_name_server"); return QStringLiteral("Domain Name Server: %1").arg(ipv4At(o, 0));
    case 12: field = QStringLiteral("dhcp.option.hostname"); return QStringLiteral("Host Name: %1").arg(str);
    case 15: field = QStringLiteral("dhcp.option.domain_name"); return QStringLiteral("Domain Name: %1").arg(str);
    case 50: field = QStringLiteral("dhcp.option.requested_ip_address"); return QStringLiteral("Requested IP Address: %1").arg(ipv4At(o, 0));
    case 51: field = QStringLiteral("dhcp.option.ip_address_lease_time"); return o.be32(0, u) ? QStringLiteral("IP Address Lease Time: %1 s").arg(u) : QString();
    case 53: field = QStringLiteral("dhcp.option.dhcp"); return QStringLiteral("DHCP Message Type: %1").arg(dhcpTypeName(o.empty() ? 0 : o.data()[0]));
    case 54: field = QStringLiteral("dhcp.option.dhcp_server_id"); return QStringLiteral("DHCP Server Identifier: %1").arg(ipv4At(o, 0));
    case 60: field = QStringLiteral("dhcp.option.vendor_class_id"); return QStringLiteral("Vendor class identifier: %1").arg(str);
    case 61: field = QStringLiteral("dhcp.option.client_id"); return QStringLiteral("Client identifier");
    default: field = QStringLiteral("dhcp.option.type"); return {};
    }
}
} // namespace

void dissectDhcp(const AppSpan &a, DissectionNode &n)
{
    const ByteView v = a.payload;
    uint8_t op = 0;
    uint32_t xid = 0, cookie = 0;
    if (!v.u8(0, op) || !v.be32(4, xid) || !v.has(0, 236))
        return;
    n.children.append(a.node(QStringLiteral("Message type: %1 (%2)").arg(op == 1 ? QStringLiteral("Boot Request") : QStringLiteral("Boot Reply")).arg(op), 0, 1, QStringLiteral("dhcp.type")));
    n.children.append(a.node(QStringLiteral("Transaction ID: 0x%1").arg(xid, 8, 16, QChar(u'0')), 4, 4, QStringLiteral("dhcp.id")));
    n.children.append(a.node(QStringLiteral("Client IP address: %1").arg(ipv4At(v, 12)), 12, 4, QStringLiteral("dhcp.ip.client")));
    n.children.append(a.node(QStringLiteral("Your (client) IP address: %1").arg(ipv4At(v, 16)), 16, 4, QStringLiteral("dhcp.ip.your")));
    n.children.append(a.node(QStringLiteral("Next server IP address: %1").arg(ipv4At(v, 20)), 20, 4, QStringLiteral("dhcp.ip.server")));
    n.children.append(a.node(QStringLiteral("Relay agent IP address: %1").arg(ipv4At(v, 24)), 24, 4, QStringLiteral("dhcp.ip.relay")));
    if (!v.be32(236, cookie) || cookie != 0x63825363)
        return;
    for (size_t i = 240; i < v.size();) {
        uint8_t code = 0, len = 0;
        if (!v.u8(i, code) || code == 255) {
            n.children.append(a.node(QStringLiteral("Option: (255) End"), i, 1, QStringLiteral("dhcp.option.end")));
            break;
        }
        if (code == 0) {
            ++i;
            continue;
        }
        if (!v.u8(i + 1, len) || !v.has(i + 2, len))
            break;
        QString field;
        const QString text = dhcpOption(code, v.slice(i + 2, len), field);
        DissectionNode o = a.node(QStringLiteral("Option: (%1) %2").arg(code).arg(text.isEmpty() ? QStringLiteral("%1 bytes").arg(len) : text), i, 2 + size_t(len), field);
        n.children.append(o);
        i += 2 + size_t(len);
    }
}

void dissectNtp(const AppSpan &a, DissectionNode &n)
{
    const ByteView v = a.payload;
    uint8_t b = 0, stratum = 0, poll = 0, precision = 0;
    uint32_t refId = 0, sec = 0;
    if (!v.u8(0, b) || !v.u8(1, stratum) || !v.u8(2, poll) || !v.u8(3, precision) || !v.be32(12, refId))
        return;
    static const char *const modes[] = {"reserved", "symmetric active", "symmetric passive", "client", "server",
                                        "broadcast", "control", "private"};
    DissectionNode flags = a.node(QStringLiteral("Flags: 0x%1").arg(b, 2, 16, QChar(u'0')), 0, 1, QStringLiteral("ntp.flags"));
    flags.children.append(a.node(QStringLiteral("Leap Indicator: %1").arg(b >> 6), 0, 1, QStringLiteral("ntp.flags.li")));
    flags.children.append(a.node(QStringLiteral("Version number: NTP Version %1").arg((b >> 3) & 7), 0, 1, QStringLiteral("ntp.flags.vn")));
    flags.children.append(a.node(QStringLiteral("Mode: %1 (%2)").arg(QLatin1String(modes[b & 7])).arg(b & 7), 0, 1, QStringLiteral("ntp.flags.mode")));
    n.children.append(flags);
    n.children.append(a.node(QStringLiteral("Peer Clock Stratum: %1").arg(stratum), 1, 1, QStringLiteral("ntp.stratum")));
    n.children.append(a.node(QStringLiteral("Peer Polling Interval: %1 (%2 seconds)").arg(poll).arg(1ll << std::min<int>(poll, 17)), 2, 1, QStringLiteral("ntp.ppoll")));
    n.children.append(a.node(QStringLiteral("Peer Clock Precision: %1").arg(int8_t(precision)), 3, 1, QStringLiteral("ntp.precision")));
    n.children.append(a.node(stratum <= 1 ? QStringLiteral("Reference ID: %1").arg(QString::fromLatin1(reinterpret_cast<const char *>(v.data() + 12), 4).remove(QChar(0)))
                                          : QStringLiteral("Reference ID: %1").arg(ipv4At(v, 12)), 12, 4, QStringLiteral("ntp.refid")));
    static const char *const stamps[][2] = {{"Reference Timestamp", "ntp.reftime"}, {"Origin Timestamp", "ntp.org"},
                                            {"Receive Timestamp", "ntp.rec"}, {"Transmit Timestamp", "ntp.xmt"}};
    for (int i = 0; i < 4; ++i) {
        const size_t off = 16 + size_t(i) * 8;
        if (!v.be32(off, sec))
            break;
        const QString when = sec ? QDateTime::fromSecsSinceEpoch(qint64(sec) - 2208988800ll, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
                                 : QStringLiteral("(0)");
        n.children.append(a.node(QStringLiteral("%1: %2").arg(QLatin1String(stamps[i][0]), when), off, 8, QLatin1String(stamps[i][1])));
    }
}

} // namespace packetlens::dissect
