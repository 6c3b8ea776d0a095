// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario tests of ArpSpoofDetector: the attack, and benign look-alikes that must
// not fire at medium or above.
#include "support/scenario.h"

#include <QJsonDocument>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

class TestArpSpoofDetector : public QObject
{
    Q_OBJECT
private slots:
    void arpSpoofing()
    {
        Scenario s;
        const QByteArray real = PB::mac(1), evil = PB::mac(66), victim = PB::mac(7);
        for (int i = 0; i < 20; ++i) {
            // the gateway answers a request
            s.add(PB::ethernet(PB::arp(1, victim, "10.0.0.7", QByteArray(6, '\0'), "10.0.0.1"), 0x0806, victim, QByteArray(6, '\xff')), kS);
            s.add(PB::ethernet(PB::arp(2, real, "10.0.0.1", victim, "10.0.0.7"), 0x0806, real, victim));
            // the attacker keeps telling the victim it is the gateway
            s.add(PB::ethernet(PB::arp(2, evil, "10.0.0.1", victim, "10.0.0.7"), 0x0806, evil, victim), 500000000);
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("arp_spoofing"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("02:00:00:00:00:42"));
        QCOMPARE(f[0].value(QStringLiteral("severity")).toString(), QStringLiteral("high"));
        // A MAC is not an IP: no suspicious_ips entry for it.
        QVERIFY(s.report.value(QStringLiteral("suspicious_ips")).toArray().isEmpty());
    }

    // One MAC spoofing two addresses is one finding naming both; the second
    // is said in the summary as "also claimed" (and, as every scenario's,
    // checked to render whole in Russian too).
    void oneSpooferOfTwoAddresses()
    {
        Scenario s;
        const QByteArray gw = PB::mac(1), dns = PB::mac(2), evil = PB::mac(66), victim = PB::mac(7);
        for (int i = 0; i < 20; ++i) {
            s.add(PB::ethernet(PB::arp(2, gw, "10.0.0.1", victim, "10.0.0.7"), 0x0806, gw, victim), kS);
            s.add(PB::ethernet(PB::arp(2, dns, "10.0.0.53", victim, "10.0.0.7"), 0x0806, dns, victim));
            s.add(PB::ethernet(PB::arp(2, evil, "10.0.0.1", victim, "10.0.0.7"), 0x0806, evil, victim), 500000000);
            s.add(PB::ethernet(PB::arp(2, evil, "10.0.0.53", victim, "10.0.0.7"), 0x0806, evil, victim));
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("arp_spoofing"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("targets")).toArray().size(), 2);
        const QString summary = f[0].value(QStringLiteral("summary")).toString();
        QVERIFY2(summary.contains(QLatin1String("; also claimed 10.0.0.")), qPrintable(summary));
        const QString said = renderMessage(Message::fromJson(f[0].value(QStringLiteral("summary_message"))), QStringLiteral("ru"));
        QVERIFY2(said.contains(QStringLiteral("; также заявил 10.0.0.")), qPrintable(said));
    }

    // A man in the middle: unsolicited ARP replies claiming the gateway, and
    // remote addresses delivered by its MAC as well as the gateway's. Enough
    // remote addresses to make the relay table grow, and DHCP clients
    // (source 0.0.0.0, two MACs) that must not be mistaken for relays of them.
    void arpRelayManInTheMiddle()
    {
        Scenario s;
        const QByteArray gw = PB::mac(1), evil = PB::mac(66), victim = PB::mac(7);
        auto udpFrom = [](const QString &src, const QString &dst, uint16_t sport, uint16_t dport, const QByteArray &srcMac,
                          const QByteArray &dstMac) {
            return PB::ethernet(PB::ipv4(PB::udp(sport, dport, QByteArray(40, 'x')), 17, src, dst), 0x0800, srcMac, dstMac);
        };
        for (int c = 90; c < 92; ++c) // DHCP discover from two clients
            s.add(udpFrom(QStringLiteral("0.0.0.0"), QStringLiteral("255.255.255.255"), 68, 67, PB::mac(c),
                          QByteArray(6, '\xff')));
        const int remotes = 700;
        auto remote = [](int i) { return QStringLiteral("93.184.%1.%2").arg(i / 200).arg(1 + i % 200); };
        for (int i = 0; i < remotes; ++i) // the real gateway delivers
            s.add(udpFrom(remote(i), QStringLiteral("10.0.0.7"), 443, 50000, gw, victim));
        for (int i = 0; i < 5; ++i) // the attacker poisons the victim's cache
            s.add(PB::ethernet(PB::arp(2, evil, "10.0.0.1", victim, "10.0.0.7"), 0x0806, evil, victim), kS);
        for (int i = 0; i < 30; ++i) // and now delivers the same remote traffic
            s.add(udpFrom(remote(i), QStringLiteral("10.0.0.7"), 443, 50000, evil, victim));
        // A damaged frame (one remote address from a MAC that delivers nothing
        // else) is not a third relay.
        s.add(udpFrom(remote(40), QStringLiteral("10.0.0.7"), 443, 50000, PB::mac(77), victim));
        s.finish();
        const auto f = s.findings(QStringLiteral("arp_spoofing"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("02:00:00:00:00:42"));
        QCOMPARE(f[0].value(QStringLiteral("severity")).toString(), QStringLiteral("high"));
        const QJsonObject m = f[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject();
        QCOMPARE(m.value(QStringLiteral("relayed_remote_addresses")).toInt(), 30);
        QCOMPARE(m.value(QStringLiteral("other_macs")).toArray(), QJsonArray{QStringLiteral("02:00:00:00:00:01")});
    }

    // A damaged ARP reply (its sender MAC differs from the frame's source, seen
    // once) is not a second host claiming the address; a spoofer sending one
    // reply from its own MAC still is.
    void damagedArpIsNotASecondClaimant()
    {
        Scenario s;
        const QByteArray host = PB::mac(2), router = PB::mac(1), spoofer = PB::mac(66);
        for (int i = 0; i < 6; ++i) {
            s.add(PB::ethernet(PB::arp(1, router, "10.0.0.1", QByteArray(6, '\0'), "10.0.0.2"), 0x0806, router,
                               QByteArray(6, '\xff')), kS);
            QByteArray sender = host;
            if (i == 3)
                sender[4] = char(0x6e); // one bit-flipped copy of the host's MAC inside the ARP body
            s.add(PB::ethernet(PB::arp(2, sender, "10.0.0.2", router, "10.0.0.1"), 0x0806, host, router), 1000000);
        }
        s.finish();
        QVERIFY(s.findings(QStringLiteral("arp_spoofing")).isEmpty());

        Scenario t;
        for (int i = 0; i < 6; ++i) {
            t.add(PB::ethernet(PB::arp(1, router, "10.0.0.1", QByteArray(6, '\0'), "10.0.0.2"), 0x0806, router,
                               QByteArray(6, '\xff')), kS);
            t.add(PB::ethernet(PB::arp(2, host, "10.0.0.2", router, "10.0.0.1"), 0x0806, host, router), 1000000);
            if (i == 3)
                t.add(PB::ethernet(PB::arp(2, spoofer, "10.0.0.2", router, "10.0.0.1"), 0x0806, spoofer, router), 1000);
        }
        t.finish();
        const auto f = t.findings(QStringLiteral("arp_spoofing"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("02:00:00:00:00:42"));
    }

    // A storm of ARP replies from random MACs all claiming one address (a
    // poisoning tool gone wild, or MAC flooding): the detector keeps a few
    // claimants per address and counts the rest, and the repeating spoofer
    // among them is still the one reported. Before, every MAC was kept and
    // listed: hundreds of MACs in one summary, memory growing with packets.
    void stormOfMacsIsBoundedAndCounted()
    {
        Scenario s;
        const QByteArray gw = PB::mac(1), evil = PB::mac(66), victim = PB::mac(7);
        const int storm = 3000;
        for (int i = 0; i < storm; ++i) {
            if (i % 100 == 0) { // the gateway answers now and then; the spoofer repeats itself
                s.add(PB::ethernet(PB::arp(2, gw, "10.0.0.1", victim, "10.0.0.7"), 0x0806, gw, victim), 1000000);
                s.add(PB::ethernet(PB::arp(2, evil, "10.0.0.1", victim, "10.0.0.7"), 0x0806, evil, victim), 1000000);
            }
            const QByteArray random = PB::mac(0x1000 + i);
            s.add(PB::ethernet(PB::arp(2, random, "10.0.0.1", victim, "10.0.0.7"), 0x0806, random, victim), 1000000);
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("arp_spoofing"));
        QVERIFY(!f.isEmpty());
        QJsonObject claim;
        for (const QJsonObject &x : f)
            if (x.value(QStringLiteral("targets")).toArray().contains(QStringLiteral("10.0.0.1"))
                && x.value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject().contains(QStringLiteral("claimants")))
                claim = x;
        QVERIFY2(!claim.isEmpty(), "no finding for the claimed address");
        const QJsonObject m = claim.value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject();
        // every claimant counted (the gateway, the spoofer, the storm), few listed
        QVERIFY2(m.value(QStringLiteral("claimants")).toInt() >= storm, qPrintable(QString::number(m.value(QStringLiteral("claimants")).toInt())));
        QVERIFY(m.value(QStringLiteral("other_macs")).toArray().size() <= 7);
        QVERIFY(m.value(QStringLiteral("other_macs")).toArray().contains(QStringLiteral("02:00:00:00:00:01")));
        const QString summary = claim.value(QStringLiteral("summary")).toString();
        QVERIFY2(summary.size() < 400 && summary.contains(QLatin1String(" more")), qPrintable(summary));
        const QString said = renderMessage(Message::fromJson(claim.value(QStringLiteral("summary_message"))), QStringLiteral("ru"));
        QVERIFY2(said.contains(QStringLiteral(" и ещё ")), qPrintable(said));
        // the spoofer, who kept coming back, is among the claimants kept
        bool spooferSeen = claim.value(QStringLiteral("source")).toString() == QLatin1String("02:00:00:00:00:42")
                           || m.value(QStringLiteral("other_macs")).toArray().contains(QStringLiteral("02:00:00:00:00:42"));
        QVERIFY(spooferSeen);
    }

    // One MAC claiming a whole subnet: one finding, its first 50 addresses
    // listed, every address counted.
    void spooferOfASubnetIsListedWithinBounds()
    {
        Scenario s;
        const QByteArray evil = PB::mac(66), victim = PB::mac(7);
        const int addresses = 200;
        for (int round = 0; round < 2; ++round)
            for (int i = 0; i < addresses; ++i) {
                const QString ip = QStringLiteral("10.1.%1.%2").arg(i / 250).arg(1 + i % 250);
                const QByteArray owner = PB::mac(0x100 + i);
                s.add(PB::ethernet(PB::arp(2, owner, ip.toLatin1(), victim, "10.0.0.7"), 0x0806, owner, victim), 1000000);
                s.add(PB::ethernet(PB::arp(2, evil, ip.toLatin1(), victim, "10.0.0.7"), 0x0806, evil, victim), 1000000);
            }
        s.finish();
        const auto f = s.findings(QStringLiteral("arp_spoofing"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("02:00:00:00:00:42"));
        QCOMPARE(f[0].value(QStringLiteral("targets")).toArray().size(), 50);
        const QJsonObject m = f[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject();
        QCOMPARE(m.value(QStringLiteral("addresses_claimed")).toInt(), addresses);
        const QString summary = f[0].value(QStringLiteral("summary")).toString();
        QVERIFY2(summary.contains(QLatin1String("and 194 more")) && summary.size() < 400, qPrintable(summary));
    }

    // Gratuitous replies are judged by a sliding window over all of them:
    // a burst after hours of a device's routine announcements is found, with
    // its true count and span (before, only the first 10 000 times were kept).
    void burstAfterLongRoutineIsFound()
    {
        Scenario s;
        const QByteArray dev = PB::mac(80);
        const int routine = 10500;
        for (int i = 0; i < routine; ++i) // one gratuitous ARP every 30 s: routine
            s.add(PB::ethernet(PB::arp(2, dev, "10.0.0.80", QByteArray(6, '\xff'), "10.0.0.80"), 0x0806, dev, QByteArray(6, '\xff')),
                  30 * kS);
        for (int i = 0; i < 40; ++i) // then 40 in 4 s
            s.add(PB::ethernet(PB::arp(2, dev, "10.0.0.80", QByteArray(6, '\xff'), "10.0.0.80"), 0x0806, dev, QByteArray(6, '\xff')),
                  kS / 10);
        s.finish();
        const auto f = s.findings(QStringLiteral("arp_spoofing"));
        QCOMPARE(f.size(), 1);
        const QJsonObject m = f[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject();
        QCOMPARE(m.value(QStringLiteral("replies")).toInt(), routine + 40);
        QCOMPARE(m.value(QStringLiteral("max_in_window")).toInt(), 41); // the last routine one, 0.1 s before
        QCOMPARE(f[0].value(QStringLiteral("count")).toInt(), routine + 40);
    }

    void normalArpIsBenign()
    {
        Scenario s;
        const QByteArray gw = PB::mac(1);
        for (int h = 2; h < 60; ++h) { // hosts ask for the gateway and get an answer
            const QByteArray host = PB::mac(h);
            const QString ipH = QStringLiteral("10.0.0.%1").arg(h);
            s.add(PB::ethernet(PB::arp(1, host, ipH, QByteArray(6, '\0'), "10.0.0.1"), 0x0806, host, QByteArray(6, '\xff')), 100000000);
            s.add(PB::ethernet(PB::arp(2, gw, "10.0.0.1", host, ipH), 0x0806, gw, host));
        }
        // a host announcing itself after boot (two gratuitous ARPs) and a DHCP-style ARP probe
        s.add(PB::ethernet(PB::arp(2, PB::mac(70), "10.0.0.70", QByteArray(6, '\xff'), "10.0.0.70"), 0x0806), kS);
        s.add(PB::ethernet(PB::arp(2, PB::mac(70), "10.0.0.70", QByteArray(6, '\xff'), "10.0.0.70"), 0x0806), kS);
        s.add(PB::ethernet(PB::arp(1, PB::mac(71), "0.0.0.0", QByteArray(6, '\0'), "10.0.0.71"), 0x0806), kS);
        s.finish();
        QVERIFY2(s.mediumOrAbove().isEmpty(), qPrintable(s.mediumOrAbove()));
        QVERIFY(s.findings(QStringLiteral("arp_spoofing")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestArpSpoofDetector)
#include "tst_arpspoofdetector.moc"
