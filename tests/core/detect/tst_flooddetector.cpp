// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario tests of FloodDetector: the attack, and benign look-alikes that must
// not fire at medium or above.
#include "support/scenario.h"

#include "core/report/timeformat.h"

#include <QJsonDocument>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;


namespace {
// An Ethernet/IPv4 frame carrying an ICMP message of `type` and `code`
// (errors quote a UDP header back).
QByteArray icmpFrame(const QString &src, const QString &dst, uint8_t type, uint8_t code)
{
    QByteArray icmp(8, '\0');
    icmp[0] = char(type);
    icmp[1] = char(code);
    if (type == 3 || type == 11)
        icmp += PB::ipv4(PB::udp(40000, 53, QByteArray(8, 'q')), 17, dst, src);
    return PB::ethernet(PB::ipv4(icmp, 1, src, dst), 0x0800);
}

QString spoofed(int i)
{
    return QStringLiteral("%1.%2.%3.%4").arg(11 + i % 200).arg(i / 200 % 250).arg(i / 50000 % 250).arg(i % 250 + 1);
}
} // namespace

class TestFloodDetector : public QObject
{
    Q_OBJECT
private slots:
    // One SYN to the target minutes earlier used to dilute the rate (total
    // over the whole span): the flood is judged by its busiest window, and
    // its time range and evidence are that window's.
    void floodAfterEarlyTrafficIsFound()
    {
        Scenario s;
        s.add(PB::tcpFrame("10.9.9.9", 5000, "10.0.0.80", 80, Syn, 1));
        s.at(s.ts + 300 * kS);
        const int64_t floodStart = s.ts;
        for (int i = 0; i < 20000; ++i)
            s.add(PB::tcpFrame(spoofed(i), uint16_t(1024 + i % 60000), "10.0.0.80", 80, Syn, uint32_t(i)), 200000); // 4 s
        // UDP amplification towards another victim after one earlier packet.
        s.add(PB::udpFrame("192.0.2.53", 53, "10.0.0.99", 40000, QByteArray(40, 'a')));
        s.at(s.ts + 200 * kS);
        for (int i = 0; i < 5000; ++i)
            s.add(PB::udpFrame(QStringLiteral("192.0.2.%1").arg(i % 200 + 1), 123, "10.0.0.99", uint16_t(30000 + i % 1000),
                               QByteArray(468, 'M')), 500000); // 2000/s from NTP servers
        s.finish();
        const auto syn = s.findings(QStringLiteral("syn_flood"));
        QCOMPARE(syn.size(), 1);
        QVERIFY2(syn[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject()
                         .value(QStringLiteral("rate_pps")).toDouble() >= 4000,
                 qPrintable(syn[0].value(QStringLiteral("summary")).toString()));
        int64_t first = 0;
        QVERIFY(parseIsoTimestamp(syn[0].value(QStringLiteral("first_ts")).toString(), &first));
        QVERIFY(first >= floodStart); // the peak window, not the early SYN
        const qint64 firstEvidence = syn[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("packets")).toArray().first().toInteger();
        QVERIFY(firstEvidence > 1);
        const auto udp = s.findings(QStringLiteral("udp_flood"));
        QVERIFY2(!udp.isEmpty(), qPrintable(s.mediumOrAbove()));
        QCOMPARE(udp[0].value(QStringLiteral("targets")).toArray().first().toString(), QStringLiteral("10.0.0.99"));
    }

    // Tens of thousands of sources, one packet each: the finding is about the
    // victim; no spoofed address is named or scored, and the count of
    // sources is not capped (the verdict rests on all of them).
    void spoofedFloodBlamesNoBystander()
    {
        Scenario s;
        for (int i = 0; i < 30000; ++i)
            s.add(PB::tcpFrame(spoofed(i), uint16_t(1024 + i % 60000), "10.0.0.80", 80, Syn, uint32_t(i)), 100000);
        s.finish();
        const auto f = s.findings(QStringLiteral("syn_flood"));
        QCOMPARE(f.size(), 1);
        QVERIFY(f[0].value(QStringLiteral("source")).isNull());
        QVERIFY(f[0].value(QStringLiteral("spoofed_sources")).toBool());
        const qint64 count = f[0].value(QStringLiteral("source_count")).toInteger();
        QVERIFY2(count > 20000 && count < 40000, qPrintable(QString::number(count)));
        QVERIFY(s.report.value(QStringLiteral("suspicious_ips")).toArray().isEmpty());
        // One real source carrying a real share of the flood is named.
        Scenario mixed;
        for (int i = 0; i < 20000; ++i) {
            mixed.add(PB::tcpFrame(spoofed(i), uint16_t(1024 + i % 60000), "10.0.0.80", 80, Syn, uint32_t(i)), 100000);
            if (i % 2 == 0)
                mixed.add(PB::tcpFrame("203.0.113.66", uint16_t(1024 + i / 2 % 60000), "10.0.0.80", 80, Syn, uint32_t(i)), 1000);
        }
        mixed.finish();
        const auto m = mixed.findings(QStringLiteral("syn_flood"));
        QCOMPARE(m.size(), 1);
        QCOMPARE(m[0].value(QStringLiteral("source")).toString(), QStringLiteral("203.0.113.66"));
    }

    // SYN-ACKs and RSTs from many servers to a host that sent no SYN: a
    // reflection attack on it; ICMP errors one host sends to many: the
    // backscatter of a flood aimed at it. A ping sweep's replies are neither.
    void reflectionAndBackscatter()
    {
        Scenario s;
        for (int i = 0; i < 3000; ++i) {
            const QString server = QStringLiteral("198.51.%1.%2").arg(i % 300 / 250).arg(i % 300 % 250 + 1);
            s.add(PB::tcpFrame(server, 443, "10.0.0.7", uint16_t(20000 + i), (i % 4 ? Syn | Ack : Rst), 7, uint32_t(i)), 1000000);
        }
        for (int i = 0; i < 2000; ++i)
            s.add(icmpFrame("10.0.0.53", spoofed(i), 3, 3), 2000000);
        s.finish();
        QString kinds;
        bool reflection = false, backscatter = false;
        for (const QJsonObject &f : s.findings(QStringLiteral("ddos"))) {
            const QString kind = f.value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject()
                                     .value(QStringLiteral("kind")).toString();
            kinds += kind + QLatin1Char(' ');
            const QString target = f.value(QStringLiteral("targets")).toArray().first().toString();
            reflection |= kind == QLatin1String("reflection") && target == QLatin1String("10.0.0.7");
            backscatter |= kind == QLatin1String("backscatter") && target == QLatin1String("10.0.0.53");
            QVERIFY(f.value(QStringLiteral("source")).isNull());
        }
        QVERIFY2(reflection && backscatter, qPrintable(kinds + s.mediumOrAbove()));
        QVERIFY(s.findings(QStringLiteral("icmp_flood")).isEmpty()); // errors are not echo requests
        // A ping sweep of 300 hosts, all answering: no reflection at the sweeper.
        Scenario sweep;
        for (int i = 0; i < 600; ++i) {
            const QString host = QStringLiteral("10.1.%1.%2").arg(i % 300 / 250).arg(i % 300 % 250 + 1);
            sweep.add(PB::ethernet(PB::ipv4(PB::icmpEcho(true, 1, uint16_t(i)), 1, "10.1.0.9", host), 0x0800), 1000000);
            sweep.add(PB::ethernet(PB::ipv4(PB::icmpEcho(false, 1, uint16_t(i)), 1, host, "10.1.0.9"), 0x0800), 1000);
        }
        sweep.finish();
        QVERIFY2(sweep.findings(QStringLiteral("ddos")).isEmpty(), qPrintable(sweep.mediumOrAbove()));
    }
    void synFloodSpoofed()
    {
        Scenario s;
        for (int i = 0; i < 3000; ++i) {
            const QString src = QStringLiteral("%1.%2.%3.%4").arg(11 + i % 200).arg(i / 200 % 250).arg(i % 250).arg(i % 7 + 1);
            s.add(PB::tcpFrame(src, uint16_t(1024 + i), "10.0.0.80", 80, Syn, uint32_t(i)), 200000); // 5000/s
            s.add(PB::tcpFrame("10.0.0.80", 80, src, uint16_t(1024 + i), Syn | Ack, 9, uint32_t(i + 1)), 1000);
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("syn_flood"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("targets")).toArray().first().toString(), QStringLiteral("10.0.0.80"));
        QVERIFY(f[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject()
                    .value(QStringLiteral("spoofed_sources_likely")).toBool());
        QVERIFY(QStringList({"high", "critical"}).contains(f[0].value(QStringLiteral("severity")).toString()));
    }

    // One host sending a SYN to port 22 of every address of a /23 at 300/s
    // (nmap -PS22) is a sweep; SYNs sprayed at random targets from random
    // sources are a flood.
    void synSweepIsNotASprayedFlood()
    {
        Scenario sweep;
        for (int i = 0; i < 510; ++i)
            sweep.add(PB::tcpFrame("10.99.0.1", uint16_t(40000 + i), QStringLiteral("10.98.%1.%2").arg(i / 255).arg(i % 255 + 1), 22,
                                   Syn, uint32_t(i)), 3300);
        sweep.finish();
        QVERIFY2(sweep.findings(QStringLiteral("syn_flood")).isEmpty(), qPrintable(sweep.mediumOrAbove()));
        QVERIFY2(!sweep.findings(QStringLiteral("host_sweep")).isEmpty(), qPrintable(sweep.mediumOrAbove()));

        Scenario spray;
        for (int i = 0; i < 3000; ++i)
            spray.add(PB::tcpFrame(spoofed(i), uint16_t(1024 + i % 60000), QStringLiteral("10.98.%1.%2").arg(i / 250 % 250).arg(i % 250 + 1),
                                   80, Syn, uint32_t(i)), 1000);
        spray.finish();
        const auto f = spray.findings(QStringLiteral("syn_flood"));
        QCOMPARE(f.size(), 1);
        QVERIFY(f[0].value(QStringLiteral("source")).isNull());
    }

    void cdnDownloadIsBenign()
    {
        Scenario s;
        uint32_t cs = 1, ss = 1;
        s.add(PB::tcpFrame("10.0.0.5", 40000, "151.101.1.1", 443, Syn, cs++));
        s.add(PB::tcpFrame("151.101.1.1", 443, "10.0.0.5", 40000, Syn | Ack, ss++, cs));
        for (int i = 0; i < 5000; ++i) {
            s.add(PB::tcpFrame("151.101.1.1", 443, "10.0.0.5", 40000, Ack, ss, cs, QByteArray(1400, 'd')), 20000);
            ss += 1400;
            if (i % 2)
                s.add(PB::tcpFrame("10.0.0.5", 40000, "151.101.1.1", 443, Ack, cs, ss), 1000);
        }
        // A QUIC download as well: unsolicited-looking UDP is the server answering.
        s.add(PB::udpFrame("10.0.0.5", 50000, "142.250.1.1", 443, QByteArray(1200, '\xc0')));
        for (int i = 0; i < 4000; ++i) {
            s.add(PB::udpFrame("142.250.1.1", 443, "10.0.0.5", 50000, QByteArray(1200, '\x40')), 100000);
            if (i % 10 == 0)
                s.add(PB::udpFrame("10.0.0.5", 50000, "142.250.1.1", 443, QByteArray(40, '\x40')), 1000);
        }
        s.finish();
        QVERIFY2(s.mediumOrAbove().isEmpty(), qPrintable(s.mediumOrAbove()));
    }

    void udpFloodAndBusyResolver()
    {
        Scenario flood;
        for (int i = 0; i < 3000; ++i)
            flood.add(PB::udpFrame(QStringLiteral("198.51.100.%1").arg(i % 5 + 1), uint16_t(2000 + i % 5), "10.0.0.53", 53,
                                   QByteArray(512, 'A')), 200000);
        flood.finish();
        QCOMPARE(flood.findings(QStringLiteral("udp_flood")).size(), 1);

        Scenario resolver; // many clients, every query answered
        for (int i = 0; i < 3000; ++i) {
            const QString client = ip(i % 400, i / 400);
            const QString name = QStringLiteral("host%1.example.com").arg(i % 50);
            resolver.add(PB::udpFrame(client, uint16_t(30000 + i), "10.0.0.53", 53, PB::dnsQuery(uint16_t(i), name)), 300000);
            resolver.add(PB::udpFrame("10.0.0.53", 53, client, uint16_t(30000 + i), PB::dnsResponse(uint16_t(i), name, 0, "93.184.216.34")), 50000);
        }
        resolver.finish();
        QVERIFY2(resolver.mediumOrAbove().isEmpty(), qPrintable(resolver.mediumOrAbove()));
    }

    void icmpFloodAndPing()
    {
        Scenario flood;
        for (int i = 0; i < 1000; ++i)
            flood.add(PB::ethernet(PB::ipv4(PB::icmpEcho(true, 1, uint16_t(i)), 1, "203.0.113.9", "10.0.0.7"), 0x0800), 500000);
        flood.finish();
        const auto f = flood.findings(QStringLiteral("icmp_flood"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("203.0.113.9"));

        Scenario ping;
        for (int i = 0; i < 120; ++i) {
            ping.add(PB::ethernet(PB::ipv4(PB::icmpEcho(true, 1, uint16_t(i)), 1, "10.0.0.5", "10.0.0.7"), 0x0800), kS);
            ping.add(PB::ethernet(PB::ipv4(PB::icmpEcho(false, 1, uint16_t(i)), 1, "10.0.0.7", "10.0.0.5"), 0x0800), 1000000);
        }
        ping.finish();
        QVERIFY2(ping.mediumOrAbove().isEmpty(), qPrintable(ping.mediumOrAbove()));
    }

    // A UDP flood at a medium rate to random closed ports: the victim's port
    // unreachables are its answers, not an ICMP flood of its own; a steady
    // multicast stream (IPTV) is no flood at that rate.
    void udpFloodToRandomPortsAndMulticastStream()
    {
        Scenario s;
        for (int i = 0; i < 2000; ++i) { // 600/s, 4 s, a new port each time
            const QByteArray udp = PB::udp(4444, uint16_t(1024 + (i * 7919) % 60000), QByteArray(512, 'x'));
            const QByteArray ip = PB::ipv4(udp, 17, "203.0.113.9", "10.0.0.81");
            s.add(PB::ethernet(ip, 0x0800), 1666667);
            QByteArray unreachable("\x03\x03\x00\x00\x00\x00\x00\x00", 8);
            unreachable += ip.left(28);
            s.add(PB::ethernet(PB::ipv4(unreachable, 1, "10.0.0.81", "203.0.113.9"), 0x0800), 1000);
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("udp_flood"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("203.0.113.9"));
        QCOMPARE(f[0].value(QStringLiteral("severity")).toString(), QStringLiteral("medium")); // below 1000/s
        QVERIFY(s.findings(QStringLiteral("icmp_flood")).isEmpty());
        QVERIFY(s.findings(QStringLiteral("port_scan")).isEmpty());

        Scenario iptv; // 450 packets/s of MPEG-TS to a multicast group for 20 s, nobody answers
        for (int i = 0; i < 9000; ++i)
            iptv.add(PB::udpFrame("10.0.50.5", 5000, "239.1.1.1", 5000, QByteArray(1316, 'G')), 2222222);
        iptv.finish();
        QVERIFY2(iptv.mediumOrAbove().isEmpty(), qPrintable(iptv.mediumOrAbove()));

        Scenario camera; // a camera's RTP video to a recorder, 350/s for 20 s (RTCP on other ports)
        for (int i = 0; i < 7000; ++i)
            camera.add(PB::udpFrame("10.0.60.7", 50000, "10.0.60.2", 40000, QByteArray(1200, 'V')), 2857143);
        camera.finish();
        QVERIFY2(camera.mediumOrAbove().isEmpty(), qPrintable(camera.mediumOrAbove()));

        Scenario collector; // 80 devices send syslog and NetFlow, 400/s in all, never answered
        for (int i = 0; i < 8000; ++i)
            collector.add(PB::udpFrame(QStringLiteral("10.1.%1.%2").arg(i % 80 / 40).arg(i % 40 + 1), 514, "10.0.0.30",
                                       i % 2 ? 514 : 2055, QByteArray(300, 'L')), 2500000);
        collector.finish();
        QVERIFY2(collector.mediumOrAbove().isEmpty(), qPrintable(collector.mediumOrAbove()));
    }

    // SYNs from a few hundred real sources (several each): a SYN flood and a
    // DDoS, and a source is named; a spoofed one (one SYN per source) is a
    // SYN flood only.
    // hping3 -A --flood and -F --flood: ACKs and FINs outside any
    // connection, a new source port (and here source) each packet, reset or
    // ignored by the target. Before: nothing reported (only SYN, UDP and
    // ICMP floods were counted).
    void ackAndFinFloodsAreFound()
    {
        Scenario s;
        for (int i = 0; i < 8000; ++i) { // 8000/s at 10.0.0.80:80, spoofed
            s.add(PB::tcpFrame(spoofed(i), uint16_t(1024 + i % 60000), "10.0.0.80", 80, Ack, uint32_t(i * 7919), uint32_t(i)), 125000);
            if (i % 4 == 0) // the target resets some
                s.add(PB::tcpFrame("10.0.0.80", 80, spoofed(i), uint16_t(1024 + i % 60000), Rst, uint32_t(i)), 1000);
        }
        for (int i = 0; i < 3000; ++i) // 1000/s of FINs from one host at 10.0.0.81:443
            s.add(PB::tcpFrame("10.0.0.66", uint16_t(2000 + i), "10.0.0.81", 443, Fin, uint32_t(i)), 1000000);
        s.finish();
        const auto f = s.findings(QStringLiteral("tcp_flood"));
        QCOMPARE(f.size(), 2);
        QJsonObject ack, fin;
        for (const QJsonObject &x : f)
            (x.value(QStringLiteral("targets")).toArray().first().toString() == QLatin1String("10.0.0.80") ? ack : fin) = x;
        QVERIFY(ack.value(QStringLiteral("source")).isNull()); // spoofed: nobody blamed
        QVERIFY(ack.value(QStringLiteral("spoofed_sources")).toBool());
        QCOMPARE(ack.value(QStringLiteral("severity")).toString(), QStringLiteral("high"));
        QCOMPARE(fin.value(QStringLiteral("source")).toString(), QStringLiteral("10.0.0.66"));
        QVERIFY2(fin.value(QStringLiteral("summary")).toString().contains(QLatin1String("outside any connection")),
                 qPrintable(fin.value(QStringLiteral("summary")).toString()));
    }

    // Not floods: a capture of one direction of a busy server (clients'
    // midstream segments with data, nothing back), and a capture that begins
    // while many connections are open (each a few ACKs, answered).
    void oneWayAndMidstreamCapturesAreNoTcpFlood()
    {
        Scenario s;
        for (int i = 0; i < 20000; ++i) {
            const int client = i % 2000;
            s.add(PB::tcpFrame(QStringLiteral("10.1.%1.%2").arg(client / 250).arg(client % 250 + 1), uint16_t(40000 + client), "10.0.0.90", 443,
                               Ack | Psh, uint32_t(1000 + i * 100), 1, QByteArray(100, 'd')),
                  100000);
        }
        for (int i = 0; i < 4000; ++i) {
            const QString client = QStringLiteral("10.2.%1.%2").arg(i / 250 % 250).arg(i % 250 + 1);
            s.add(PB::tcpFrame(client, uint16_t(50000 + i % 1000), "10.0.0.91", 22, Ack, uint32_t(i), 1), 100000);
            s.add(PB::tcpFrame("10.0.0.91", 22, client, uint16_t(50000 + i % 1000), Ack, 1, uint32_t(i)), 1000);
        }
        s.finish();
        QVERIFY2(s.findings(QStringLiteral("tcp_flood")).isEmpty(),
                 qPrintable(s.findings(QStringLiteral("tcp_flood")).value(0).value(QStringLiteral("summary")).toString()));
        QVERIFY2(s.mediumOrAbove().isEmpty(), qPrintable(s.mediumOrAbove()));
    }

    void synDdosFromRealSources()
    {
        Scenario s;
        for (int i = 0; i < 2400; ++i)
            s.add(PB::tcpFrame(QStringLiteral("198.18.%1.%2").arg(i % 300 / 100).arg(i % 100 + 1), uint16_t(30000 + i % 300),
                               "10.0.0.83", 443, Syn, uint32_t(i)), 3333333); // 300/s, 300 sources, 8 each
        s.finish();
        QCOMPARE(s.findings(QStringLiteral("syn_flood")).size(), 1);
        const auto d = s.findings(QStringLiteral("ddos"));
        QCOMPARE(d.size(), 1);
        QVERIFY(d[0].value(QStringLiteral("source")).toString().startsWith(QLatin1String("198.18.")));

        Scenario spoofed;
        for (int i = 0; i < 2400; ++i)
            spoofed.add(PB::tcpFrame(QStringLiteral("%1.%2.%3.%4").arg(11 + i % 200).arg(i / 200 % 250).arg(i % 7).arg(i % 250 + 1),
                                     uint16_t(1024 + i), "10.0.0.84", 80, Syn, uint32_t(i)), 3333333);
        spoofed.finish();
        const auto f = spoofed.findings(QStringLiteral("syn_flood"));
        QCOMPARE(f.size(), 1);
        QVERIFY(f[0].value(QStringLiteral("summary")).toString().contains(QLatin1String("spoofed")));
        QVERIFY(spoofed.findings(QStringLiteral("ddos")).isEmpty());
    }

    void ddosFromManySources()
    {
        Scenario s;
        for (int i = 0; i < 1500; ++i)
            s.add(PB::udpFrame(QStringLiteral("198.51.%1.%2").arg(i % 150 / 50).arg(i % 50 + 1), uint16_t(3000 + i % 150), "10.0.0.80", 80,
                               QByteArray(100, 'x')), 1600000); // ~625/s, 150 sources
        s.finish();
        const auto f = s.findings(QStringLiteral("ddos"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("targets")).toArray().first().toString(), QStringLiteral("10.0.0.80"));
    }

    void spoofedFloodStateStaysBounded()
    {
        Scenario s;
        s.det->merge(QJsonObject{{QStringLiteral("limits"), QJsonObject{{QStringLiteral("max_tracked"), 2000}}}}, nullptr);
        for (int i = 0; i < 60000; ++i) {
            const QString src = QStringLiteral("%1.%2.%3.%4").arg(11 + i % 200).arg(i / 200 % 250).arg(i / 50000 + 1).arg(i % 250 + 1);
            s.add(PB::tcpFrame(src, uint16_t(1024 + i % 60000), QStringLiteral("10.0.%1.80").arg(i % 3000 / 250), 80, Syn, uint32_t(i)), 100000);
        }
        s.finish();
        QVERIFY(!s.findings(QStringLiteral("syn_flood")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFloodDetector)
#include "tst_flooddetector.moc"
