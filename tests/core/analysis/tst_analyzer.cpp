// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/analyzer.h"
#include "core/analysis/conversationtable.h"
#include "core/decode/packetdecoder.h"
#include "core/report/jsonrows.h"
#include "core/report/reportjson.h"
#include "core/report/timeformat.h"
#include "support/packetbuilder.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;
using PB = PacketBuilder;
using namespace tcpflags;

namespace {
struct Feeder
{
    Analyzer a;
    int64_t ts = 1700000000000000000ll;
    explicit Feeder(const AnalyzerSettings &s = {}) : a(s) {}
    void add(const QByteArray &frame, int64_t stepNs = 1000000, int linkType = 1)
    {
        ts += stepNs;
        RawPacket p;
        p.tsSec = ts / 1000000000;
        p.tsNsec = uint32_t(ts % 1000000000);
        p.caplen = p.len = uint32_t(frame.size());
        p.linkType = linkType;
        p.data = reinterpret_cast<const uint8_t *>(frame.constData());
        a.addPacket(p);
    }
    QJsonObject report(int digits = 6)
    {
        CaptureMeta m;
        m.fileName = QStringLiteral("t.pcap");
        m.format = QStringLiteral("pcap");
        m.timestampDigits = digits;
        a.finishConversations();
        return ReportJson::toJson(a.buildReport(m));
    }
};

qint64 protoPackets(const QJsonObject &r, const QString &path)
{
    for (const QJsonValue &v : r.value(QStringLiteral("protocols")).toArray())
        if (v.toObject().value(QStringLiteral("path")).toString() == path)
            return qint64(v.toObject().value(QStringLiteral("packets")).toDouble());
    return 0;
}

QJsonObject conversation(const QJsonObject &r, int dport)
{
    for (const QJsonValue &v : r.value(QStringLiteral("conversations")).toArray())
        if (v.toObject().value(QStringLiteral("dport")).toInt() == dport)
            return v.toObject();
    return {};
}
} // namespace

class TestAnalyzer : public QObject
{
    Q_OBJECT
private slots:
    void httpMessagesSpanningSegmentsAreCounted()
    {
        // A POST whose body follows in a second segment and a response whose
        // body does too: the header segments are shown as TCP segments (as
        // Wireshark counts frames) but each message is still counted once.
        Feeder f;
        const QByteArray post("POST /gate.php HTTP/1.1\r\nHost: c2.example\r\nContent-Length: 10\r\n\r\n");
        const QByteArray resp("HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\n");
        uint32_t cs = 1000, ss = 5000;
        f.add(PB::tcpFrame("10.0.0.1", 40000, "10.0.0.2", 80, Syn, cs++, 0));
        f.add(PB::tcpFrame("10.0.0.2", 80, "10.0.0.1", 40000, Syn | Ack, ss++, cs));
        f.add(PB::tcpFrame("10.0.0.1", 40000, "10.0.0.2", 80, Ack | Psh, cs, ss, post));
        cs += uint32_t(post.size());
        f.add(PB::tcpFrame("10.0.0.1", 40000, "10.0.0.2", 80, Ack | Psh, cs, ss, QByteArray(10, 'x')));
        cs += 10;
        f.add(PB::tcpFrame("10.0.0.2", 80, "10.0.0.1", 40000, Ack | Psh, ss, cs, resp));
        ss += uint32_t(resp.size());
        f.add(PB::tcpFrame("10.0.0.2", 80, "10.0.0.1", 40000, Ack | Psh, ss, cs, QByteArray(8, 'y')));
        const QJsonObject http = f.report().value(QStringLiteral("http")).toObject();
        QCOMPARE(http.value(QStringLiteral("requests")).toInt(), 1);
        QCOMPARE(http.value(QStringLiteral("responses")).toInt(), 1);
        QCOMPARE(http.value(QStringLiteral("methods")).toArray().first().toObject().value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
    }

    void reportContract()
    {
        Feeder f;
        f.add(PB::udpFrame("10.0.0.1", 5000, "10.0.0.2", 53, PB::dnsQuery(1, "example.com")));
        f.add(PB::udpFrame("10.0.0.2", 53, "10.0.0.1", 5000, PB::dnsResponse(1, "example.com", 3)));
        const QJsonObject r = f.report();
        QCOMPARE(r.value(QStringLiteral("schema")).toString(), QStringLiteral("packetlens.report/1"));
        for (const char *k : {"generator", "capture", "protocols", "endpoints", "conversations", "timeline",
                              "dns", "http", "tls", "anomalies", "findings", "suspicious_ips"})
            QVERIFY2(r.contains(QLatin1String(k)), k);
        const QJsonObject cap = r.value(QStringLiteral("capture")).toObject();
        for (const char *k : {"file_name", "sha256", "size_bytes", "format", "link_types", "packets", "bytes",
                              "first_ts", "last_ts", "duration_s", "truncated", "warnings"})
            QVERIFY2(cap.contains(QLatin1String(k)), k);
        QCOMPARE(cap.value(QStringLiteral("packets")).toInt(), 2);
        QCOMPARE(cap.value(QStringLiteral("first_ts")).toString(), QStringLiteral("2023-11-14T22:13:20.001000Z"));
        QCOMPARE(protoPackets(r, QStringLiteral("eth:ip:udp:dns")), 2);
        const QJsonObject dns = r.value(QStringLiteral("dns")).toObject();
        QCOMPARE(dns.value(QStringLiteral("queries")).toInt(), 1);
        QCOMPARE(dns.value(QStringLiteral("nxdomain")).toInt(), 1);
        QCOMPARE(dns.value(QStringLiteral("top_nxdomain_names")).toArray().first().toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("example.com"));
    }

    void conversationStatesFollowZeek()
    {
        Feeder f;
        // S0: SYN, no answer
        f.add(PB::tcpFrame("10.0.0.1", 40000, "10.0.0.9", 22, Syn, 100));
        // REJ: SYN answered by RST
        f.add(PB::tcpFrame("10.0.0.1", 40001, "10.0.0.9", 23, Syn, 100));
        f.add(PB::tcpFrame("10.0.0.9", 23, "10.0.0.1", 40001, Rst | Ack, 0, 101));
        // SF: handshake, data, both FINs
        f.add(PB::tcpFrame("10.0.0.1", 40002, "10.0.0.9", 80, Syn, 100));
        f.add(PB::tcpFrame("10.0.0.9", 80, "10.0.0.1", 40002, Syn | Ack, 500, 101));
        f.add(PB::tcpFrame("10.0.0.1", 40002, "10.0.0.9", 80, Ack, 101, 501));
        f.add(PB::tcpFrame("10.0.0.1", 40002, "10.0.0.9", 80, Psh | Ack, 101, 501, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        f.add(PB::tcpFrame("10.0.0.1", 40002, "10.0.0.9", 80, Fin | Ack, 128, 501));
        f.add(PB::tcpFrame("10.0.0.9", 80, "10.0.0.1", 40002, Fin | Ack, 501, 129));
        // S1: established, still open
        f.add(PB::tcpFrame("10.0.0.1", 40003, "10.0.0.9", 443, Syn, 1));
        f.add(PB::tcpFrame("10.0.0.9", 443, "10.0.0.1", 40003, Syn | Ack, 9, 2));
        // OTH: midstream
        f.add(PB::tcpFrame("10.0.0.1", 40004, "10.0.0.9", 8080, Ack, 1, 1));
        const QJsonObject r = f.report();
        QCOMPARE(conversation(r, 22).value(QStringLiteral("state")).toString(), QStringLiteral("S0"));
        QCOMPARE(conversation(r, 23).value(QStringLiteral("state")).toString(), QStringLiteral("REJ"));
        QCOMPARE(conversation(r, 80).value(QStringLiteral("state")).toString(), QStringLiteral("SF"));
        QCOMPARE(conversation(r, 80).value(QStringLiteral("packets")).toInt(), 6);
        QCOMPARE(conversation(r, 80).value(QStringLiteral("src")).toString(), QStringLiteral("10.0.0.1"));
        QCOMPARE(conversation(r, 443).value(QStringLiteral("state")).toString(), QStringLiteral("S1"));
        QCOMPARE(conversation(r, 8080).value(QStringLiteral("state")).toString(), QStringLiteral("OTH"));
        QCOMPARE(r.value(QStringLiteral("conversations_total")).toInt(), 5);
        QCOMPARE(protoPackets(r, QStringLiteral("eth:ip:tcp:http")), 1);
        QCOMPARE(r.value(QStringLiteral("http")).toObject().value(QStringLiteral("requests")).toInt(), 1);
    }

    void endpointsCountBothDirections()
    {
        Feeder f;
        f.add(PB::udpFrame("10.0.0.1", 1, "10.0.0.2", 2, QByteArray(100, 'a')));
        f.add(PB::udpFrame("10.0.0.2", 2, "10.0.0.1", 1, QByteArray(10, 'a')));
        const QJsonArray eps = f.report().value(QStringLiteral("endpoints")).toArray();
        QCOMPARE(eps.size(), 2);
        const QJsonObject top = eps.first().toObject();
        QCOMPARE(top.value(QStringLiteral("packets_sent")).toInt() + top.value(QStringLiteral("packets_received")).toInt(), 2);
    }

    void retransmissionNotCountedTwice()
    {
        Feeder f;
        const QByteArray req = "GET /a HTTP/1.1\r\nHost: x\r\n\r\n";
        f.add(PB::tcpFrame("10.0.0.1", 40000, "10.0.0.2", 80, Syn, 1));
        f.add(PB::tcpFrame("10.0.0.1", 40000, "10.0.0.2", 80, Psh | Ack, 2, 1, req));
        f.add(PB::tcpFrame("10.0.0.1", 40000, "10.0.0.2", 80, Psh | Ack, 2, 1, req)); // retransmission
        const QJsonObject r = f.report();
        QCOMPARE(protoPackets(r, QStringLiteral("eth:ip:tcp:http")), 1);
        QCOMPARE(protoPackets(r, QStringLiteral("eth:ip:tcp")), 3);
        QCOMPARE(r.value(QStringLiteral("stats")).toObject().value(QStringLiteral("tcp_retransmissions")).toInt(), 1);
    }

    void tlsCountedWhereRecordsComplete()
    {
        Feeder f;
        const QByteArray hello = PB::tlsClientHello("split.example");
        f.add(PB::tcpFrame("10.0.0.1", 40000, "10.0.0.2", 443, Syn, 1));
        f.add(PB::tcpFrame("10.0.0.1", 40000, "10.0.0.2", 443, Ack, 2, 1, hello.left(20)));
        f.add(PB::tcpFrame("10.0.0.1", 40000, "10.0.0.2", 443, Ack, 2 + 20, 1, hello.mid(20)));
        const QJsonObject r = f.report();
        QCOMPARE(protoPackets(r, QStringLiteral("eth:ip:tcp:tls")), 1);
    }

    void ipFragmentsReassembledOnce()
    {
        Feeder f;
        const QByteArray udp = PB::udp(5000, 53, PB::dnsQuery(3, "fragmented.example") + QByteArray(40, '\0'));
        // Two fragments: first 32 bytes (MF), then the rest at offset 32 (4 units of 8).
        const QByteArray first = PB::ipv4(udp.left(32), 17, "10.0.0.1", "10.0.0.2", 77, 0x2000);
        const QByteArray second = PB::ipv4(udp.mid(32), 17, "10.0.0.1", "10.0.0.2", 77, 4);
        f.add(PB::ethernet(first, 0x0800));
        f.add(PB::ethernet(first, 0x0800)); // duplicate fragment
        f.add(PB::ethernet(second, 0x0800));
        f.add(PB::ethernet(second, 0x0800)); // duplicate after completion
        const QJsonObject r = f.report();
        QCOMPARE(protoPackets(r, QStringLiteral("eth:ip")), 4);
        QCOMPARE(protoPackets(r, QStringLiteral("eth:ip:udp")), 1);
        QCOMPARE(protoPackets(r, QStringLiteral("eth:ip:udp:dns")), 1);
        QCOMPARE(r.value(QStringLiteral("stats")).toObject().value(QStringLiteral("ip_fragments")).toInt(), 4);
    }

    void anomaliesCarryEvidence()
    {
        Feeder f;
        f.add(PB::tcpFrame("10.0.0.5", 139, "10.0.0.5", 139, Syn)); // land attack
        f.add(PB::tcpFrame("10.0.0.1", 1, "10.0.0.2", 2, Syn | Fin));
        const QJsonArray an = f.report().value(QStringLiteral("anomalies")).toArray();
        QStringList kinds;
        for (const QJsonValue &v : an)
            kinds << v.toObject().value(QStringLiteral("kind")).toString();
        QVERIFY(kinds.contains(QStringLiteral("land_attack")));
        QVERIFY(kinds.contains(QStringLiteral("tcp_bad_flags")));
        for (const QJsonValue &v : an)
            QVERIFY(!v.toObject().value(QStringLiteral("packets")).toArray().isEmpty());
    }

    void flowTableBoundedAndSaysSo()
    {
        AnalyzerSettings s;
        s.maxFlows = 1000;
        s.maxEndpoints = 500;
        s.limits.maxListItems = 50;
        Feeder f(s);
        for (int i = 0; i < 5000; ++i) { // spoofed-source SYN flood
            const QString src = QStringLiteral("10.%1.%2.%3").arg(i >> 16 & 255).arg(i >> 8 & 255).arg(i & 255);
            f.add(PB::tcpFrame(src, uint16_t(1024 + i % 50000), "192.168.1.1", 80, Syn, uint32_t(i)), 1000);
        }
        const QJsonObject r = f.report();
        const QJsonObject lim = r.value(QStringLiteral("limits")).toObject();
        QVERIFY(lim.value(QStringLiteral("tables_capped")).toBool());
        QCOMPARE(r.value(QStringLiteral("conversations_total")).toInt(), 5000);
        QCOMPARE(r.value(QStringLiteral("conversations")).toArray().size(), 50);
        QCOMPARE(r.value(QStringLiteral("conversations_omitted")).toInt(), 4950);
        QVERIFY(r.value(QStringLiteral("endpoints_omitted")).toInt() > 0);
    }

    // A burst of 40 000 answered connection attempts fills the conversation
    // table and the TCP health state; five minutes later they have retired
    // and both give their memory back (compacted), while a connection open
    // across the burst keeps its sequence state: its retransmission after
    // the compaction is still told from new data.
    void burstMemoryGoesBackAndStateSurvives()
    {
        Feeder f;
        const QByteArray data(10, 'x');
        f.add(PB::tcpFrame("10.9.9.1", 5555, "10.9.9.2", 80, Syn, 100));
        f.add(PB::tcpFrame("10.9.9.2", 80, "10.9.9.1", 5555, Syn | Ack, 500, 101));
        f.add(PB::tcpFrame("10.9.9.1", 5555, "10.9.9.2", 80, Ack, 101, 501));
        f.add(PB::tcpFrame("10.9.9.1", 5555, "10.9.9.2", 80, Psh | Ack, 101, 501, data));
        for (int i = 0; i < 40000; ++i) {
            const QString src = QStringLiteral("10.%1.%2.%3").arg(100 + (i >> 16 & 255)).arg(i >> 8 & 255).arg(i & 255);
            f.add(PB::tcpFrame(src, 40000, "192.168.1.1", 443, Syn, uint32_t(i)), 1000);
            f.add(PB::tcpFrame("192.168.1.1", 443, src, 40000, Syn | Ack, 7, uint32_t(i) + 1), 1000);
        }
        QVERIFY(f.a.conversationCapacity() >= 40000);
        // The long connection stays active (the server sends every 50 s) past the burst's idle timeout.
        for (int i = 0; i < 8; ++i)
            f.add(PB::tcpFrame("10.9.9.2", 80, "10.9.9.1", 5555, Psh | Ack, uint32_t(501 + 10 * i), 101, data), 50ll * 1000000000);
        QVERIFY2(f.a.conversationCapacity() < 1024, "the table was not compacted");
        f.add(PB::tcpFrame("10.9.9.1", 5555, "10.9.9.2", 80, Psh | Ack, 101, 501, data)); // retransmission
        f.add(PB::tcpFrame("10.9.9.1", 5555, "10.9.9.2", 80, Psh | Ack, 111, 501, data)); // new data
        const QJsonObject tcp = f.report().value(QStringLiteral("health")).toObject().value(QStringLiteral("tcp")).toObject();
        QCOMPARE(tcp.value(QStringLiteral("connections")).toInt(), 40001);
        QCOMPARE(tcp.value(QStringLiteral("analysis")).toObject().value(QStringLiteral("retransmission")).toInt(), 1);
        const QJsonArray worst = tcp.value(QStringLiteral("conversations")).toArray();
        QCOMPARE(worst.size(), 1);
        QCOMPARE(worst.first().toObject().value(QStringLiteral("dport")).toInt(), 80);
        QCOMPARE(worst.first().toObject().value(QStringLiteral("bad_packets")).toInt(), 1);
    }

    void timelineBucketsGrow()
    {
        Feeder f;
        for (int i = 0; i < 100; ++i)
            f.add(PB::udpFrame("10.0.0.1", 1, "10.0.0.2", 2, "x"), 60ll * 1000000000); // a packet a minute
        const QJsonObject tl = f.report().value(QStringLiteral("timeline")).toObject();
        QVERIFY(tl.value(QStringLiteral("bucket_s")).toDouble() >= 1.0);
        QVERIFY(tl.value(QStringLiteral("points")).toArray().size() <= 1000);
        qint64 total = 0;
        for (const QJsonValue &v : tl.value(QStringLiteral("points")).toArray())
            total += v.toObject().value(QStringLiteral("packets")).toInt();
        QCOMPARE(total, 100);
    }

    // The look-ahead hint must name the slot add() then looks up: the same
    // hash for every layout it accepts, and no hint where add() keys
    // differently (fragments, IPv6 extension headers) or not at all.
    void conversationHintAgreesWithLookup()
    {
        const QByteArray data("hello");
        const QList<QPair<QByteArray, int>> keyed = {
            {PB::tcpFrame("10.0.0.1", 40000, "10.0.0.2", 80, Syn, 1), 1},
            {PB::tcpFrame("10.0.0.2", 80, "10.0.0.1", 40000, Syn | Ack, 7, 2), 1},
            {PB::tcpFrame("10.0.0.9", 5000, "10.0.0.9", 4000, Ack, 1, 1), 1},  // same host: ports decide
            {PB::udpFrame("192.0.2.7", 53, "10.1.2.3", 33000, data), 1},
            {PB::ethernet(PB::ipv4(PB::icmpEcho(true, 1, 1), 1, "10.0.0.1", "8.8.8.8"), 0x0800), 1},
            {PB::ethernet(PB::ipv6(PB::tcp(443, 50000, Ack, 1, 1, data), 6, "2001:db8::1", "2001:db8::1:0:0:2"), 0x86dd), 1},
            {PB::ethernet(PB::ipv6(PB::tcp(443, 50000, Ack, 1, 1), 6, "2001:db8::2", "2001:db8::1"), 0x86dd), 1},
            {PB::ethernet(PB::vlan(PB::ipv4(PB::udp(1000, 2000, data), 17, "10.9.9.9", "10.9.9.8"), 0x0800, 42), 0x8100), 1},
            {PB::ipv4(PB::tcp(1234, 22, Syn, 1, 0), 6, "172.16.0.5", "172.16.0.4"), 101},
        };
        PacketDecoder decoder;
        for (int i = 0; i < keyed.size(); ++i) {
            const QByteArray &f = keyed[i].first;
            const auto *p = reinterpret_cast<const uint8_t *>(f.constData());
            DecodedPacket d;
            decoder.decode(keyed[i].second, p, uint32_t(f.size()), uint32_t(f.size()), d);
            ConversationTable::Key k;
            QVERIFY2(ConversationTable::keyOf(d, k), qPrintable(QString::number(i)));
            uint64_t hint = 0;
            QVERIFY2(ConversationTable::hintHash(keyed[i].second, p, uint32_t(f.size()), hint), qPrintable(QString::number(i)));
            QCOMPARE(hint, uint64_t(ConversationTable::KeyHash{}(k)));
        }
        // Both directions of a conversation share the hint.
        uint64_t there = 0, back = 0;
        const QByteArray a = PB::tcpFrame("10.0.0.1", 40000, "10.0.0.2", 80, Ack, 1, 1);
        const QByteArray b = PB::tcpFrame("10.0.0.2", 80, "10.0.0.1", 40000, Ack, 1, 1);
        QVERIFY(ConversationTable::hintHash(1, reinterpret_cast<const uint8_t *>(a.constData()), uint32_t(a.size()), there));
        QVERIFY(ConversationTable::hintHash(1, reinterpret_cast<const uint8_t *>(b.constData()), uint32_t(b.size()), back));
        QCOMPARE(there, back);
        // No hint: ARP, an IPv6 extension header first, a cut header.
        uint64_t h = 0;
        const QByteArray arp = PB::ethernet(PB::arp(1, PB::mac(1), "10.0.0.1", QByteArray(6, '\0'), "10.0.0.2"), 0x0806);
        QVERIFY(!ConversationTable::hintHash(1, reinterpret_cast<const uint8_t *>(arp.constData()), uint32_t(arp.size()), h));
        const QByteArray ext = PB::ethernet(PB::ipv6(PB::udp(1, 2, data), 0, "2001:db8::1", "2001:db8::2", QByteArray("\x11\x00\x01\x04\x00\x00\x00\x00", 8)), 0x86dd);
        QVERIFY(!ConversationTable::hintHash(1, reinterpret_cast<const uint8_t *>(ext.constData()), uint32_t(ext.size()), h));
        const QByteArray tcp = PB::tcpFrame("10.0.0.1", 1, "10.0.0.2", 2, Syn, 1);
        QVERIFY(!ConversationTable::hintHash(1, reinterpret_cast<const uint8_t *>(tcp.constData()), 14 + 20 + 2, h));
    }

    void isoTimestamps()
    {
        QCOMPARE(isoTimestamp(1279251572730147000ll, 6), QStringLiteral("2010-07-16T03:39:32.730147Z"));
        QCOMPARE(isoTimestamp(1279251572730147123ll, 9), QStringLiteral("2010-07-16T03:39:32.730147123Z"));
        QCOMPARE(isoTimestamp(0, 0), QStringLiteral("1970-01-01T00:00:00Z"));
        QCOMPARE(isoTimestamp(1279251572000001000ll, 3), QStringLiteral("2010-07-16T03:39:32.000Z"));
        QCOMPARE(isoTimestamp(-1, 9), QStringLiteral("1969-12-31T23:59:59.999999999Z"));
        std::string s = "x";
        appendIsoTimestamp(s, 1279251572730147000ll, 6);
        QCOMPARE(QString::fromStdString(s), QStringLiteral("x2010-07-16T03:39:32.730147Z"));
    }

    // The report's long lists are written as JSON text: the same objects as
    // QJsonObject would hold, with strings escaped.
    void jsonRows()
    {
        QVERIFY(JsonRows().toArray().isEmpty());
        JsonRows rows;
        rows.beginRow();
        rows.add("name", std::string_view("a\"b\\c\n\x01é"));
        rows.add("n", int64_t(-9007199254740993ll));
        rows.add("big", int64_t(1) << 62);
        rows.beginRow();
        rows.addTimestamp("t", 1279251572730147000ll, 0);
        rows.add("zero", int64_t(0));
        const QJsonArray a = rows.toArray();
        QCOMPARE(a.size(), 2);
        const QJsonObject first{{QStringLiteral("name"), QStringLiteral("a\"b\\c\n\x01é")},
                                {QStringLiteral("n"), qint64(-9007199254740993ll)},
                                {QStringLiteral("big"), qint64(1) << 62}};
        QCOMPARE(a.at(0).toObject(), first);
        QCOMPARE(a.at(0).toObject().value(QStringLiteral("big")).toInteger(), qint64(1) << 62);
        QCOMPARE(a.at(1).toObject(), (QJsonObject{{QStringLiteral("t"), QStringLiteral("2010-07-16T03:39:32Z")},
                                                  {QStringLiteral("zero"), 0}}));
    }
};

QTEST_GUILESS_MAIN(TestAnalyzer)
#include "tst_analyzer.moc"
