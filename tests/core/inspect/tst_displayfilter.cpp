// SPDX-License-Identifier: GPL-3.0-or-later
// Display filter: parsing, errors with positions, and evaluation on decoded packets.
#include "core/decode/packetdecoder.h"
#include "core/inspect/displayfilter.h"
#include "support/packetbuilder.h"

#include <QTest>

using namespace packetlens;
using namespace packetlens::test;

class TstDisplayFilter : public QObject
{
    Q_OBJECT

    struct Decoded
    {
        QByteArray bytes;
        DecodedPacket d;
        QString info;
    };
    static Decoded decode(const QByteArray &frame, const QString &info = {})
    {
        Decoded x;
        x.bytes = frame;
        PacketDecoder().decode(1, reinterpret_cast<const uint8_t *>(x.bytes.constData()), uint32_t(x.bytes.size()),
                               uint32_t(x.bytes.size()), x.d);
        x.info = info;
        return x;
    }
    static bool match(const QString &filter, const Decoded &x, uint64_t number = 1, const PacketExpert *expert = nullptr)
    {
        const DisplayFilter f = DisplayFilter::parse(filter);
        if (!f.isValid())
            qFatal("filter %s invalid: %s", qPrintable(filter), qPrintable(f.error()));
        return f.matches({&x.d, number, uint32_t(x.bytes.size()), &x.info, expert});
    }

private slots:
    void protocolsAndFields()
    {
        const Decoded dns = decode(PacketBuilder::udpFrame(QStringLiteral("10.0.0.5"), 5353, QStringLiteral("10.0.0.53"), 53,
                                                           PacketBuilder::dnsQuery(7, QStringLiteral("example.com"))),
                                   QStringLiteral("Standard query 0x0007 A example.com"));
        const Decoded syn = decode(PacketBuilder::tcpFrame(QStringLiteral("192.168.1.2"), 40000, QStringLiteral("10.1.2.3"), 443,
                                                           tcpflags::Syn));
        QVERIFY(match(QStringLiteral("dns"), dns));
        QVERIFY(match(QStringLiteral("udp && dns"), dns));
        QVERIFY(!match(QStringLiteral("tcp"), dns));
        QVERIFY(match(QStringLiteral("tcp"), syn));
        QVERIFY(match(QStringLiteral("ip.addr==10.0.0.53"), dns));
        QVERIFY(match(QStringLiteral("ip.src==10.0.0.0/24"), dns));
        QVERIFY(!match(QStringLiteral("ip.dst==10.0.0.5"), dns));
        QVERIFY(match(QStringLiteral("udp.port==53"), dns));
        QVERIFY(match(QStringLiteral("udp.srcport==5353 and udp.dstport eq 53"), dns));
        QVERIFY(!match(QStringLiteral("tcp.port==53"), dns));
        QVERIFY(match(QStringLiteral("tcp.port==443 && !udp"), syn));
        QVERIFY(match(QStringLiteral("tcp.port!=80"), syn));
        QVERIFY(!match(QStringLiteral("tcp.port!=443"), syn));
        QVERIFY(match(QStringLiteral("frame.len>50"), syn));
        QVERIFY(!match(QStringLiteral("frame.len>1000"), syn));
        QVERIFY(match(QStringLiteral("frame.len>=54 && frame.len<=54"), syn));
        QVERIFY(match(QStringLiteral("\"example.COM\""), dns)); // free text, case-insensitive
        QVERIFY(match(QStringLiteral("info contains \"query\""), dns));
        QVERIFY(!match(QStringLiteral("\"nothere\""), dns));
        QVERIFY(match(QStringLiteral("(tcp || dns) && !(ip.addr==1.2.3.4)"), dns));
        QVERIFY(match(QStringLiteral("ip.addr==10.1.2.3 || dns"), syn));
        QVERIFY(match(QStringLiteral("frame.number in {3 7 12}"), syn, 7));
        QVERIFY(!match(QStringLiteral("frame.number in {3, 8}"), syn, 7));
        QVERIFY(match(QStringLiteral("tcp.port in {22 443}"), syn));
        const Decoded v6 = decode(PacketBuilder::ethernet(PacketBuilder::ipv6(PacketBuilder::udp(1, 2, "x"), 17, QStringLiteral("2001:db8::1"),
                                                                               QStringLiteral("2001:db8::2")), 0x86dd));
        QVERIFY(match(QStringLiteral("ipv6.addr==2001:db8::/32"), v6));
        QVERIFY(match(QStringLiteral("ip.addr==2001:db8::2"), v6));
        QVERIFY(!match(QStringLiteral("ip.addr==10.0.0.0/8"), v6));
    }

    // The fields the health analysis generates, with Wireshark's names.
    void generatedFields()
    {
        const Decoded seg = decode(PacketBuilder::tcpFrame(QStringLiteral("192.168.1.2"), 40000, QStringLiteral("10.1.2.3"), 443,
                                                           tcpflags::Ack | tcpflags::Rst));
        PacketExpert x;
        x.tcp = TcpFastRetransmission | TcpZeroWindow;
        QVERIFY(match(QStringLiteral("tcp.analysis.retransmission"), seg, 1, &x)); // holds for fast ones too
        QVERIFY(match(QStringLiteral("tcp.analysis.fast_retransmission && tcp.analysis.zero_window"), seg, 1, &x));
        QVERIFY(!match(QStringLiteral("tcp.analysis.spurious_retransmission"), seg, 1, &x));
        QVERIFY(!match(QStringLiteral("tcp.analysis.duplicate_ack"), seg, 1, &x));
        QVERIFY(match(QStringLiteral("tcp.analysis.flags"), seg, 1, &x));
        QVERIFY(!match(QStringLiteral("tcp.analysis.flags"), seg, 1, nullptr));
        QVERIFY(match(QStringLiteral("tcp.flags.reset==1"), seg));
        QVERIFY(!match(QStringLiteral("tcp.flags.syn==1"), seg));
        const Decoded answer = decode(PacketBuilder::udpFrame(QStringLiteral("10.0.0.53"), 53, QStringLiteral("10.0.0.5"), 5353,
                                                              PacketBuilder::dnsResponse(7, QStringLiteral("example.com"), 3)));
        PacketExpert t;
        t.dnsTimeNs = 750000000;
        QVERIFY(match(QStringLiteral("dns.time > 0.5"), answer, 1, &t));
        QVERIFY(!match(QStringLiteral("dns.time > 1"), answer, 1, &t));
        QVERIFY(match(QStringLiteral("dns.time"), answer, 1, &t));
        QVERIFY(!match(QStringLiteral("http.time"), answer, 1, &t));
        QVERIFY(match(QStringLiteral("dns.flags.rcode==3"), answer));
        QVERIFY(!match(QStringLiteral("dns.time"), answer)); // no analysis: no generated fields
    }

    // The packet's anomalies (filled by the analysis' anomaly log): kind,
    // protocol and detail as the report's table names them; _ws.malformed.
    void anomalyFields()
    {
        Decoded synFin = decode(PacketBuilder::tcpFrame(QStringLiteral("10.0.0.9"), 5555, QStringLiteral("10.0.0.10"), 80,
                                                        tcpflags::Syn | tcpflags::Fin));
        PacketExpert x;
        x.anomalies = packetAnomalies(synFin.d, 1);
        QCOMPARE(x.anomalies.kinds, uint16_t(AnomalyTcpBadFlags));
        x.anomalies.kinds |= AnomalyTimestampOutOfOrder;
        QVERIFY(match(QStringLiteral("packetlens.anomaly"), synFin, 1, &x));
        QVERIFY(match(QStringLiteral("packetlens.anomaly == \"tcp_bad_flags\""), synFin, 1, &x));
        QVERIFY(match(QStringLiteral("packetlens.anomaly == \"timestamp_out_of_order\""), synFin, 1, &x));
        QVERIFY(!match(QStringLiteral("packetlens.anomaly == \"malformed\""), synFin, 1, &x));
        QVERIFY(match(QStringLiteral("packetlens.anomaly != \"malformed\""), synFin, 1, &x));
        QVERIFY(!match(QStringLiteral("packetlens.anomaly != \"tcp_bad_flags\""), synFin, 1, &x)); // none may be equal
        QVERIFY(match(QStringLiteral("packetlens.anomaly.detail == \"SYN and FIN set together\""), synFin, 1, &x));
        QVERIFY(match(QStringLiteral("packetlens.anomaly.detail contains \"older\""), synFin, 1, &x));
        QVERIFY(match(QStringLiteral("packetlens.anomaly.protocol == \"frame\" && packetlens.anomaly.protocol == tcp"), synFin, 1, &x));
        QVERIFY(!match(QStringLiteral("_ws.malformed"), synFin, 1, &x));
        QVERIFY(!match(QStringLiteral("packetlens.anomaly"), synFin)); // no analysis: no generated fields

        QByteArray cut = PacketBuilder::tcpFrame(QStringLiteral("10.0.0.9"), 5555, QStringLiteral("10.0.0.10"), 80, tcpflags::Ack);
        cut.chop(10); // the TCP header cut short
        const Decoded bad = decode(cut);
        QVERIFY(bad.d.malformed);
        PacketExpert m;
        m.anomalies = packetAnomalies(bad.d, 1);
        QVERIFY(match(QStringLiteral("_ws.malformed"), bad, 1, &m));
        QVERIFY(match(QStringLiteral("packetlens.anomaly == malformed && packetlens.anomaly.protocol == %1")
                          .arg(QLatin1String(protoName(bad.d.malformedAt))),
                      bad, 1, &m));
        const QString detail = QString::fromLatin1(bad.d.malformedReason);
        QVERIFY(!detail.isEmpty());
        QVERIFY(match(QStringLiteral("packetlens.anomaly.detail == \"%1\"").arg(detail), bad, 1, &m));
        // Flags of a header cut short are not "no flags" (a NULL scan).
        QCOMPARE(m.anomalies.kinds, uint16_t(AnomalyMalformed));
        QVERIFY(!match(QStringLiteral("packetlens.anomaly == tcp_bad_flags"), bad, 1, &m));
    }

    // tcp.stream (as the viewer numbered it) and the Protocol column (the top
    // protocol the list shows: what a dashboard slice counts).
    void streamAndProtocolColumn()
    {
        const Decoded syn = decode(PacketBuilder::tcpFrame(QStringLiteral("192.168.1.2"), 40000, QStringLiteral("10.1.2.3"), 443,
                                                           tcpflags::Syn));
        const Decoded dns = decode(PacketBuilder::udpFrame(QStringLiteral("10.0.0.5"), 5353, QStringLiteral("10.0.0.53"), 53,
                                                           PacketBuilder::dnsQuery(7, QStringLiteral("example.com"))));
        auto matchWith = [](const QString &filter, const Decoded &x, int64_t stream, int top) {
            const DisplayFilter f = DisplayFilter::parse(filter);
            return f.isValid() && f.matches({&x.d, 1, uint32_t(x.bytes.size()), &x.info, nullptr, stream, top});
        };
        QVERIFY(matchWith(QStringLiteral("tcp.stream eq 4"), syn, 4, -1));
        QVERIFY(!matchWith(QStringLiteral("tcp.stream == 3"), syn, 4, -1));
        QVERIFY(!matchWith(QStringLiteral("tcp.stream == 0"), dns, -1, -1));
        QVERIFY(matchWith(QStringLiteral("_ws.col.protocol == \"tcp\""), syn, 0, -1));
        QVERIFY(matchWith(QStringLiteral("_ws.col.Protocol == DNS"), dns, -1, -1));
        QVERIFY(!matchWith(QStringLiteral("_ws.col.protocol == \"udp\""), dns, -1, -1)); // its top protocol is dns
        QVERIFY(matchWith(QStringLiteral("_ws.col.protocol == \"udp\""), dns, -1, int(Proto::Udp))); // as the list counted it
        QVERIFY(matchWith(QStringLiteral("_ws.col.protocol != \"tcp\""), dns, -1, -1));
        QVERIFY(!DisplayFilter::parse(QStringLiteral("_ws.col.protocol > 3")).isValid());
    }

    // The application fields the DNS/HTTP/TLS summary's rows filter on.
    void applicationFields()
    {
        const Decoded query = decode(PacketBuilder::udpFrame(QStringLiteral("10.0.0.5"), 5353, QStringLiteral("10.0.0.53"), 53,
                                                             PacketBuilder::dnsQuery(7, QStringLiteral("example.com"), 28)));
        QVERIFY(match(QStringLiteral("dns.qry.name == \"example.com\""), query));
        QVERIFY(match(QStringLiteral("dns.qry.name == \"Example.COM\""), query)); // names compare without case
        QVERIFY(match(QStringLiteral("dns.qry.name == example.com"), query));
        QVERIFY(!match(QStringLiteral("dns.qry.name == \"example.org\""), query));
        QVERIFY(match(QStringLiteral("dns.qry.name contains \"ample\""), query));
        QVERIFY(match(QStringLiteral("dns.qry.name != \"example.org\""), query));
        QVERIFY(match(QStringLiteral("dns.qry.name"), query));
        QVERIFY(match(QStringLiteral("dns.flags.response == 0 && dns.qry.type == 28"), query));
        QVERIFY(!match(QStringLiteral("dns.flags.response == 1"), query));
        const Decoded answer = decode(PacketBuilder::udpFrame(QStringLiteral("10.0.0.53"), 53, QStringLiteral("10.0.0.5"), 5353,
                                                              PacketBuilder::dnsResponse(7, QStringLiteral("nx.example"), 3)));
        QVERIFY(match(QStringLiteral("dns.flags.response == 1 && dns.flags.rcode == 3 && dns.qry.name == \"nx.example\""), answer));

        const QByteArray request = "GET /x HTTP/1.1\r\nHost: Web.Example\r\nUser-Agent: Fetch \"quoted\" \\ 1.0\r\n\r\n";
        const Decoded http = decode(PacketBuilder::tcpFrame(QStringLiteral("10.0.0.5"), 40000, QStringLiteral("10.0.0.80"), 80,
                                                            tcpflags::Ack | tcpflags::Psh, 1, 1, request));
        QVERIFY(match(QStringLiteral("http.request.method == \"GET\""), http));
        QVERIFY(!match(QStringLiteral("http.request.method == \"get\""), http)); // methods keep their case
        QVERIFY(match(QStringLiteral("http.host == \"web.example\""), http));
        QVERIFY(match(QStringLiteral("http.user_agent == \"Fetch \\\"quoted\\\" \\\\ 1.0\""), http)); // \" and \\ escapes
        QVERIFY(match(QStringLiteral("http.user_agent contains \"Fetch\""), http));
        QVERIFY(!match(QStringLiteral("http.response.code"), http));
        Decoded again = http;
        again.d.tcpRetransmission = true; // a retransmission is not dissected as HTTP again
        QVERIFY(!match(QStringLiteral("http.host"), again));

        const Decoded hello = decode(PacketBuilder::tcpFrame(QStringLiteral("10.0.0.5"), 40001, QStringLiteral("10.0.0.44"), 443,
                                                             tcpflags::Ack | tcpflags::Psh, 1, 1,
                                                             PacketBuilder::tlsClientHello(QStringLiteral("sni.example"))));
        QVERIFY(match(QStringLiteral("tls.handshake.extensions_server_name == \"sni.example\""), hello));
        QVERIFY(match(QStringLiteral("tls.handshake.type == 1"), hello));
        QVERIFY(!match(QStringLiteral("tls.handshake.type == 2"), hello));
        QVERIFY(match(QStringLiteral("tls.handshake.version"), hello));
        QVERIFY(!match(QStringLiteral("dns.qry.name"), hello));
    }

    void emptyMatchesAll()
    {
        const DisplayFilter f = DisplayFilter::parse(QStringLiteral("   "));
        QVERIFY(f.isValid());
        QVERIFY(f.isEmpty());
    }

    void errors_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("reason");
        QTest::newRow("no value") << "ip.addr==" << "needs a value";
        QTest::newRow("bad ip") << "ip.addr==10.0.0.300" << "not an IP address";
        QTest::newRow("bad prefix") << "ip.src==10.0.0.0/40" << "invalid prefix";
        QTest::newRow("bad port") << "tcp.port==abc" << "not a valid port";
        QTest::newRow("port range") << "udp.port==70000" << "not a valid port";
        QTest::newRow("unknown word") << "foo" << "neither a protocol nor a field";
        QTest::newRow("no operator") << "tcp.port 80" << "needs a comparison";
        QTest::newRow("dangling and") << "tcp &&" << "ends too early";
        QTest::newRow("open paren") << "(tcp || udp" << "missing \")\"";
        QTest::newRow("open quote") << "\"abc" << "missing closing quote";
        QTest::newRow("ip order") << "ip.addr>10.0.0.1" << "compared with == or !=";
        QTest::newRow("trailing") << "tcp udp" << "unexpected";
        QTest::newRow("set") << "frame.number in {1 x}" << "not a number";
        QTest::newRow("text order") << "http.host > \"a\"" << "compared with ==, != or contains";
        QTest::newRow("text quote") << "http.host == \"a" << "missing closing quote";
        QTest::newRow("too deep") << QString(2836, QLatin1Char('(')) + QStringLiteral("tcp") << "nested more than 64 levels";
        QTest::newRow("too many nots") << QString(100, QLatin1Char('!')) + QStringLiteral("tcp") << "nested more than 64 levels";
        QStringList terms(1100, QStringLiteral("tcp"));
        QTest::newRow("too many operators") << terms.join(QStringLiteral(" || ")) << "more than 1024";
    }

    // The limits leave room for any filter a person writes.
    void nestingWithinLimits()
    {
        const QString deep = QString(64, QLatin1Char('(')) + QStringLiteral("tcp") + QString(64, QLatin1Char(')'));
        QVERIFY2(DisplayFilter::parse(deep).isValid(), qPrintable(DisplayFilter::parse(deep).error()));
        QStringList terms(1000, QStringLiteral("tcp.port == 80"));
        const DisplayFilter many = DisplayFilter::parse(terms.join(QStringLiteral(" or ")));
        QVERIFY2(many.isValid(), qPrintable(many.error()));
    }
    void errors()
    {
        QFETCH(QString, filter);
        QFETCH(QString, reason);
        const DisplayFilter f = DisplayFilter::parse(filter);
        QVERIFY2(!f.isValid(), qPrintable(filter));
        QVERIFY2(f.error().contains(reason), qPrintable(f.error()));
        QVERIFY2(f.error().startsWith(QStringLiteral("at ")), qPrintable(f.error())); // says where
    }
};

QTEST_GUILESS_MAIN(TstDisplayFilter)
#include "tst_displayfilter.moc"
