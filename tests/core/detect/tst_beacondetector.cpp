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
};

QTEST_GUILESS_MAIN(TestBeaconDetector)
#include "tst_beacondetector.moc"
