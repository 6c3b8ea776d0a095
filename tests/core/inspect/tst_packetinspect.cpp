// SPDX-License-Identifier: GPL-3.0-or-later
// Packet summary (list columns) and the dissection tree with byte ranges.
#include "core/decode/packetdecoder.h"
#include "core/inspect/packetdissection.h"
#include "core/inspect/packetsummary.h"
#include "support/packetbuilder.h"

#include <QTest>

#include <deque>

using namespace packetlens;
using namespace packetlens::test;

namespace {
// The decoded packet points into its frame's bytes (the Info column reads
// them again): every frame is kept for the test's life.
DecodedPacket decode(const QByteArray &frame)
{
    static std::deque<QByteArray> frames;
    frames.push_back(frame);
    const QByteArray &f = frames.back();
    DecodedPacket d;
    PacketDecoder().decode(1, reinterpret_cast<const uint8_t *>(f.constData()), uint32_t(f.size()), uint32_t(f.size()), d);
    return d;
}

const DissectionNode *find(const QList<DissectionNode> &nodes, const QString &prefix)
{
    for (const DissectionNode &n : nodes) {
        if (n.text.startsWith(prefix))
            return &n;
        if (const DissectionNode *c = find(n.children, prefix))
            return c;
    }
    return nullptr;
}
} // namespace

class TstPacketInspect : public QObject
{
    Q_OBJECT
private slots:
    void summaries()
    {
        const QByteArray syn = PacketBuilder::tcpFrame(QStringLiteral("10.0.0.1"), 40000, QStringLiteral("10.0.0.2"), 80, tcpflags::Syn, 100);
        DecodedPacket d = decode(syn);
        QCOMPARE(packetSource(d), QStringLiteral("10.0.0.1"));
        QCOMPARE(packetDestination(d), QStringLiteral("10.0.0.2"));
        QCOMPARE(packetProtocolLabel(d), QStringLiteral("TCP"));
        QCOMPARE(packetInfo(d), QStringLiteral("40000 \u2192 80 [SYN] Seq=100 Win=%1 Len=0").arg(d.window));

        d = decode(PacketBuilder::udpFrame(QStringLiteral("10.0.0.1"), 5000, QStringLiteral("10.0.0.53"), 53,
                                           PacketBuilder::dnsQuery(0x1234, QStringLiteral("example.org"), 16)));
        QCOMPARE(packetProtocolLabel(d), QStringLiteral("DNS"));
        QCOMPARE(packetInfo(d), QStringLiteral("Standard query 0x1234 TXT example.org"));

        d = decode(PacketBuilder::ethernet(PacketBuilder::arp(1, PacketBuilder::mac(3), QStringLiteral("10.0.0.3"),
                                                              QByteArray(6, 0), QStringLiteral("10.0.0.1")), 0x0806,
                                           PacketBuilder::mac(3), QByteArray(6, char(0xff))));
        QCOMPARE(packetProtocolLabel(d), QStringLiteral("ARP"));
        QCOMPARE(packetInfo(d), QStringLiteral("Who has 10.0.0.1? Tell 10.0.0.3"));
        QCOMPARE(packetDestination(d), QStringLiteral("Broadcast"));

        d = decode(PacketBuilder::tcpFrame(QStringLiteral("10.0.0.1"), 40000, QStringLiteral("10.0.0.2"), 443, tcpflags::Ack | tcpflags::Psh, 1, 1,
                                           PacketBuilder::tlsClientHello(QStringLiteral("evil.example"))));
        QCOMPARE(packetProtocolLabel(d), QStringLiteral("TLS"));
        QCOMPARE(packetInfo(d), QStringLiteral("Client Hello (SNI=evil.example)"));
        QCOMPARE(tcpFlagsText(0x12), QStringLiteral("SYN, ACK"));
    }

    void dissectionByteRanges()
    {
        const QByteArray f = PacketBuilder::tcpFrame(QStringLiteral("10.0.0.1"), 40000, QStringLiteral("10.0.0.2"), 80,
                                                     tcpflags::Ack | tcpflags::Psh, 1, 1, QByteArray("GET / HTTP/1.1\r\nHost: a\r\n\r\n"));
        const auto nodes = dissectPacket(1, reinterpret_cast<const uint8_t *>(f.constData()), uint32_t(f.size()), uint32_t(f.size()), 9, 0);
        QVERIFY(nodes.first().text.startsWith(QStringLiteral("Frame 9:")));
        const DissectionNode *eth = find(nodes, QStringLiteral("Ethernet II"));
        QVERIFY(eth);
        QCOMPARE(eth->offset, 0);
        QCOMPARE(eth->length, 14);
        const DissectionNode *src = find(nodes, QStringLiteral("Source address: 10.0.0.1"));
        QVERIFY(src);
        QCOMPARE(src->offset, 14 + 12);
        QCOMPARE(src->length, 4);
        const DissectionNode *dport = find(nodes, QStringLiteral("Destination port: 80"));
        QVERIFY(dport);
        QCOMPARE(dport->offset, 14 + 20 + 2);
        QCOMPARE(dport->length, 2);
        const DissectionNode *http = find(nodes, QStringLiteral("Hypertext Transfer Protocol"));
        QVERIFY(http);
        QCOMPARE(http->offset, 54);
        const DissectionNode *method = find(nodes, QStringLiteral("Request Method: GET")); // Wireshark's words
        QVERIFY(method);
        QCOMPARE(method->field, QStringLiteral("http.request.method"));
        QCOMPARE(method->offset, 54);
        QCOMPARE(method->length, 3);
        QVERIFY(!find(nodes, QStringLiteral("Payload:"))); // replaced by the application layer
    }

    // The details follow the decoder's own walk: a double-tagged frame shows
    // both tags where they are, then IPv4 and UDP after them.
    void dissectionFollowsTheDecodersLayers()
    {
        using PB = PacketBuilder;
        const QByteArray udp = PB::udp(5353, 53, PB::dnsQuery(7, QStringLiteral("a.example")));
        const QByteArray ip = PB::ipv4(udp, 17, QStringLiteral("10.0.0.1"), QStringLiteral("10.0.0.2"));
        const QByteArray inner = PB::vlan(ip, 0x0800, 20);
        const QByteArray f = PB::ethernet(PB::vlan(inner, 0x8100, 10), 0x8100);
        const auto nodes = dissectPacket(1, reinterpret_cast<const uint8_t *>(f.constData()), uint32_t(f.size()), uint32_t(f.size()), 1, 0);
        QList<int> tags;
        for (const DissectionNode &n : nodes)
            if (n.text == QLatin1String("802.1Q Virtual LAN"))
                tags << n.offset;
        QCOMPARE(tags, (QList<int>{14, 18}));
        const DissectionNode *ipNode = find(nodes, QStringLiteral("Internet Protocol Version 4"));
        QVERIFY(ipNode);
        QCOMPARE(ipNode->offset, 22);
        const DissectionNode *udpNode = find(nodes, QStringLiteral("User Datagram Protocol"));
        QVERIFY(udpNode);
        QCOMPARE(udpNode->offset, 42);
        QVERIFY(find(nodes, QStringLiteral("Domain Name System (query)")));
    }

    void truncatedNeverReadsPast()
    {
        // Every prefix of a frame dissects without reading past it (ASan checks) and says where it stopped.
        const QByteArray f = PacketBuilder::tcpFrame(QStringLiteral("10.0.0.1"), 1, QStringLiteral("10.0.0.2"), 2, tcpflags::Syn);
        for (int n = 0; n < f.size(); ++n) {
            const QByteArray cut = f.left(n);
            std::vector<uint8_t> exact(cut.begin(), cut.end()); // heap block of exactly n bytes
            const auto nodes = dissectPacket(1, exact.data(), uint32_t(n), uint32_t(f.size()), 1, 0);
            QVERIFY(!nodes.isEmpty());
            if (n < 54)
                QVERIFY2(find(nodes, QStringLiteral("[Malformed")), qPrintable(QString::number(n)));
        }
    }
};

QTEST_GUILESS_MAIN(TstPacketInspect)
#include "tst_packetinspect.moc"
