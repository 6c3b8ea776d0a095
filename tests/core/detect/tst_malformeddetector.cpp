// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario tests of MalformedDetector: the attack, and benign look-alikes that must
// not fire at medium or above.
#include "support/scenario.h"

#include <QJsonDocument>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

class TestMalformedDetector : public QObject
{
    Q_OBJECT
private slots:
    void malformedAndLand()
    {
        Scenario s;
        s.add(PB::tcpFrame("10.0.0.5", 139, "10.0.0.5", 139, Syn));
        QByteArray bad = PB::dnsQuery(1, "a.example");
        bad[12] = char(0xc0);
        bad[13] = char(0x40);
        for (int i = 0; i < 10; ++i)
            s.add(PB::udpFrame("10.0.0.6", 5000, "10.0.0.53", 53, bad));
        s.finish();
        const auto f = s.findings(QStringLiteral("malformed_traffic"));
        QCOMPARE(f.size(), 2);
        QCOMPARE(f[0].value(QStringLiteral("severity")).toString(), QStringLiteral("high")); // the land attack sorts first
    }
};

QTEST_GUILESS_MAIN(TestMalformedDetector)
#include "tst_malformeddetector.moc"
