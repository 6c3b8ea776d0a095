// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario tests of BeaconDetector: the attack, and benign look-alikes that must
// not fire at medium or above.
#include "support/scenario.h"

#include <QJsonDocument>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

class TestBeaconDetector : public QObject
{
    Q_OBJECT
private slots:
    void beaconingButNotNtpOrDhcp()
    {
        Scenario s;
        for (int i = 0; i < 16; ++i) {
            const int64_t jitter = (i * 7919 % 2000 - 1000) * 1000000ll; // ±1 s around 60 s
            s.at(1700000000ll * kS + i * 60 * kS + jitter);
            s.session("10.0.0.42", uint16_t(45000 + i), "203.0.113.50", 8443, "beacon", "ok");
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("beaconing"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("10.0.0.42"));
        QCOMPARE(f[0].value(QStringLiteral("ports")).toArray().first().toInt(), 8443);

        Scenario benign; // NTP every 64 s and a DHCP renewal cycle
        QByteArray ntp(48, '\0');
        ntp[0] = 0x23;
        for (int i = 0; i < 20; ++i) {
            benign.at(1700000000ll * kS + i * 64 * kS);
            benign.add(PB::udpFrame("10.0.0.42", 123, "10.0.0.123", 123, ntp));
            benign.add(PB::udpFrame("10.0.0.123", 123, "10.0.0.42", 123, ntp));
            QByteArray dhcp(240, '\0');
            dhcp[0] = 1;
            benign.add(PB::udpFrame("10.0.0.42", 68, "10.0.0.1", 67, dhcp), 2 * kS);
            dhcp[0] = 2;
            benign.add(PB::udpFrame("10.0.0.1", 67, "10.0.0.42", 68, dhcp));
        }
        benign.finish();
        QVERIFY2(benign.mediumOrAbove().isEmpty(), qPrintable(benign.mediumOrAbove()));
        QVERIFY(benign.findings(QStringLiteral("beaconing")).isEmpty());
    }

    // The same timer to a peer on this host, to a tunnel's keep-alive port or
    // inside the network: never medium (loopback never at all).
    void localAndKeepAliveTimersAreNotC2()
    {
        auto every = [](Scenario &s, const QString &src, const QString &dst, uint16_t port, bool udp) {
            for (int i = 0; i < 16; ++i) {
                s.at(1700000000ll * kS + i * 30 * kS);
                if (udp)
                    s.add(PB::udpFrame(src, 40000, dst, port, QByteArray(60, 'k')));
                else
                    s.session(src, uint16_t(45000 + i), dst, port, "ping", "pong");
            }
        };
        Scenario loop;
        every(loop, "127.0.0.1", "127.0.0.1", 7410, true);
        every(loop, "127.0.0.1", "127.0.0.1", 9999, false);
        loop.finish();
        QVERIFY(loop.findings(QStringLiteral("beaconing")).isEmpty());

        Scenario tunnel;
        every(tunnel, "10.0.0.42", "198.51.100.7", 4500, true);  // IPsec NAT-T keep-alive
        every(tunnel, "10.0.0.42", "198.51.100.8", 7351, true);  // Meraki cloud tunnel
        tunnel.finish();
        QVERIFY(tunnel.findings(QStringLiteral("beaconing")).isEmpty());

        Scenario inside;
        every(inside, "10.0.0.42", "10.0.9.10", 12380, true);
        inside.finish();
        const auto f = inside.findings(QStringLiteral("beaconing"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("severity")).toString(), QStringLiteral("low"));
    }

    // Five hosts checking in with one server on the same timer are a fleet of
    // agents (low); one host alone to the outside stays medium or more.
    void fleetCheckInIsLow()
    {
        Scenario s;
        for (int host = 1; host <= 5; ++host)
            for (int i = 0; i < 16; ++i) {
                s.at(1700000000ll * kS + i * 60 * kS + host * kS);
                s.session(QStringLiteral("10.0.1.%1").arg(host), uint16_t(45000 + i), "203.0.113.80", 8443, "hello", "ok");
            }
        s.finish();
        const auto f = s.findings(QStringLiteral("beaconing"));
        QCOMPARE(f.size(), 5);
        for (const auto &x : f)
            QCOMPARE(x.value(QStringLiteral("severity")).toString(), QStringLiteral("low"));
    }
};

QTEST_GUILESS_MAIN(TestBeaconDetector)
#include "tst_beacondetector.moc"
