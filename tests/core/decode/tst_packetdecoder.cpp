// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/decode/appdecoder.h"
#include "core/decode/packetdecoder.h"
#include "support/packetbuilder.h"

#include <QtTest>

#include <cstring>
#include <random>

using namespace packetlens;
using namespace packetlens::test;
using PB = PacketBuilder;

class TestPacketDecoder : public QObject
{
    Q_OBJECT

    static QString pathOf(const DecodedPacket &d)
    {
        QStringList parts;
        for (int i = 0; i < d.depth; ++i)
            parts << QString::fromLatin1(protoName(d.path[i]));
        return parts.join(QLatin1Char(':'));
    }
    static DecodedPacket decode(const QByteArray &frame, int linkType = linktype::Ethernet, uint32_t wireLen = 0)
    {
        DecodedPacket d;
        PacketDecoder().decode(linkType, reinterpret_cast<const uint8_t *>(frame.constData()),
                               uint32_t(frame.size()), wireLen ? wireLen : uint32_t(frame.size()), d);
        return d;
    }

private slots:
    // Addresses order as their bytes do (memcmp), family first; equal only
    // when family and all 16 bytes match.
    void addressOrderIsByteOrder()
    {
        std::mt19937 rng(11);
        std::vector<IpAddress> all;
        for (int i = 0; i < 400; ++i) {
            uint8_t b[16];
            for (uint8_t &x : b)
                x = uint8_t(rng() % 4 == 0 ? 0 : rng()); // many equal bytes
            all.push_back(i % 3 ? IpAddress::v4(b) : IpAddress::v6(b));
        }
        all.push_back(all[5]);
        for (const IpAddress &a : all) {
            for (const IpAddress &b : all) {
                const int byBytes = std::memcmp(a.bytes, b.bytes, 16);
                const bool less = a.family != b.family ? a.family < b.family : byBytes < 0;
                QCOMPARE(a < b, less);
                QCOMPARE(a == b, a.family == b.family && byBytes == 0);
            }
        }
    }

    void factsDoNotLeakBetweenPackets()
    {
        // One DecodedPacket is reused for every packet: an HTTP request's facts
        // must not be seen on the TLS packet decoded after it (this once raised
        // a false protocol_mismatch citing the TLS packet).
        PacketDecoder dec;
        DecodedPacket d;
        const QByteArray http = PB::tcpFrame("10.0.0.1", 55253, "10.0.0.2", 80, tcpflags::Ack | tcpflags::Psh, 1, 1,
                                             QByteArray("GET / HTTP/1.1\r\nHost: www.example.com\r\n\r\n"));
        const QByteArray tls = PB::tcpFrame("10.0.0.1", 55194, "10.0.0.3", 443, tcpflags::Ack | tcpflags::Psh, 1, 1,
                                            QByteArray("\x17\x03\x03\x00\x05hello", 10));
        dec.decode(linktype::Ethernet, reinterpret_cast<const uint8_t *>(http.constData()), uint32_t(http.size()), uint32_t(http.size()), d);
        QVERIFY(d.http.isRequest);
        dec.decode(linktype::Ethernet, reinterpret_cast<const uint8_t *>(tls.constData()), uint32_t(tls.size()), uint32_t(tls.size()), d);
        QCOMPARE(d.app, Proto::Tls);
        QVERIFY(!d.http.isRequest);
        QVERIFY(d.http.method.empty());
        // Nor a ClientHello's on the next segment of its stream.
        const QByteArray hello = PB::tcpFrame("10.0.0.1", 55194, "10.0.0.3", 443, tcpflags::Ack | tcpflags::Psh, 1, 1,
                                              PB::tlsClientHello("a.example"));
        const QByteArray more = PB::tcpFrame("10.0.0.1", 55194, "10.0.0.3", 443, tcpflags::Ack | tcpflags::Psh, 2, 1, QByteArray(20, 'z'));
        dec.decode(linktype::Ethernet, reinterpret_cast<const uint8_t *>(hello.constData()), uint32_t(hello.size()), uint32_t(hello.size()), d);
        QCOMPARE(d.tls.handshakeType, uint8_t(1));
        dec.decode(linktype::Ethernet, reinterpret_cast<const uint8_t *>(more.constData()), uint32_t(more.size()), uint32_t(more.size()), d);
        QCOMPARE(d.tls.handshakeType, uint8_t(0));
        QVERIFY(d.tls.sni.empty());
    }

    void tcpHttpRequest()
    {
        const QByteArray http = "GET /index.html HTTP/1.1\r\nHost: Example.org\r\nUser-Agent: curl/8\r\n\r\n";
        const DecodedPacket d = decode(PB::tcpFrame("10.0.0.1", 40000, "10.0.0.2", 80, tcpflags::Psh | tcpflags::Ack, 1, 1, http));
        QCOMPARE(pathOf(d), QStringLiteral("eth:ip:tcp:http"));
        QVERIFY(!d.malformed);
        QCOMPARE(d.sport, uint16_t(40000));
        QCOMPARE(d.dport, uint16_t(80));
        QCOMPARE(QString::fromStdString(d.src.toString()), QStringLiteral("10.0.0.1"));
        QCOMPARE(QString::fromStdString(d.http.method), QStringLiteral("GET"));
        QCOMPARE(QString::fromStdString(d.http.host), QStringLiteral("Example.org"));
        QCOMPARE(QString::fromStdString(d.http.uri), QStringLiteral("/index.html"));
        QCOMPARE(QString::fromStdString(d.http.userAgent), QStringLiteral("curl/8"));
    }

    void httpToSshPortIsSsh()
    {
        const DecodedPacket d = decode(PB::tcpFrame("10.0.0.1", 40000, "10.0.0.2", 22, tcpflags::Ack, 1, 1, "GET / HTTP/1.0\r\n\r\n"));
        QCOMPARE(pathOf(d), QStringLiteral("eth:ip:tcp:ssh"));
    }

    void vlanAndQinQ()
    {
        const QByteArray ip = PB::ipv4(PB::udp(5000, 53, PB::dnsQuery(7, "a.example.com")), 17, "10.1.1.1", "10.1.1.2");
        const QByteArray inner = PB::vlan(ip, 0x0800, 20);
        const QByteArray outer = PB::vlan(inner, 0x8100, 10);
        const DecodedPacket d = decode(PB::ethernet(outer, 0x88a8));
        QCOMPARE(pathOf(d), QStringLiteral("eth:vlan:vlan:ip:udp:dns"));
        QCOMPARE(d.vlanId, uint16_t(10));
        QCOMPARE(QString::fromStdString(d.dns.qname), QStringLiteral("a.example.com"));
        QCOMPARE(d.dns.qtype, uint16_t(1));
        QVERIFY(!d.dns.isResponse);
    }

    void dnsResponseWithBackwardPointer()
    {
        const DecodedPacket d = decode(PB::udpFrame("8.8.8.8", 53, "10.0.0.1", 5000, PB::dnsResponse(7, "example.com", 0, "93.184.216.34")));
        QVERIFY(!d.malformed);
        QVERIFY(d.dns.isResponse);
        QCOMPARE(d.dns.answers, uint16_t(1));
    }

    void dnsForwardPointerIsMalformed()
    {
        QByteArray msg = PB::dnsQuery(9, "x.example");
        msg[12] = char(0xc0); // question name starts with a pointer...
        msg[13] = char(0x20); // ...pointing forward
        const DecodedPacket d = decode(PB::udpFrame("10.0.0.1", 5000, "10.0.0.2", 53, msg));
        QVERIFY(d.malformed);
        QCOMPARE(d.malformedAt, Proto::Dns);
        QVERIFY(QString::fromLatin1(d.malformedReason).contains(QStringLiteral("backward")));
    }

    void dnsPointerLoopIsMalformed()
    {
        QByteArray msg = PB::dnsQuery(9, "ab");
        // name at 12: label "ab" then a pointer back to 12 (a loop)
        msg = msg.left(12) + QByteArray("\x02" "ab" "\xc0\x0c", 5) + QByteArray("\x00\x01\x00\x01", 4);
        const DecodedPacket d = decode(PB::udpFrame("10.0.0.1", 5000, "10.0.0.2", 53, msg));
        QVERIFY(d.malformed);
    }

    void tlsClientHelloSni()
    {
        const DecodedPacket d = decode(PB::tcpFrame("10.0.0.1", 40001, "1.2.3.4", 443, tcpflags::Psh | tcpflags::Ack, 1, 1,
                                                    PB::tlsClientHello("WWW.Example.COM")));
        QCOMPARE(pathOf(d), QStringLiteral("eth:ip:tcp:tls"));
        QCOMPARE(d.tls.handshakeType, uint8_t(1));
        QCOMPARE(QString::fromStdString(d.tls.sni), QStringLiteral("www.example.com"));
    }

    void arp()
    {
        const DecodedPacket d = decode(PB::ethernet(PB::arp(2, PB::mac(5), "10.0.0.1", PB::mac(6), "10.0.0.2"), 0x0806));
        QCOMPARE(pathOf(d), QStringLiteral("eth:arp"));
        QVERIFY(d.hasArp);
        QCOMPARE(d.arp.op, uint16_t(2));
        QCOMPARE(QString::fromStdString(d.arp.senderIp.toString()), QStringLiteral("10.0.0.1"));
    }

    void ipv4OptionsAndIcmp()
    {
        const QByteArray opts("\x01\x01\x01\x00", 4); // NOP NOP NOP EOL
        const DecodedPacket d = decode(PB::ethernet(PB::ipv4(PB::icmpEcho(true, 1, 1), 1, "10.0.0.1", "10.0.0.2", 1, 0, opts), 0x0800));
        QCOMPARE(pathOf(d), QStringLiteral("eth:ip:icmp"));
        QCOMPARE(d.icmpType, uint8_t(8));
    }

    // The header checksum (RFC 791) is checked: a right one passes, with or
    // without options, one flipped bit is flagged, and 0 (offload) is no error.
    void ipv4HeaderChecksum()
    {
        auto withChecksum = [](QByteArray ip) {
            const int ihl = (uint8_t(ip[0]) & 0x0f) * 4;
            uint32_t sum = 0;
            for (int i = 0; i < ihl; i += 2)
                sum += uint32_t(uint8_t(ip[i]) << 8 | uint8_t(ip[i + 1]));
            while (sum >> 16)
                sum = (sum & 0xffff) + (sum >> 16);
            const uint16_t c = uint16_t(~sum);
            ip[10] = char(c >> 8);
            ip[11] = char(c & 0xff);
            return ip;
        };
        const QByteArray opts("\x01\x01\x01\x00\x94\x04\x00\x00", 8); // NOPs, EOL, router alert
        for (const QByteArray &o : {QByteArray(), opts}) {
            for (const char *dst : {"10.0.0.2", "255.255.255.255", "192.168.200.254"}) {
                const QByteArray ip = withChecksum(PB::ipv4(PB::udp(1000, 2000, "x"), 17, "10.0.0.1", dst, 0xffff, 0, o, 255));
                QVERIFY(!decode(PB::ethernet(ip, 0x0800)).ipChecksumBad);
                QByteArray bad = ip;
                bad[8] = char(bad[8] ^ 0x10); // the TTL
                QVERIFY(decode(PB::ethernet(bad, 0x0800)).ipChecksumBad);
            }
        }
        QVERIFY(!decode(PB::ethernet(PB::ipv4(PB::udp(1000, 2000, "x"), 17, "10.0.0.1", "10.0.0.2"), 0x0800)).ipChecksumBad);
    }

    void ipv6ExtensionChain()
    {
        // Hop-by-hop (8 bytes) then destination options (8 bytes) then UDP.
        QByteArray ext;
        ext += QByteArray("\x3c\x00\x01\x04\x00\x00\x00\x00", 8); // next=60, len 0, PadN
        ext += QByteArray("\x11\x00\x01\x04\x00\x00\x00\x00", 8); // next=17
        const QByteArray pkt = PB::ipv6(PB::udp(5353, 5353, PB::dnsQuery(0, "printer.local")), 0, "fe80::1", "ff02::fb", ext);
        const DecodedPacket d = decode(PB::ethernet(pkt, 0x86dd));
        QCOMPARE(pathOf(d), QStringLiteral("eth:ipv6:udp:mdns"));
        QCOMPARE(d.ipProto, uint8_t(17));
    }

    void sllAndRawAndNull()
    {
        const QByteArray ip = PB::ipv4(PB::tcp(1, 2, tcpflags::Syn, 0, 0), 6, "1.1.1.1", "2.2.2.2");
        QByteArray sll(16, '\0');
        sll[14] = 0x08;
        QCOMPARE(pathOf(decode(sll + ip, linktype::LinuxSll)), QStringLiteral("sll:ip:tcp"));
        QByteArray sll2(20, '\0');
        sll2[0] = 0x08;
        QCOMPARE(pathOf(decode(sll2 + ip, linktype::LinuxSll2)), QStringLiteral("sll:ip:tcp"));
        QCOMPARE(pathOf(decode(ip, linktype::Raw)), QStringLiteral("raw:ip:tcp"));
        QCOMPARE(pathOf(decode(ip, linktype::Ipv4)), QStringLiteral("ip:tcp"));
        const QByteArray fam("\x02\x00\x00\x00", 4);
        QCOMPARE(pathOf(decode(fam + ip, linktype::Null)), QStringLiteral("null:ip:tcp"));
    }

    void unknownLinkTypeNotDecoded()
    {
        const DecodedPacket d = decode(QByteArray(40, 'x'), 253);
        QVERIFY(d.unknownLink);
        QCOMPARE(d.depth, uint8_t(0));
    }

    void laterFragmentHasNoTransport()
    {
        const QByteArray ip = PB::ipv4(QByteArray(64, 'z'), 17, "1.1.1.1", "2.2.2.2", 5, 0x0010); // offset 128
        const DecodedPacket d = decode(PB::ethernet(ip, 0x0800));
        QCOMPARE(pathOf(d), QStringLiteral("eth:ip"));
        QVERIFY(d.fragment);
        QVERIFY(d.laterFragment);
        QCOMPARE(d.frag.offset, 128u);
    }

    void caplenBelowLenIsSnappedNotMalformed()
    {
        const QByteArray full = PB::tcpFrame("10.0.0.1", 1000, "10.0.0.2", 80, tcpflags::Ack, 1, 1, QByteArray(200, 'a'));
        const DecodedPacket d = decode(full.left(60), linktype::Ethernet, uint32_t(full.size()));
        QVERIFY(d.snapped);
        QVERIFY(!d.malformed);
        QCOMPARE(pathOf(d), QStringLiteral("eth:ip:tcp"));
    }

    // Every prefix of valid packets must decode without reading out of bounds
    // (run under ASan) and either succeed or report a reason.
    void everyTruncationIsSafe()
    {
        const QList<QByteArray> frames = {
            PB::tcpFrame("10.0.0.1", 40000, "10.0.0.2", 443, tcpflags::Ack, 1, 1, PB::tlsClientHello("a.example")),
            PB::udpFrame("8.8.8.8", 53, "10.0.0.1", 5000, PB::dnsResponse(7, "example.com", 0, "1.2.3.4")),
            PB::ethernet(PB::arp(1, PB::mac(1), "1.1.1.1", PB::mac(0), "1.1.1.2"), 0x0806),
            PB::ethernet(PB::ipv6(PB::udp(1, 2, "x"), 17, "::1", "::2"), 0x86dd),
        };
        for (const QByteArray &f : frames) {
            for (int n = 0; n < f.size(); ++n) {
                const QByteArray cut = f.left(n);
                DecodedPacket d;
                PacketDecoder().decode(linktype::Ethernet, reinterpret_cast<const uint8_t *>(cut.constData()),
                                       uint32_t(n), uint32_t(n), d);
                if (d.malformed)
                    QVERIFY(d.malformedReason && *d.malformedReason);
            }
        }
    }

    void ipTotalLengthBeyondFrameFlagged()
    {
        QByteArray f = PB::tcpFrame("10.0.0.1", 1, "10.0.0.2", 2, tcpflags::Syn);
        f[14 + 2] = char(0x05); // total length 0x05xx > frame
        const DecodedPacket d = decode(f);
        QVERIFY(d.malformed);
        QCOMPARE(d.malformedAt, Proto::Ip);
    }
};

QTEST_GUILESS_MAIN(TestPacketDecoder)
#include "tst_packetdecoder.moc"
