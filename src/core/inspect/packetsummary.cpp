// SPDX-License-Identifier: GPL-3.0-or-later
#include "packetsummary.h"

#include "appsummary.h"
#include "icmpnames.h"

#include "../analysis/appstats.h"
#include "../decode/tcpoptions.h"

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

QString icmpEcho(const DecodedPacket &d, const QString &what)
{
    uint16_t id = 0, seq = 0;
    if (!icmpIdSeq(d, id, seq))
        return what;
    if (d.l4 == Proto::Icmpv6)
        return QStringLiteral("%1 id=0x%2, seq=%3, hop limit=%4").arg(what).arg(id, 4, 16, QChar(u'0')).arg(seq).arg(d.ttl);
    const uint16_t le = uint16_t(seq >> 8 | seq << 8);
    return QStringLiteral("%1  id=0x%2, seq=%3/%4, ttl=%5").arg(what).arg(id, 4, 16, QChar(u'0')).arg(seq).arg(le).arg(d.ttl);
}

QString icmpText(const DecodedPacket &d)
{
    const QString name = icmpTypeName(d.l4 == Proto::Icmpv6, d.icmpType);
    const QString code = icmpCodeName(d.l4 == Proto::Icmpv6, d.icmpType, d.icmpCode);
    const bool echo = d.l4 == Proto::Icmp ? (d.icmpType == 0 || d.icmpType == 8) : (d.icmpType == 128 || d.icmpType == 129);
    if (echo)
        return icmpEcho(d, name);
    if (name.isEmpty())
        return QStringLiteral("Type %1, code %2").arg(d.icmpType).arg(d.icmpCode);
    return code.isEmpty() ? name : QStringLiteral("%1 (%2)").arg(name, code);
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

QString tcpOptionsText(const DecodedPacket &d)
{
    const TcpOptions o = tcpOptions(d);
    QString s;
    for (int i = 0; i < o.count; ++i) {
        const TcpOptions::Option &x = o.items[i];
        switch (x.kind) {
        case 2: s += QStringLiteral(" MSS=%1").arg(x.a); break;
        case 3: s += QStringLiteral(" WS=%1").arg(1u << x.a); break;
        case 4: s += QStringLiteral(" SACK_PERM"); break;
        case 8: s += QStringLiteral(" TSval=%1 TSecr=%2").arg(x.a).arg(x.b); break;
        default: break;
        }
    }
    return s;
}

QString tcpText(const DecodedPacket &d, const StreamPosition *pos)
{
    const uint32_t seq = pos ? pos->relSeq : d.seq, ack = pos ? pos->relAck : d.ack;
    QString s = QStringLiteral("%1 \u2192 %2 [%3] Seq=%4").arg(d.sport).arg(d.dport).arg(tcpFlagsText(d.tcpFlags)).arg(seq);
    if (d.tcpFlags & 0x10)
        s += QStringLiteral(" Ack=%1").arg(ack);
    s += QStringLiteral(" Win=%1 Len=%2").arg(pos ? pos->window : d.window).arg(d.payloadLen);
    s += tcpOptionsText(d);
    if (d.tcpRetransmission)
        s.prepend(QStringLiteral("[TCP Retransmission] "));
    return s;
}

QString transportText(const DecodedPacket &d, const StreamPosition *pos)
{
    if (d.l4 == Proto::Tcp)
        return tcpText(d, pos);
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

QString packetInfo(const DecodedPacket &d, const StreamPosition *pos)
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
        s = d.app == Proto::Tls ? tlsText(d) : applicationInfo(d);
        if (s.isEmpty())
            s = transportText(d, pos);
    }
    if (d.malformed)
        s += QStringLiteral(" [Malformed: %1]").arg(QLatin1String(d.malformedReason ? d.malformedReason : "?"));
    return s.trimmed();
}

} // namespace packetlens
