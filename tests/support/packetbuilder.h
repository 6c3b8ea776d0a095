// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace packetlens::test {

// Builds exact packets byte by byte for tests (checksums left zero).
class PacketBuilder
{
public:
    static QByteArray ethernet(const QByteArray &payload, uint16_t etherType,
                               const QByteArray &src = mac(1), const QByteArray &dst = mac(2));
    static QByteArray vlan(const QByteArray &payload, uint16_t innerType, uint16_t vid,
                           uint16_t tpid = 0x8100);
    static QByteArray ipv4(const QByteArray &payload, uint8_t proto, const QString &src,
                           const QString &dst, uint16_t id = 1, uint16_t fragField = 0,
                           const QByteArray &options = {}, uint8_t ttl = 64);
    static QByteArray ipv6(const QByteArray &payload, uint8_t next, const QString &src,
                           const QString &dst, const QByteArray &extHeaders = {});
    static QByteArray tcp(uint16_t sport, uint16_t dport, uint8_t flags, uint32_t seq,
                          uint32_t ack, const QByteArray &payload = {});
    static QByteArray udp(uint16_t sport, uint16_t dport, const QByteArray &payload);
    static QByteArray icmpEcho(bool request, uint16_t id, uint16_t seq);
    static QByteArray arp(uint16_t op, const QByteArray &senderMac, const QString &senderIp,
                          const QByteArray &targetMac, const QString &targetIp);
    static QByteArray dnsQuery(uint16_t id, const QString &name, uint16_t qtype = 1);
    static QByteArray dnsResponse(uint16_t id, const QString &name, uint8_t rcode,
                                  const QString &answerIp = {});
    static QByteArray tlsClientHello(const QString &sni);
    static QByteArray mac(int n);

    // Convenience: Ethernet/IPv4/TCP and Ethernet/IPv4/UDP frames.
    static QByteArray tcpFrame(const QString &src, uint16_t sport, const QString &dst,
                               uint16_t dport, uint8_t flags, uint32_t seq = 1, uint32_t ack = 0,
                               const QByteArray &payload = {});
    static QByteArray udpFrame(const QString &src, uint16_t sport, const QString &dst,
                               uint16_t dport, const QByteArray &payload);
};

namespace tcpflags {
constexpr uint8_t Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10;
}

} // namespace packetlens::test
