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
};

QTEST_GUILESS_MAIN(TestHostSweepDetector)
#include "tst_hostsweepdetector.moc"
