// SPDX-License-Identifier: GPL-3.0-or-later
#include "packetsummary.h"

#include "../analysis/appstats.h"

#include <QStringList>

namespace packetlens {

namespace {
QString addr(const IpAddress &a)
{
    return QString::fromStdString(a.toString());
}

QString mac(const uint8_t *m)
{
    return QString::fromStdString(macToString(m));
}

bool isBroadcast(const uint8_t *m)
{
    for (int i = 0; i < 6; ++i)
        if (m[i] != 0xff)
            return false;
    return true;
}

QString clip(const std::string &s, int max = 120)
{
    QString t = QString::fromUtf8(s.data(), qsizetype(s.size()));
    for (QChar &c : t)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            c = QChar(u'.');
    return t.size() > max ? t.left(max) + QChar(0x2026) : t;
}

QString icmpText(const DecodedPacket &d)
{
    if (d.l4 == Proto::Icmp) {
        switch (d.icmpType) {
        case 0: return QStringLiteral("Echo (ping) reply");
        case 3: return QStringLiteral("Destination unreachable (code %1)").arg(d.icmpCode);
        case 5: return QStringLiteral("Redirect");
        case 8: return QStringLiteral("Echo (ping) request");
        case 11: return QStringLiteral("Time-to-live exceeded");
        default: return QStringLiteral("Type %1, code %2").arg(d.icmpType).arg(d.icmpCode);
        }
    }
    switch (d.icmpType) {
    case 1: return QStringLiteral("Destination unreachable (code %1)").arg(d.icmpCode);
    case 128: return QStringLiteral("Echo (ping) request");
    case 129: return QStringLiteral("Echo (ping) reply");
    case 133: return QStringLiteral("Router solicitation");
    case 134: return QStringLiteral("Router advertisement");
    case 135: return QStringLiteral("Neighbor solicitation");
    case 136: return QStringLiteral("Neighbor advertisement");
    default: return QStringLiteral("Type %1, code %2").arg(d.icmpType).arg(d.icmpCode);
    }
}

QString tlsText(const DecodedPacket &d)
{
    const TlsFacts &t = d.tls;
    if (t.handshakeType == 1)
        return t.sni.empty() ? QStringLiteral("Client Hello") : QStringLiteral("Client Hello (SNI=%1)").arg(clip(t.sni));
    if (t.handshakeType == 2)
        return QStringLiteral("Server Hello");
    switch (t.contentType) {
    case 20: return QStringLiteral("Change Cipher Spec");
    case 21: return QStringLiteral("Alert");
    case 22: return QStringLiteral("Handshake");
    case 23: return QStringLiteral("Application Data");
    default: return {};
    }
}

QString transportText(const DecodedPacket &d)
{
    if (d.l4 == Proto::Tcp) {
        QString s = QStringLiteral("%1 \u2192 %2 [%3] Seq=%4").arg(d.sport).arg(d.dport).arg(tcpFlagsText(d.tcpFlags)).arg(d.seq);
        if (d.tcpFlags & 0x10)
            s += QStringLiteral(" Ack=%1").arg(d.ack);
        s += QStringLiteral(" Win=%1 Len=%2").arg(d.window).arg(d.payloadLen);
        if (d.tcpRetransmission)
            s.prepend(QStringLiteral("[Retransmission] "));
        return s;
    }
    if (d.l4 == Proto::Udp)
        return QStringLiteral("%1 \u2192 %2 Len=%3").arg(d.sport).arg(d.dport).arg(d.payloadLen);
    if (d.l4 == Proto::Icmp || d.l4 == Proto::Icmpv6)
        return icmpText(d);
    return {};
}
} // namespace

QString tcpFlagsText(uint8_t f)
{
    static const char *const names[8] = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};
    static const int order[8] = {1, 0, 2, 3, 4, 5, 6, 7}; // SYN first, as Wireshark lists them
    QStringList parts;
    for (int i : order)
        if (f & (1 << i))
            parts << QLatin1String(names[i]);
    return parts.isEmpty() ? QStringLiteral("<None>") : parts.join(QStringLiteral(", "));
}

QString dnsTypeLabel(uint16_t t)
{
    const QString m = dnsTypeMnemonic(t);
    return m.isEmpty() ? QStringLiteral("TYPE%1").arg(t) : m; // as Wireshark shows unnamed types
}

QString packetSource(const DecodedPacket &d)
{
    if (d.src.isValid())
        return addr(d.src);
    if (d.hasArp)
        return mac(d.arp.senderMac);
    if (d.hasMac)
        return mac(d.srcMac);
    return {};
}

QString packetDestination(const DecodedPacket &d)
{
    if (d.dst.isValid())
        return addr(d.dst);
    if (d.hasMac)
        return isBroadcast(d.dstMac) ? QStringLiteral("Broadcast") : mac(d.dstMac);
    return {};
}

Proto packetTopProtocol(const DecodedPacket &d)
{
    if (d.app != Proto::Count)
        return d.app;
    return d.depth ? d.path[d.depth - 1] : Proto::Count;
}

QString packetProtocolLabel(const DecodedPacket &d)
{
    const Proto p = packetTopProtocol(d);
    if (p == Proto::Count)
        return d.unknownLink ? QStringLiteral("(link)") : QString();
    QString s = QString::fromLatin1(protoName(p)).toUpper();
    if (p == Proto::Ip)
        s = QStringLiteral("IPv4");
    else if (p == Proto::Ipv6)
        s = QStringLiteral("IPv6");
    else if (p == Proto::Tls && d.tls.recordVersion == 0x0303 && d.tls.negotiatedVersion == 0x0304)
        s = QStringLiteral("TLSv1.3");
    return s;
}

QString packetInfo(const DecodedPacket &d)
{
    QString s;
    if (d.unknownLink) {
        s = QStringLiteral("Link type not decoded");
    } else if (d.hasArp) {
        const QString sender = addr(d.arp.senderIp), target = addr(d.arp.targetIp);
        if (d.arp.op == 1)
            s = sender == target ? QStringLiteral("Gratuitous ARP for %1 (Request)").arg(sender)
                                 : QStringLiteral("Who has %1? Tell %2").arg(target, sender);
        else if (d.arp.op == 2)
            s = QStringLiteral("%1 is at %2").arg(sender, mac(d.arp.senderMac));
        else
            s = QStringLiteral("ARP opcode %1").arg(d.arp.op);
    } else if (d.fragment && !d.reassembled && d.l4 == Proto::Count) {
        // Shown on its own, a fragment has no transport header to describe.
        s = QStringLiteral("Fragmented IP protocol (proto=%1, off=%2, ID=0x%3)").arg(d.frag.proto).arg(d.frag.offset).arg(d.frag.id, 4, 16, QChar(u'0'));
    } else {
        switch (d.app) {
        case Proto::Dns:
        case Proto::Mdns:
        case Proto::Llmnr:
            s = QStringLiteral("%1 0x%2 %3 %4")
                    .arg(d.dns.isResponse ? QStringLiteral("Standard query response") : QStringLiteral("Standard query"))
                    .arg(d.dns.id, 4, 16, QChar(u'0'))
                    .arg(dnsTypeLabel(d.dns.qtype), clip(d.dns.qname));
            if (d.dns.isResponse && d.dns.rcode == 3)
                s += QStringLiteral(" No such name");
            break;
        case Proto::Http:
            if (d.http.isRequest)
                s = QStringLiteral("%1 %2").arg(clip(d.http.method), clip(d.http.uri));
            else if (d.http.status)
                s = QStringLiteral("HTTP/1.1 %1").arg(d.http.status);
            break;
        case Proto::Tls:
            s = tlsText(d);
            break;
        default:
            break;
        }
        if (s.isEmpty())
            s = transportText(d);
    }
    if (d.malformed)
        s += QStringLiteral(" [Malformed: %1]").arg(QLatin1String(d.malformedReason ? d.malformedReason : "?"));
    return s.trimmed();
}

} // namespace packetlens
