// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario tests of PortScanDetector: the attack, and benign look-alikes that must
// not fire at medium or above.
#include "support/scenario.h"

#include <QJsonDocument>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

class TestPortScanDetector : public QObject
{
    Q_OBJECT
private slots:
    void portScanPositive()
    {
        Scenario s;
        for (int p = 1; p <= 120; ++p) {
            s.add(PB::tcpFrame("10.0.0.66", 50000, "10.0.0.9", uint16_t(p), Syn, 7));
            if (p != 22)
                s.add(PB::tcpFrame("10.0.0.9", uint16_t(p), "10.0.0.66", 50000, Rst | Ack, 0, 8));
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("port_scan"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("10.0.0.66"));
        QCOMPARE(f[0].value(QStringLiteral("targets")).toArray().first().toString(), QStringLiteral("10.0.0.9"));
        QCOMPARE(f[0].value(QStringLiteral("count")).toInt(), 120);
        QCOMPARE(f[0].value(QStringLiteral("severity")).toString(), QStringLiteral("medium"));
        QCOMPARE(f[0].value(QStringLiteral("mitre_attack")).toArray().first().toString(), QStringLiteral("T1046"));
        QCOMPARE(f[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("packets")).toArray().first().toInt(), 1);
        QVERIFY(f[0].value(QStringLiteral("summary")).toString().contains(QStringLiteral("probed 120 ports")));
        QVERIFY(s.findings(QStringLiteral("syn_flood")).isEmpty());
        const QJsonArray sus = s.report.value(QStringLiteral("suspicious_ips")).toArray();
        QCOMPARE(sus.first().toObject().value(QStringLiteral("ip")).toString(), QStringLiteral("10.0.0.66"));
        QVERIFY(!s.report.value(QStringLiteral("recommendations")).toArray().isEmpty());
    }

    void xmasScan()
    {
        Scenario s;
        for (int p = 1; p <= 30; ++p)
            s.add(PB::tcpFrame("10.0.0.66", 50000, "10.0.0.9", uint16_t(p), Fin | Psh | 0x20, 7));
        s.finish();
        const auto f = s.findings(QStringLiteral("port_scan"));
        QCOMPARE(f.size(), 1);
        QVERIFY(f[0].value(QStringLiteral("summary")).toString().contains(QStringLiteral("XMAS")));
    }

    // Empty UDP probes to many ports, closed ones answered by ICMP port
    // unreachable: a UDP scan. Traceroute (UDP to 33434 and up, three a hop)
    // and a DNS client using many source ports are not.
    void udpScanButNotTraceroute()
    {
        Scenario s;
        for (int i = 0; i < 60; ++i) {
            const QByteArray ip = PB::ipv4(PB::udp(61000, uint16_t(100 + i * 11), {}), 17, "10.0.0.67", "10.0.0.9");
            s.add(PB::ethernet(ip, 0x0800), 200000000);
            if (i % 3 == 0) {
                QByteArray unreachable("\x03\x03\x00\x00\x00\x00\x00\x00", 8);
                s.add(PB::ethernet(PB::ipv4(unreachable + ip.left(28), 1, "10.0.0.9", "10.0.0.67"), 0x0800), 1000);
            }
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("port_scan"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("10.0.0.67"));
        QCOMPARE(f[0].value(QStringLiteral("count")).toInt(), 60);
        QCOMPARE(f[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject()
                     .value(QStringLiteral("scan_type")).toString(), QStringLiteral("UDP"));

        Scenario trace;
        for (int hop = 1; hop <= 30; ++hop)
            for (int k = 0; k < 3; ++k)
                trace.add(PB::udpFrame("10.0.0.5", uint16_t(40000 + hop), "93.184.216.34", uint16_t(33434 + (hop - 1) * 3 + k),
                                       QByteArray(32, '@')), 50000000);
        for (int i = 0; i < 200; ++i) { // a resolver client: one server port, many client ports
            trace.add(PB::udpFrame("10.0.0.5", uint16_t(20000 + i), "10.0.0.53", 53, PB::dnsQuery(uint16_t(i), QStringLiteral("a%1.example.org").arg(i))), 10000000);
            // LLMNR answers to queries that went to the multicast group: from
            // the service port to the asker's many ports, each unanswered (for
            // the answering host's own name: answering for 200 names would be
            // name poisoning, tst_namepoisondetector)
            trace.add(PB::udpFrame("10.0.0.8", 5355, "10.0.0.5", uint16_t(30000 + i), PB::dnsResponse(uint16_t(i), QStringLiteral("pc8"), 0, "10.0.0.8")), 1000000);
        }
        trace.finish();
        QVERIFY(trace.findings(QStringLiteral("port_scan")).isEmpty());
        QVERIFY2(trace.mediumOrAbove().isEmpty(), qPrintable(trace.mediumOrAbove()));
    }

    void manyConnectionsToOneWebServerIsBenign()
    {
        Scenario s;
        for (int i = 0; i < 300; ++i)
            s.session("10.0.0.5", uint16_t(40000 + i), "10.0.0.80", 443, "GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\n", 200000);
        s.finish();
        QVERIFY2(s.mediumOrAbove().isEmpty(), qPrintable(s.mediumOrAbove()));
        QVERIFY(s.findings(QStringLiteral("port_scan")).isEmpty());
        QVERIFY(s.findings(QStringLiteral("brute_force")).isEmpty());
    }

    // nmap -sA: bare ACKs to 100 ports, every one answered by a RST.
    void ackScan()
    {
        Scenario s;
        for (int p = 1; p <= 100; ++p) {
            s.add(PB::tcpFrame("10.0.0.66", 62000, "10.0.0.50", uint16_t(p), Ack, 1, 1));
            s.add(PB::tcpFrame("10.0.0.50", uint16_t(p), "10.0.0.66", 62000, Rst, 1));
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("port_scan"));
        QCOMPARE(f.size(), 1);
        const QJsonObject m = f[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject();
        QCOMPARE(m.value(QStringLiteral("scan_type")).toString(), QStringLiteral("ACK"));
        QCOMPARE(m.value(QStringLiteral("ack_probes")).toInt(), 100);
    }
};

QTEST_GUILESS_MAIN(TestPortScanDetector)
#include "tst_portscandetector.moc"
