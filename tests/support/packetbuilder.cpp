// SPDX-License-Identifier: GPL-3.0-or-later
#include "packetbuilder.h"

#include <QStringList>

#include <arpa/inet.h>

namespace packetlens::test {

namespace {
void put16(QByteArray &b, uint16_t v)
{
    b.append(char(v >> 8));
    b.append(char(v & 0xff));
}
void put32(QByteArray &b, uint32_t v)
{
    put16(b, uint16_t(v >> 16));
    put16(b, uint16_t(v & 0xffff));
}
QByteArray addr4(const QString &s)
{
    QByteArray b(4, 0);
    inet_pton(AF_INET, s.toLatin1().constData(), b.data());
    return b;
}
QByteArray addr6(const QString &s)
{
    QByteArray b(16, 0);
    inet_pton(AF_INET6, s.toLatin1().constData(), b.data());
    return b;
}
QByteArray dnsName(const QString &name)
{
    QByteArray b;
    for (const QString &label : name.split(QLatin1Char('.'), Qt::SkipEmptyParts)) {
        const QByteArray l = label.toLatin1();
        b.append(char(l.size()));
        b.append(l);
    }
    b.append('\0');
    return b;
}
} // namespace

QByteArray PacketBuilder::mac(int n)
{
    return QByteArray::fromHex(QStringLiteral("02000000%1").arg(n, 4, 16, QLatin1Char('0')).toLatin1());
}

QByteArray PacketBuilder::ethernet(const QByteArray &payload, uint16_t etherType, const QByteArray &src,
                                   const QByteArray &dst)
{
    QByteArray b = dst + src;
    put16(b, etherType);
    return b + payload;
}

QByteArray PacketBuilder::vlan(const QByteArray &payload, uint16_t innerType, uint16_t vid, uint16_t tpid)
{
    Q_UNUSED(tpid);
    QByteArray b;
    put16(b, vid & 0x0fff);
    put16(b, innerType);
    return b + payload;
}

QByteArray PacketBuilder::ipv4(const QByteArray &payload, uint8_t proto, const QString &src, const QString &dst,
                               uint16_t id, uint16_t fragField, const QByteArray &options, uint8_t ttl)
{
    QByteArray b;
    const int ihl = (20 + options.size()) / 4;
    b.append(char(0x40 | ihl));
    b.append('\0');
    put16(b, uint16_t(ihl * 4 + payload.size()));
    put16(b, id);
    put16(b, fragField);
    b.append(char(ttl));
    b.append(char(proto));
    put16(b, 0);
    b.append(addr4(src));
    b.append(addr4(dst));
    b.append(options);
    return b + payload;
}

QByteArray PacketBuilder::ipv6(const QByteArray &payload, uint8_t next, const QString &src, const QString &dst,
                               const QByteArray &extHeaders)
{
    QByteArray b;
    put32(b, 0x60000000);
    put16(b, uint16_t(extHeaders.size() + payload.size()));
    b.append(char(next));
    b.append(char(64));
    b.append(addr6(src));
    b.append(addr6(dst));
    return b + extHeaders + payload;
}

QByteArray PacketBuilder::tcp(uint16_t sport, uint16_t dport, uint8_t flags, uint32_t seq, uint32_t ack,
                              const QByteArray &payload)
{
    QByteArray b;
    put16(b, sport);
    put16(b, dport);
    put32(b, seq);
    put32(b, ack);
    b.append(char(5 << 4));
    b.append(char(flags));
    put16(b, 65535);
    put16(b, 0);
    put16(b, 0);
    return b + payload;
}

QByteArray PacketBuilder::udp(uint16_t sport, uint16_t dport, const QByteArray &payload)
{
    QByteArray b;
    put16(b, sport);
    put16(b, dport);
    put16(b, uint16_t(8 + payload.size()));
    put16(b, 0);
    return b + payload;
}

QByteArray PacketBuilder::icmpEcho(bool request, uint16_t id, uint16_t seq)
{
    QByteArray b;
    b.append(char(request ? 8 : 0));
    b.append('\0');
    put16(b, 0);
    put16(b, id);
    put16(b, seq);
    b.append(QByteArray(32, 'x'));
    return b;
}

QByteArray PacketBuilder::arp(uint16_t op, const QByteArray &senderMac, const QString &senderIp,
                              const QByteArray &targetMac, const QString &targetIp)
{
    QByteArray b;
    put16(b, 1);
    put16(b, 0x0800);
    b.append(char(6));
    b.append(char(4));
    put16(b, op);
    b.append(senderMac);
    b.append(addr4(senderIp));
    b.append(targetMac);
    b.append(addr4(targetIp));
    return b;
}

QByteArray PacketBuilder::dnsQuery(uint16_t id, const QString &name, uint16_t qtype)
{
    QByteArray b;
    put16(b, id);
    put16(b, 0x0100);
    put16(b, 1);
    put16(b, 0);
    put16(b, 0);
    put16(b, 0);
    b.append(dnsName(name));
    put16(b, qtype);
    put16(b, 1);
    return b;
}

QByteArray PacketBuilder::dnsResponse(uint16_t id, const QString &name, uint8_t rcode, const QString &answerIp)
{
    QByteArray b;
    put16(b, id);
    put16(b, uint16_t(0x8180 | rcode));
    put16(b, 1);
    put16(b, answerIp.isEmpty() ? 0 : 1);
    put16(b, 0);
    put16(b, 0);
    b.append(dnsName(name));
    put16(b, 1);
    put16(b, 1);
    if (!answerIp.isEmpty()) {
        put16(b, 0xc00c); // pointer back to the question name
        put16(b, 1);
        put16(b, 1);
        put32(b, 300);
        put16(b, 4);
        b.append(addr4(answerIp));
    }
    return b;
}

QByteArray PacketBuilder::tlsClientHello(const QString &sni)
{
    const QByteArray host = sni.toLatin1();
    QByteArray ext;
    put16(ext, 0); // server_name
    put16(ext, uint16_t(host.size() + 5));
    put16(ext, uint16_t(host.size() + 3));
    ext.append('\0');
    put16(ext, uint16_t(host.size()));
    ext.append(host);
    QByteArray body;
    put16(body, 0x0303);
    body.append(QByteArray(32, '\x11'));
    body.append('\0'); // session id
    put16(body, 2);
    put16(body, 0x1301);
    body.append(char(1));
    body.append('\0');
    put16(body, uint16_t(ext.size()));
    body.append(ext);
    QByteArray hs;
    hs.append(char(1));
    hs.append(char(body.size() >> 16));
    put16(hs, uint16_t(body.size() & 0xffff));
    hs.append(body);
    QByteArray rec;
    rec.append(char(22));
    put16(rec, 0x0301);
    put16(rec, uint16_t(hs.size()));
    return rec + hs;
}

QByteArray PacketBuilder::tcpFrame(const QString &src, uint16_t sport, const QString &dst, uint16_t dport,
                                   uint8_t flags, uint32_t seq, uint32_t ack, const QByteArray &payload)
{
    return ethernet(ipv4(tcp(sport, dport, flags, seq, ack, payload), 6, src, dst), 0x0800);
}

QByteArray PacketBuilder::udpFrame(const QString &src, uint16_t sport, const QString &dst, uint16_t dport,
                                   const QByteArray &payload)
{
    return ethernet(ipv4(udp(sport, dport, payload), 17, src, dst), 0x0800);
}

} // namespace packetlens::test
