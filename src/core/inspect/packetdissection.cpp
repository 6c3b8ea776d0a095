#include "packetdissection.h"

#include "packetsummary.h"

#include "../decode/byteview.h"
#include "../decode/packetdecoder.h"

#include <QDateTime>

namespace packetlens {

namespace {

// Builds one layer's node; every field is checked against the captured bytes.
class Layer
{
public:
    Layer(ByteView frame, int start, QString title) : m_frame(frame), m_start(start)
    {
        m_node.text = std::move(title);
        m_node.offset = start;
    }
    ByteView view() const { return m_frame.from(size_t(m_start)); }
    bool has(int off, int len) const { return view().has(size_t(off), size_t(len)); }
    uint8_t u8(int off) const
    {
        uint8_t v = 0;
        view().u8(size_t(off), v);
        return v;
    }
    uint16_t be16(int off) const
    {
        uint16_t v = 0;
        view().be16(size_t(off), v);
        return v;
    }
    uint32_t be32(int off) const
    {
        uint32_t v = 0;
        view().be32(size_t(off), v);
        return v;
    }
    DissectionNode &field(int off, int len, const QString &text)
    {
        DissectionNode n;
        n.text = text;
        n.offset = m_start + off;
        n.length = len;
        m_node.children.append(n);
        return m_node.children.last();
    }
    void note(const QString &text) { field(0, 0, text).offset = m_start; }
    DissectionNode finish(int len)
    {
        m_node.length = len;
        return m_node;
    }
    QString hex(int off, int len) const
    {
        QString s;
        for (int i = 0; i < len; ++i)
            s += QStringLiteral("%1").arg(u8(off + i), 2, 16, QChar(u'0'));
        return s;
    }
    QString mac(int off) const
    {
        QString s;
        for (int i = 0; i < 6; ++i)
            s += (i ? QStringLiteral(":") : QString()) + QStringLiteral("%1").arg(u8(off + i), 2, 16, QChar(u'0'));
        return s;
    }
    QString ipv4(int off) const
    {
        return QStringLiteral("%1.%2.%3.%4").arg(u8(off)).arg(u8(off + 1)).arg(u8(off + 2)).arg(u8(off + 3));
    }
    QString ipv6(int off) const
    {
        return QString::fromStdString(IpAddress::v6(view().data() + off).toString());
    }

private:
    ByteView m_frame;
    int m_start;
    DissectionNode m_node;
};

QString malformed(const QString &what)
{
    return QStringLiteral("[Malformed: %1]").arg(what);
}

struct Dissector
{
    ByteView frame;
    QList<DissectionNode> out;

    void truncated(const QString &layer, int at)
    {
        DissectionNode n;
        n.text = malformed(QStringLiteral("%1 header does not fit in the captured bytes").arg(layer));
        n.offset = at;
        out.append(n);
    }

    void etherType(uint16_t type, int at)
    {
        while (type == 0x8100 || type == 0x88a8 || type == 0x9100) {
            Layer l(frame, at, QStringLiteral("802.1Q Virtual LAN"));
            if (!l.has(0, 4))
                return truncated(QStringLiteral("802.1Q"), at);
            const uint16_t tci = l.be16(0);
            l.field(0, 2, QStringLiteral("Priority: %1, ID: %2").arg(tci >> 13).arg(tci & 0x0fff));
            type = l.be16(2);
            l.field(2, 2, QStringLiteral("Type: 0x%1").arg(type, 4, 16, QChar(u'0')));
            out.append(l.finish(4));
            at += 4;
        }
        switch (type) {
        case 0x0800: return ipv4(at);
        case 0x86dd: return ipv6(at);
        case 0x0806: return arp(at);
        default: break;
        }
    }

    void ethernet(int at)
    {
        Layer l(frame, at, QStringLiteral("Ethernet II"));
        if (!l.has(0, 14))
            return truncated(QStringLiteral("Ethernet"), at);
        l.field(0, 6, QStringLiteral("Destination: %1").arg(l.mac(0)));
        l.field(6, 6, QStringLiteral("Source: %1").arg(l.mac(6)));
        const uint16_t type = l.be16(12);
        l.field(12, 2, type <= 1500 ? QStringLiteral("Length: %1").arg(type) : QStringLiteral("Type: 0x%1").arg(type, 4, 16, QChar(u'0')));
        out.append(l.finish(14));
        if (type > 1500)
            etherType(type, at + 14);
    }

    void sll(int at, bool v2)
    {
        Layer l(frame, at, v2 ? QStringLiteral("Linux cooked capture v2") : QStringLiteral("Linux cooked capture v1"));
        const int len = v2 ? 20 : 16;
        if (!l.has(0, len))
            return truncated(QStringLiteral("Linux cooked"), at);
        const uint16_t proto = v2 ? l.be16(0) : l.be16(14);
        l.field(v2 ? 0 : 14, 2, QStringLiteral("Protocol: 0x%1").arg(proto, 4, 16, QChar(u'0')));
        l.field(v2 ? 10 : 0, 2, QStringLiteral("Packet type: %1").arg(v2 ? l.u8(10) : l.be16(0)));
        const int addrOff = v2 ? 12 : 6;
        const int addrLen = v2 ? l.u8(11) : l.be16(4);
        if (addrLen == 6)
            l.field(addrOff, 6, QStringLiteral("Source: %1").arg(l.mac(addrOff)));
        out.append(l.finish(len));
        etherType(proto, at + len);
    }

    void arp(int at)
    {
        Layer l(frame, at, QStringLiteral("Address Resolution Protocol"));
        if (!l.has(0, 28))
            return truncated(QStringLiteral("ARP"), at);
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

    void ipv4(int at)
    {
        Layer l(frame, at, QStringLiteral("Internet Protocol Version 4"));
        if (!l.has(0, 20))
            return truncated(QStringLiteral("IPv4"), at);
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
        const uint8_t proto = l.u8(9);
        l.field(9, 1, QStringLiteral("Protocol: %1").arg(proto));
        l.field(10, 2, QStringLiteral("Header checksum: 0x%1").arg(l.be16(10), 4, 16, QChar(u'0')));
        l.field(12, 4, QStringLiteral("Source address: %1").arg(l.ipv4(12)));
        l.field(16, 4, QStringLiteral("Destination address: %1").arg(l.ipv4(16)));
        if (ihl < 20 || !l.has(0, ihl)) {
            out.append(l.finish(20));
            return truncated(QStringLiteral("IPv4 options"), at + 20);
        }
        if (ihl > 20)
            l.field(20, ihl - 20, QStringLiteral("Options: %1 bytes").arg(ihl - 20));
        out.append(l.finish(ihl));
        if ((frag & 0x1fff) != 0)
            return; // a later fragment carries no transport header
        transport(proto, at + ihl);
    }

    void ipv6(int at)
    {
        Layer l(frame, at, QStringLiteral("Internet Protocol Version 6"));
        if (!l.has(0, 40))
            return truncated(QStringLiteral("IPv6"), at);
        l.field(0, 4, QStringLiteral("Version: %1, Flow label: 0x%2").arg(l.u8(0) >> 4).arg(l.be32(0) & 0xfffff, 5, 16, QChar(u'0')));
        l.field(4, 2, QStringLiteral("Payload length: %1").arg(l.be16(4)));
        uint8_t next = l.u8(6);
        l.field(6, 1, QStringLiteral("Next header: %1").arg(next));
        l.field(7, 1, QStringLiteral("Hop limit: %1").arg(l.u8(7)));
        l.field(8, 16, QStringLiteral("Source address: %1").arg(l.ipv6(8)));
        l.field(24, 16, QStringLiteral("Destination address: %1").arg(l.ipv6(24)));
        int off = 40;
        for (int i = 0; i < 16; ++i) {
            if (next == 0 || next == 43 || next == 60 || next == 51) {
                if (!l.has(off, 2))
                    break;
                const int len = next == 51 ? (l.u8(off + 1) + 2) * 4 : (l.u8(off + 1) + 1) * 8;
                if (!l.has(off, len))
                    break;
                l.field(off, len, QStringLiteral("Extension header %1 (%2 bytes)").arg(next).arg(len));
                next = l.u8(off);
                off += len;
            } else if (next == 44) {
                if (!l.has(off, 8))
                    break;
                const uint16_t fo = l.be16(off + 2);
                l.field(off, 8, QStringLiteral("Fragment header: offset %1, more: %2").arg((fo >> 3) * 8).arg(fo & 1));
                out.append(l.finish(off + 8));
                if ((fo >> 3) == 0)
                    transport(l.u8(off), at + off + 8);
                return;
            } else {
                break;
            }
        }
        out.append(l.finish(off));
        transport(next, at + off);
    }

    void transport(uint8_t proto, int at)
    {
        if (proto == 6)
            tcp(at);
        else if (proto == 17)
            udp(at);
        else if (proto == 1 || proto == 58)
            icmp(at, proto == 58);
    }

    void tcp(int at)
    {
        Layer l(frame, at, QStringLiteral("Transmission Control Protocol"));
        if (!l.has(0, 20))
            return truncated(QStringLiteral("TCP"), at);
        const int hl = (l.u8(12) >> 4) * 4;
        l.field(0, 2, QStringLiteral("Source port: %1").arg(l.be16(0)));
        l.field(2, 2, QStringLiteral("Destination port: %1").arg(l.be16(2)));
        l.field(4, 4, QStringLiteral("Sequence number (raw): %1").arg(l.be32(4)));
        l.field(8, 4, QStringLiteral("Acknowledgment number (raw): %1").arg(l.be32(8)));
        l.field(12, 1, QStringLiteral("Header length: %1 bytes").arg(hl));
        l.field(13, 1, QStringLiteral("Flags: 0x%1 (%2)").arg(l.u8(13), 3, 16, QChar(u'0')).arg(tcpFlagsText(l.u8(13))));
        l.field(14, 2, QStringLiteral("Window: %1").arg(l.be16(14)));
        l.field(16, 2, QStringLiteral("Checksum: 0x%1").arg(l.be16(16), 4, 16, QChar(u'0')));
        l.field(18, 2, QStringLiteral("Urgent pointer: %1").arg(l.be16(18)));
        if (hl < 20 || !l.has(0, hl)) {
            out.append(l.finish(20));
            return truncated(QStringLiteral("TCP options"), at + 20);
        }
        if (hl > 20)
            l.field(20, hl - 20, QStringLiteral("Options: %1 bytes").arg(hl - 20));
        out.append(l.finish(hl));
        payload(at + hl);
    }

    void udp(int at)
    {
        Layer l(frame, at, QStringLiteral("User Datagram Protocol"));
        if (!l.has(0, 8))
            return truncated(QStringLiteral("UDP"), at);
        l.field(0, 2, QStringLiteral("Source port: %1").arg(l.be16(0)));
        l.field(2, 2, QStringLiteral("Destination port: %1").arg(l.be16(2)));
        l.field(4, 2, QStringLiteral("Length: %1").arg(l.be16(4)));
        l.field(6, 2, QStringLiteral("Checksum: 0x%1").arg(l.be16(6), 4, 16, QChar(u'0')));
        out.append(l.finish(8));
        payload(at + 8);
    }

    void icmp(int at, bool v6)
    {
        Layer l(frame, at, v6 ? QStringLiteral("Internet Control Message Protocol v6") : QStringLiteral("Internet Control Message Protocol"));
        if (!l.has(0, 4))
            return truncated(QStringLiteral("ICMP"), at);
        l.field(0, 1, QStringLiteral("Type: %1").arg(l.u8(0)));
        l.field(1, 1, QStringLiteral("Code: %1").arg(l.u8(1)));
        l.field(2, 2, QStringLiteral("Checksum: 0x%1").arg(l.be16(2), 4, 16, QChar(u'0')));
        const int rest = int(frame.size()) - at - 4;
        if (rest > 0)
            l.field(4, rest, QStringLiteral("Data: %1 bytes").arg(rest));
        out.append(l.finish(int(frame.size()) - at));
    }

    void payload(int at)
    {
        const int rest = int(frame.size()) - at;
        if (rest <= 0)
            return;
        DissectionNode n;
        n.text = QStringLiteral("Payload: %1 bytes").arg(rest);
        n.offset = at;
        n.length = rest;
        out.append(n);
    }
};

// Application facts (DNS, HTTP, TLS) come from the packet decoder itself.
void addApplication(QList<DissectionNode> &out, const DecodedPacket &d, int payloadOffset)
{
    if (d.app == Proto::Count || !d.payload || payloadOffset < 0)
        return;
    if (!out.isEmpty() && out.last().offset == payloadOffset && out.last().text.startsWith(QLatin1String("Payload")))
        out.removeLast(); // the application layer replaces the generic payload line
    DissectionNode n;
    n.text = QString::fromLatin1(protoName(d.app)).toUpper();
    n.offset = payloadOffset;
    n.length = int(d.payloadLen);
    auto add = [&](const QString &t) { n.children.append({t, payloadOffset, int(d.payloadLen), {}}); };
    auto str = [](const std::string &s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); };
    if (d.app == Proto::Dns || d.app == Proto::Mdns || d.app == Proto::Llmnr) {
        n.text = QStringLiteral("Domain Name System (%1)").arg(d.dns.isResponse ? QStringLiteral("response") : QStringLiteral("query"));
        add(QStringLiteral("Transaction ID: 0x%1").arg(d.dns.id, 4, 16, QChar(u'0')));
        add(QStringLiteral("Query: %1, type %2").arg(str(d.dns.qname), dnsTypeLabel(d.dns.qtype)));
        if (d.dns.isResponse) {
            add(QStringLiteral("Reply code: %1").arg(d.dns.rcode));
            add(QStringLiteral("Answers: %1").arg(d.dns.answers));
        }
    } else if (d.app == Proto::Http) {
        n.text = QStringLiteral("Hypertext Transfer Protocol");
        if (d.http.isRequest) {
            add(QStringLiteral("Method: %1").arg(str(d.http.method)));
            add(QStringLiteral("URI: %1").arg(str(d.http.uri)));
            if (!d.http.host.empty())
                add(QStringLiteral("Host: %1").arg(str(d.http.host)));
            if (!d.http.userAgent.empty())
                add(QStringLiteral("User-Agent: %1").arg(str(d.http.userAgent)));
            if (!d.http.authorization.empty())
                add(QStringLiteral("Authorization: present"));
        } else if (d.http.status) {
            add(QStringLiteral("Status code: %1").arg(d.http.status));
        }
    } else if (d.app == Proto::Tls) {
        n.text = QStringLiteral("Transport Layer Security");
        add(QStringLiteral("Content type: %1").arg(d.tls.contentType));
        add(QStringLiteral("Record version: 0x%1").arg(d.tls.recordVersion, 4, 16, QChar(u'0')));
        if (d.tls.handshakeType)
            add(QStringLiteral("Handshake type: %1").arg(d.tls.handshakeType));
        if (!d.tls.sni.empty())
            add(QStringLiteral("Server name (SNI): %1").arg(str(d.tls.sni)));
    }
    out.append(n);
}

} // namespace

QList<DissectionNode> dissectPacket(int linkType, const uint8_t *data, uint32_t caplen, uint32_t wireLen,
                                    uint64_t number, int64_t tsNs)
{
    Dissector ds{ByteView(data, caplen), {}};
    DissectionNode frame;
    frame.text = QStringLiteral("Frame %1: %2 bytes on wire, %3 bytes captured").arg(number).arg(wireLen).arg(caplen);
    frame.length = int(caplen);
    frame.children.append({QStringLiteral("Arrival time: %1").arg(QDateTime::fromMSecsSinceEpoch(tsNs / 1000000, Qt::UTC)
                                                                    .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'"))), 0, 0, {}});
    frame.children.append({QStringLiteral("Link type: %1").arg(linkType), 0, 0, {}});
    if (caplen < wireLen)
        frame.children.append({QStringLiteral("[%1 bytes not captured]").arg(wireLen - caplen), 0, 0, {}});
    ds.out.append(frame);
    switch (linkType) {
    case linktype::Ethernet: ds.ethernet(0); break;
    case linktype::LinuxSll: ds.sll(0, false); break;
    case linktype::LinuxSll2: ds.sll(0, true); break;
    case linktype::Null:
    case linktype::Loop:
        if (caplen >= 4) {
            DissectionNode n{QStringLiteral("Null/Loopback"), 0, 4, {}};
            ds.out.append(n);
            const uint8_t v = caplen > 4 ? data[4] >> 4 : 0;
            if (v == 4)
                ds.ipv4(4);
            else if (v == 6)
                ds.ipv6(4);
        }
        break;
    case linktype::RawOld12:
    case linktype::RawOld14:
    case linktype::Raw:
    case linktype::Ipv4:
    case linktype::Ipv6:
        if (caplen >= 1 && (data[0] >> 4) == 4)
            ds.ipv4(0);
        else if (caplen >= 1 && (data[0] >> 4) == 6)
            ds.ipv6(0);
        break;
    default:
        ds.out.append({QStringLiteral("Link type %1 is not decoded").arg(linkType), 0, int(caplen), {}});
        break;
    }
    PacketDecoder decoder;
    DecodedPacket d;
    decoder.decode(linkType, data, caplen, wireLen, d);
    const int payloadOffset = d.payload ? int(d.payload - data) : -1;
    addApplication(ds.out, d, payloadOffset);
    if (d.malformed)
        ds.out.append({malformed(QLatin1String(d.malformedReason ? d.malformedReason : "?")), 0, 0, {}});
    return ds.out;
}

} // namespace packetlens
