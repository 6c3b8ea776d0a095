// SPDX-License-Identifier: GPL-3.0-or-later
// Link-layer renderers of the packet details: Ethernet, 802.1Q, Linux
// cooked capture, ARP.
#include "dissectionlayer.h"

namespace packetlens::dissect {

QString malformedText(const QString &what)
{
    return QStringLiteral("[Malformed: %1]").arg(what);
}

void addTruncated(QList<DissectionNode> &out, const QString &layer, int at)
{
    DissectionNode n;
    n.text = malformedText(QStringLiteral("%1 header does not fit in the captured bytes").arg(layer));
    n.offset = at;
    out.append(n);
}

void dissectEthernet(const LayerSpan &s, QList<DissectionNode> &out)
{
    Layer l(s.frame, s.at, QStringLiteral("Ethernet II"));
    if (!l.has(0, 14))
        return addTruncated(out, QStringLiteral("Ethernet"), s.at);
    l.field(0, 6, QStringLiteral("Destination: %1").arg(l.mac(0)));
    l.field(6, 6, QStringLiteral("Source: %1").arg(l.mac(6)));
    const uint16_t type = l.be16(12);
    l.field(12, 2, type <= 1500 ? QStringLiteral("Length: %1").arg(type) : QStringLiteral("Type: 0x%1").arg(type, 4, 16, QChar(u'0')));
    out.append(l.finish(14));
}

void dissectVlan(const LayerSpan &s, QList<DissectionNode> &out)
{
    Layer l(s.frame, s.at, QStringLiteral("802.1Q Virtual LAN"));
    if (!l.has(0, 4))
        return addTruncated(out, QStringLiteral("802.1Q"), s.at);
    const uint16_t tci = l.be16(0);
    l.field(0, 2, QStringLiteral("Priority: %1, ID: %2").arg(tci >> 13).arg(tci & 0x0fff));
    l.field(2, 2, QStringLiteral("Type: 0x%1").arg(l.be16(2), 4, 16, QChar(u'0')));
    out.append(l.finish(4));
}

void dissectSll(const LayerSpan &s, bool v2, QList<DissectionNode> &out)
{
    Layer l(s.frame, s.at, v2 ? QStringLiteral("Linux cooked capture v2") : QStringLiteral("Linux cooked capture v1"));
    const int len = v2 ? 20 : 16;
    if (!l.has(0, len))
        return addTruncated(out, QStringLiteral("Linux cooked"), s.at);
    const uint16_t proto = v2 ? l.be16(0) : l.be16(14);
    l.field(v2 ? 0 : 14, 2, QStringLiteral("Protocol: 0x%1").arg(proto, 4, 16, QChar(u'0')));
    l.field(v2 ? 10 : 0, 2, QStringLiteral("Packet type: %1").arg(v2 ? l.u8(10) : l.be16(0)));
    const int addrOff = v2 ? 12 : 6;
    const int addrLen = v2 ? l.u8(11) : l.be16(4);
    if (addrLen == 6)
        l.field(addrOff, 6, QStringLiteral("Source: %1").arg(l.mac(addrOff)));
    out.append(l.finish(len));
}

void dissectArp(const LayerSpan &s, QList<DissectionNode> &out)
{
    Layer l(s.frame, s.at, QStringLiteral("Address Resolution Protocol"));
    if (!l.has(0, 28))
        return addTruncated(out, QStringLiteral("ARP"), s.at);
    const uint16_t op = l.be16(6);
    l.field(0, 2, QStringLiteral("Hardware type: %1").arg(l.be16(0)));
    l.field(2, 2, QStringLiteral("Protocol type: 0x%1").arg(l.be16(2), 4, 16, QChar(u'0')));
    l.field(6, 2, QStringLiteral("Opcode: %1 (%2)").arg(op == 1 ? QStringLiteral("request") : op == 2 ? QStringLiteral("reply") : QStringLiteral("other")).arg(op));
    l.field(8, 6, QStringLiteral("Sender MAC address: %1").arg(l.mac(8)));
    l.field(14, 4, QStringLiteral("Sender IP address: %1").arg(l.ipv4(14)));
    l.field(18, 6, QStringLiteral("Target MAC address: %1").arg(l.mac(18)));
    l.field(24, 4, QStringLiteral("Target IP address: %1").arg(l.ipv4(24)));
    out.append(l.finish(28));
}

} // namespace packetlens::dissect
