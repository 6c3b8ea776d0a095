// Scenario tests of BruteForceDetector: the attack, and benign look-alikes that must
// not fire at medium or above.
#include "support/scenario.h"

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
            s.session("10.0.0.66", uint16_t(41000 + i), "10.0.0.22", 22, "SSH-2.0-hydra\r\n", "SSH-2.0-OpenSSH_9.2\r\n", 100000000);
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
};

QTEST_GUILESS_MAIN(TestBruteForceDetector)
#include "tst_bruteforcedetector.moc"
