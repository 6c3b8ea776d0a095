// SPDX-License-Identifier: GPL-3.0-or-later
// Network and transport renderers of the packet details: IPv4, IPv6 with its
// extension headers, TCP, UDP, ICMP.
#include "dissectionlayer.h"

#include "icmpnames.h"
#include "packetsummary.h"

namespace packetlens::dissect {

void dissectIpv4(const LayerSpan &s, QList<DissectionNode> &out)
{
    const int at = s.at;
    Layer l(s.frame, at, QStringLiteral("Internet Protocol Version 4"));
    if (!l.has(0, 20))
        return addTruncated(out, QStringLiteral("IPv4"), at);
    const int ihl = (l.u8(0) & 0x0f) * 4;
    l.field(0, 1, QStringLiteral("Version: %1, Header length: %2 bytes").arg(l.u8(0) >> 4).arg(ihl));
    l.field(1, 1, QStringLiteral("Differentiated services: 0x%1").arg(l.u8(1), 2, 16, QChar(u'0')));
    l.field(2, 2, QStringLiteral("Total length: %1").arg(l.be16(2)));
    l.field(4, 2, QStringLiteral("Identification: 0x%1 (%2)").arg(l.be16(4), 4, 16, QChar(u'0')).arg(l.be16(4)));
    const uint16_t frag = l.be16(6);
    DissectionNode &f = l.field(6, 2, QStringLiteral("Flags: 0x%1, Fragment offset: %2").arg(frag >> 13).arg((frag & 0x1fff) * 8));
    f.children.append({QStringLiteral("Don't fragment: %1").arg(frag & 0x4000 ? QStringLiteral("set") : QStringLiteral("not set")), at + 6, 1, {}});
    f.children.append({QStringLiteral("More fragments: %1").arg(frag & 0x2000 ? QStringLiteral("set") : QStringLiteral("not set")), at + 6, 1, {}});
    l.field(8, 1, QStringLiteral("Time to live: %1").arg(l.u8(8)));
    l.field(9, 1, QStringLiteral("Protocol: %1").arg(l.u8(9)));
    l.field(10, 2, QStringLiteral("Header checksum: 0x%1").arg(l.be16(10), 4, 16, QChar(u'0')));
    l.field(12, 4, QStringLiteral("Source address: %1").arg(l.ipv4(12)));
    l.field(16, 4, QStringLiteral("Destination address: %1").arg(l.ipv4(16)));
    if (ihl < 20 || !l.has(0, ihl)) {
        out.append(l.finish(20));
        return addTruncated(out, QStringLiteral("IPv4 options"), at + 20);
    }
    if (ihl > 20)
        l.field(20, ihl - 20, QStringLiteral("Options: %1 bytes").arg(ihl - 20));
    out.append(l.finish(ihl));
}

void dissectIpv6(const LayerSpan &s, QList<DissectionNode> &out)
{
    Layer l(s.frame, s.at, QStringLiteral("Internet Protocol Version 6"));
    if (!l.has(0, 40))
        return addTruncated(out, QStringLiteral("IPv6"), s.at);
    l.field(0, 4, QStringLiteral("Version: %1, Flow label: 0x%2").arg(l.u8(0) >> 4).arg(l.be32(0) & 0xfffff, 5, 16, QChar(u'0')));
    l.field(4, 2, QStringLiteral("Payload length: %1").arg(l.be16(4)));
    uint8_t next = l.u8(6);
    l.field(6, 1, QStringLiteral("Next header: %1").arg(next));
    l.field(7, 1, QStringLiteral("Hop limit: %1").arg(l.u8(7)));
    l.field(8, 16, QStringLiteral("Source address: %1").arg(l.ipv6(8)));
    l.field(24, 16, QStringLiteral("Destination address: %1").arg(l.ipv6(24)));
    // Extension headers up to the transport (the decoder's next layer).
    int off = 40;
    for (int i = 0; i < 16 && s.at + off < s.end; ++i) {
        if (next == 44) {
            if (!l.has(off, 8))
                break;
            const uint16_t fo = l.be16(off + 2);
            l.field(off, 8, QStringLiteral("Fragment header: offset %1, more: %2").arg((fo >> 3) * 8).arg(fo & 1));
            next = l.u8(off);
            off += 8;
            continue;
        }
        if (next != 0 && next != 43 && next != 60 && next != 51)
            break;
        if (!l.has(off, 2))
            break;
        const int len = next == 51 ? (l.u8(off + 1) + 2) * 4 : (l.u8(off + 1) + 1) * 8;
        if (!l.has(off, len))
            break;
        l.field(off, len, QStringLiteral("Extension header %1 (%2 bytes)").arg(next).arg(len));
        next = l.u8(off);
        off += len;
    }
    out.append(l.finish(off));
}

void dissectTcp(const LayerSpan &s, QList<DissectionNode> &out)
{
    Layer l(s.frame, s.at, QStringLiteral("Transmission Control Protocol"));
    if (!l.has(0, 20))
        return addTruncated(out, QStringLiteral("TCP"), s.at);
    const int hl = (l.u8(12) >> 4) * 4;
    l.field(0, 2, QStringLiteral("Source port: %1").arg(l.be16(0)));
    l.field(2, 2, QStringLiteral("Destination port: %1").arg(l.be16(2)));
    if (s.pos && s.pos->tcp) {
        l.note(QStringLiteral("[Stream index: %1]").arg(s.pos->stream)).field = QStringLiteral("tcp.stream");
        l.field(4, 4, QStringLiteral("Sequence number: %1 (relative sequence number)").arg(s.pos->relSeq)).field = QStringLiteral("tcp.seq");
    }
    l.field(4, 4, QStringLiteral("Sequence number (raw): %1").arg(l.be32(4))).field = QStringLiteral("tcp.seq_raw");
    if (s.pos && s.pos->tcp && (l.u8(13) & 0x10))
        l.field(8, 4, QStringLiteral("Acknowledgment number: %1 (relative ack number)").arg(s.pos->relAck)).field = QStringLiteral("tcp.ack");
    l.field(8, 4, QStringLiteral("Acknowledgment number (raw): %1").arg(l.be32(8))).field = QStringLiteral("tcp.ack_raw");
    l.field(12, 1, QStringLiteral("Header length: %1 bytes").arg(hl));
    l.field(13, 1, QStringLiteral("Flags: 0x%1 (%2)").arg(l.u8(13), 3, 16, QChar(u'0')).arg(tcpFlagsText(l.u8(13))));
    l.field(14, 2, QStringLiteral("Window: %1").arg(l.be16(14))).field = QStringLiteral("tcp.window_size_value");
    if (s.pos && s.pos->tcp && s.pos->window != l.be16(14))
        l.field(14, 2, QStringLiteral("[Calculated window size: %1]").arg(s.pos->window)).field = QStringLiteral("tcp.window_size");
    l.field(16, 2, QStringLiteral("Checksum: 0x%1").arg(l.be16(16), 4, 16, QChar(u'0')));
    l.field(18, 2, QStringLiteral("Urgent pointer: %1").arg(l.be16(18)));
    if (hl < 20 || !l.has(0, hl)) {
        out.append(l.finish(20));
        return addTruncated(out, QStringLiteral("TCP options"), s.at + 20);
    }
    if (hl > 20)
        l.field(20, hl - 20, QStringLiteral("Options: %1 bytes").arg(hl - 20));
    out.append(l.finish(hl));
}

void dissectUdp(const LayerSpan &s, QList<DissectionNode> &out)
{
    Layer l(s.frame, s.at, QStringLiteral("User Datagram Protocol"));
    if (!l.has(0, 8))
        return addTruncated(out, QStringLiteral("UDP"), s.at);
    l.field(0, 2, QStringLiteral("Source port: %1").arg(l.be16(0)));
    l.field(2, 2, QStringLiteral("Destination port: %1").arg(l.be16(2)));
    l.field(4, 2, QStringLiteral("Length: %1").arg(l.be16(4)));
    l.field(6, 2, QStringLiteral("Checksum: 0x%1").arg(l.be16(6), 4, 16, QChar(u'0')));
    out.append(l.finish(8));
}

void dissectIcmp(const LayerSpan &s, bool v6, QList<DissectionNode> &out)
{
    Layer l(s.frame, s.at, v6 ? QStringLiteral("Internet Control Message Protocol v6") : QStringLiteral("Internet Control Message Protocol"));
    if (!l.has(0, 4))
        return addTruncated(out, QStringLiteral("ICMP"), s.at);
    const QString type = icmpTypeName(v6, l.u8(0)), code = icmpCodeName(v6, l.u8(0), l.u8(1));
    const QString proto = v6 ? QStringLiteral("icmpv6") : QStringLiteral("icmp");
    l.field(0, 1, type.isEmpty() ? QStringLiteral("Type: %1").arg(l.u8(0)) : QStringLiteral("Type: %1 (%2)").arg(l.u8(0)).arg(type)).field = proto + QStringLiteral(".type");
    l.field(1, 1, code.isEmpty() ? QStringLiteral("Code: %1").arg(l.u8(1)) : QStringLiteral("Code: %1 (%2)").arg(l.u8(1)).arg(code)).field = proto + QStringLiteral(".code");
    const bool echo = v6 ? (l.u8(0) == 128 || l.u8(0) == 129) : (l.u8(0) == 0 || l.u8(0) == 8);
    if (echo && l.has(4, 4)) {
        l.field(4, 2, QStringLiteral("Identifier (BE): %1 (0x%2)").arg(l.be16(4)).arg(l.be16(4), 4, 16, QChar(u'0'))).field = proto + QStringLiteral(".ident");
        l.field(6, 2, QStringLiteral("Sequence Number (BE): %1 (0x%2)").arg(l.be16(6)).arg(l.be16(6), 4, 16, QChar(u'0'))).field = proto + QStringLiteral(".seq");
    }
    l.field(2, 2, QStringLiteral("Checksum: 0x%1").arg(l.be16(2), 4, 16, QChar(u'0')));
    const int rest = int(s.frame.size()) - s.at - 4;
    if (rest > 0)
        l.field(4, rest, QStringLiteral("Data: %1 bytes").arg(rest));
    out.append(l.finish(int(s.frame.size()) - s.at));
}

} // namespace packetlens::dissect
