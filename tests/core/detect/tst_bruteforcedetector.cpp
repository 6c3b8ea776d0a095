// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario tests of BruteForceDetector: the attack, and benign look-alikes that must
// not fire at medium or above.
#include "support/scenario.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

class TestBruteForceDetector : public QObject
{
    Q_OBJECT
private slots:
    void bruteForceSshAndFtp()
    {
        Scenario s;
        for (int i = 0; i < 40; ++i)
            s.session("10.0.0.66", uint16_t(41000 + i), "10.0.0.22", 22, "SSH-2.0-hydra\r\n" + QByteArray(1400, 'k'), // banner, KEXINIT
                      "SSH-2.0-OpenSSH_9.2\r\n" + QByteArray(1100, 'K'), 100000000);
        for (int i = 0; i < 35; ++i)
            s.session("10.0.0.67", uint16_t(42000 + i), "10.0.0.21", 21, "PASS guess\r\n", "530 Login incorrect.\r\n", 50000000);
        s.finish();
        const auto f = s.findings(QStringLiteral("brute_force"));
        QCOMPARE(f.size(), 2);
        QStringList sources;
        for (const auto &x : f)
            sources << x.value(QStringLiteral("source")).toString();
        QVERIFY(sources.contains(QStringLiteral("10.0.0.66")));
        QVERIFY(sources.contains(QStringLiteral("10.0.0.67")));
    }

    // The evidence is the failed logins themselves (the server's "530"
    // replies), not the connections' SYNs; SSH, which says nothing in clear
    // text, cites each short session's first packet.
    void evidenceIsTheFailedLogins()
    {
        Scenario s;
        for (int i = 0; i < 40; ++i) // 8 packets a session; the reply is the 5th
            s.session("10.0.0.67", uint16_t(42000 + i), "10.0.0.21", 21, "PASS guess\r\n", "530 Login incorrect.\r\n", 50000000);
        for (int i = 0; i < 40; ++i)
            s.session("10.0.0.66", uint16_t(41000 + i), "10.0.0.22", 22, "SSH-2.0-hydra\r\n" + QByteArray(1400, 'k'),
                      "SSH-2.0-OpenSSH_9.2\r\n" + QByteArray(1100, 'K'), 100000000);
        s.finish();
        const auto f = s.findings(QStringLiteral("brute_force"));
        QCOMPARE(f.size(), 2);
        for (const QJsonObject &x : f) {
            const QJsonArray packets = x.value(QStringLiteral("evidence")).toObject().value(QStringLiteral("packets")).toArray();
            QCOMPARE(packets.size(), 40);
            const bool ftp = x.value(QStringLiteral("source")).toString() == QLatin1String("10.0.0.67");
            for (const QJsonValue &p : packets) {
                const qint64 n = p.toInteger() - (ftp ? 0 : 320);
                QVERIFY2((n - 1) % 8 == (ftp ? 4 : 0), qPrintable(QString::number(p.toInteger())));
            }
        }
    }

    // A monitor checking the SSH port once a second (connect, read the banner,
    // leave) for a minute is no brute force; logins that go through a key
    // exchange are.
    void sshPortCheckIsNotBruteForce()
    {
        Scenario s;
        for (int i = 0; i < 60; ++i)
            s.session("10.0.0.30", uint16_t(43000 + i), "10.0.0.22", 22, {}, "SSH-2.0-OpenSSH_9.2\r\n", kS / 4);
        for (int i = 0; i < 60; ++i)
            s.session("10.0.0.31", uint16_t(44000 + i), "10.0.0.22", 22, "SSH-2.0-check_ssh\r\n", "SSH-2.0-OpenSSH_9.2\r\n", kS / 4);
        s.finish();
        QVERIFY(s.findings(QStringLiteral("brute_force")).isEmpty());
        QVERIFY2(s.mediumOrAbove().isEmpty(), qPrintable(s.mediumOrAbove()));
    }
};

QTEST_GUILESS_MAIN(TestBruteForceDetector)
#include "tst_bruteforcedetector.moc"
