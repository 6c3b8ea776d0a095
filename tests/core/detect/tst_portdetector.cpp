// Scenario tests of PortDetector: the attack, and benign look-alikes that must
// not fire at medium or above.
#include "support/scenario.h"

#include <QJsonDocument>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

class TestPortDetector : public QObject
{
    Q_OBJECT
private slots:
    void suspiciousPortAndProtocolMismatch()
    {
        Scenario s;
        s.session("10.0.0.5", 40000, "203.0.113.66", 4444, QByteArray(2000, 'm'), QByteArray(20000, 'r'));
        for (int p = 4440; p < 4450; ++p) // a scan touching 4444 is not a backdoor session
            s.add(PB::tcpFrame("10.0.0.99", 50000, "10.0.0.98", uint16_t(p), Syn, 1));
        s.session("10.0.0.6", 40001, "10.0.0.9", 22, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        s.session("10.0.0.6", 40002, "10.0.0.9", 8080, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        s.finish();
        const auto sp = s.findings(QStringLiteral("suspicious_port"));
        QCOMPARE(sp.size(), 1);
        QCOMPARE(sp[0].value(QStringLiteral("source")).toString(), QStringLiteral("10.0.0.5"));
        const auto pm = s.findings(QStringLiteral("protocol_mismatch"));
        QCOMPARE(pm.size(), 1);
        QCOMPARE(pm[0].value(QStringLiteral("ports")).toArray().first().toInt(), 22);
    }
};

QTEST_GUILESS_MAIN(TestPortDetector)
#include "tst_portdetector.moc"
