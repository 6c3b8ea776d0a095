// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario tests of HostSweepDetector: the attack, and benign look-alikes that must
// not fire at medium or above.
#include "support/scenario.h"

#include <QJsonDocument>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

class TestHostSweepDetector : public QObject
{
    Q_OBJECT
private slots:
    void hostSweepTcpAndArp()
    {
        Scenario s;
        for (int h = 1; h <= 60; ++h)
            s.add(PB::tcpFrame("10.0.0.66", 50000, QStringLiteral("10.0.1.%1").arg(h), 445, Syn, 7));
        for (int h = 1; h <= 100; ++h)
            s.add(PB::ethernet(PB::arp(1, PB::mac(66), "10.0.2.66", QByteArray(6, '\0'), QStringLiteral("10.0.2.%1").arg(h + 100)), 0x0806));
        s.finish();
        const auto f = s.findings(QStringLiteral("host_sweep"));
        QCOMPARE(f.size(), 2);
        QStringList sources;
        for (const auto &x : f)
            sources << x.value(QStringLiteral("source")).toString();
        QVERIFY(sources.contains(QStringLiteral("10.0.0.66")));
        QVERIFY(sources.contains(QStringLiteral("10.0.2.66")));
    }

    void browsingManyServersIsBenign()
    {
        Scenario s;
        for (int h = 1; h <= 60; ++h)
            s.session("10.0.0.5", uint16_t(40000 + h), QStringLiteral("93.184.%1.10").arg(h), 443, "x", "y", 100000);
        s.finish();
        QVERIFY2(s.mediumOrAbove().isEmpty(), qPrintable(s.mediumOrAbove()));
    }

    // nmap -PA: bare ACKs to port 80 of 40 hosts, half answered by RST. Beside
    // it, a host whose 30 idle connections send keep-alives (answered by ACKs)
    // when the capture starts is no sweep.
    void ackPingSweepButNotKeepAlives()
    {
        Scenario s;
        for (int h = 1; h <= 40; ++h) {
            const QString target = QStringLiteral("10.0.5.%1").arg(h);
            s.add(PB::tcpFrame("10.0.0.66", 61000, target, 80, Ack, 1, 1));
            if (h % 2)
                s.add(PB::tcpFrame(target, 80, "10.0.0.66", 61000, Rst, 1));
        }
        for (int h = 1; h <= 30; ++h) {
            const QString server = QStringLiteral("93.184.%1.10").arg(h);
            s.add(PB::tcpFrame("10.0.0.5", uint16_t(50000 + h), server, 443, Ack, 999, 500));
            s.add(PB::tcpFrame(server, 443, "10.0.0.5", uint16_t(50000 + h), Ack, 500, 1000));
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("host_sweep"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("10.0.0.66"));
        const QJsonObject m = f[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject();
        QCOMPARE(m.value(QStringLiteral("method")).toString(), QStringLiteral("tcp-ack"));
        QCOMPARE(m.value(QStringLiteral("hosts_counted")).toInt(), 40);
    }

    // nmap -PU: small datagrams to port 40125 across a /24, no UDP answer. A
    // peer-to-peer client trying 60 peers spread over the Internet (most gone)
    // is no sweep.
    void udpPingSweepButNotPeerToPeer()
    {
        Scenario s;
        for (int h = 1; h <= 60; ++h)
            s.add(PB::udpFrame("10.0.3.66", 53000, QStringLiteral("10.0.4.%1").arg(h), 40125, QByteArray()));
        for (int h = 1; h <= 60; ++h)
            s.add(PB::udpFrame("10.0.0.9", 6346, QStringLiteral("%1.%2.7.%3").arg(20 + h * 3).arg(h * 37 % 250).arg(h),
                               6346, QByteArray(23, 'g')), 5 * kS);
        s.finish();
        const auto f = s.findings(QStringLiteral("host_sweep"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("10.0.3.66"));
        QCOMPARE(f[0].value(QStringLiteral("ports")).toArray(), QJsonArray{40125});
        const QJsonObject m = f[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject();
        QCOMPARE(m.value(QStringLiteral("method")).toString(), QStringLiteral("udp"));
    }

    // nmap -PP: ICMP timestamp requests to 30 hosts.
    void icmpTimestampSweep()
    {
        Scenario s;
        for (int h = 1; h <= 30; ++h) {
            QByteArray icmp(20, '\0');
            icmp[0] = 13; // timestamp request
            s.add(PB::ethernet(PB::ipv4(icmp, 1, "10.0.0.77", QStringLiteral("10.0.6.%1").arg(h)), 0x0800));
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("host_sweep"));
        QCOMPARE(f.size(), 1);
        const QJsonObject m = f[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject();
        QCOMPARE(m.value(QStringLiteral("method")).toString(), QStringLiteral("icmp-timestamp"));
        QCOMPARE(m.value(QStringLiteral("hosts_counted")).toInt(), 30);
    }
};

QTEST_GUILESS_MAIN(TestHostSweepDetector)
#include "tst_hostsweepdetector.moc"
