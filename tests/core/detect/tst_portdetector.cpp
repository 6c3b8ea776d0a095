// SPDX-License-Identifier: GPL-3.0-or-later
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

    // A capture that starts after the handshake: a shell driven over 4444
    // (two-way data, no SYN) is found and high; the port alone elsewhere is
    // policy information (low to the outside, info inside or on loopback), and
    // TLS on 3389 is how RDP secures itself, not a mismatch.
    void backdoorMidStreamAndPortOnlyIsLow()
    {
        Scenario s;
        s.add(PB::tcpFrame("203.0.113.66", 4444, "10.0.0.5", 51000, Psh | Ack, 100, 200, "id\n"));
        s.add(PB::tcpFrame("10.0.0.5", 51000, "203.0.113.66", 4444, Psh | Ack, 200, 103, "uid=0(root) gid=0(root) groups=0(root)\n"));
        s.add(PB::tcpFrame("203.0.113.66", 4444, "10.0.0.5", 51000, Psh | Ack, 103, 240, "cat /etc/shadow\n"));
        s.session("10.0.0.6", 40001, "198.51.100.9", 9001, PB::tlsClientHello({}), QByteArray(3000, 't'));
        s.session("10.0.0.7", 40002, "10.0.0.8", 31337, "GET / HTTP/1.1\r\nHost: toni.lan:31337\r\n\r\n", QByteArray(2000, 'h'));
        s.session("127.0.0.1", 40003, "127.0.0.1", 1234, PB::tlsClientHello("test.lan"), QByteArray(12000, 'v'));
        s.session("10.0.0.6", 40004, "10.0.0.33", 3389, PB::tlsClientHello("10.0.0.33"), QByteArray(500, 'r'));
        s.finish();
        QMap<QString, QString> severityByPort;
        for (const auto &x : s.findings(QStringLiteral("suspicious_port")))
            severityByPort[QString::number(x.value(QStringLiteral("ports")).toArray().first().toInt())] = x.value(QStringLiteral("severity")).toString();
        QCOMPARE(severityByPort.value(QStringLiteral("4444")), QStringLiteral("high"));
        QCOMPARE(severityByPort.value(QStringLiteral("9001")), QStringLiteral("low"));
        QCOMPARE(severityByPort.value(QStringLiteral("31337")), QStringLiteral("info"));
        QCOMPARE(severityByPort.value(QStringLiteral("1234")), QStringLiteral("info"));
        const auto shell = s.findings(QStringLiteral("suspicious_port"));
        for (const auto &x : shell)
            if (x.value(QStringLiteral("ports")).toArray().first().toInt() == 4444) {
                QCOMPARE(x.value(QStringLiteral("source")).toString(), QStringLiteral("10.0.0.5"));
                QCOMPARE(x.value(QStringLiteral("targets")).toArray().first().toString(), QStringLiteral("203.0.113.66"));
            }
        for (const auto &x : s.findings(QStringLiteral("protocol_mismatch"))) {
            QVERIFY2(x.value(QStringLiteral("ports")).toArray().first().toInt() != 3389, "TLS on 3389 is RDP");
            QVERIFY2(x.value(QStringLiteral("severity")).toString() == QLatin1String("info"),
                     qPrintable(x.value(QStringLiteral("summary")).toString()));
        }
        QVERIFY2(s.mediumOrAbove().count(QStringLiteral(" | ")) == 0 && s.mediumOrAbove().contains(QStringLiteral("4444")),
                 qPrintable(s.mediumOrAbove()));
    }

    // A Meterpreter-style stage: a 4-byte length, then a Windows program.
    void executableStageIsHigh()
    {
        Scenario s;
        QByteArray stage("MZ", 2);
        stage += QByteArray(62, '\0') + "This program cannot be run in DOS mode.\r\r\n$" + QByteArray(400, '\x90');
        s.session("10.0.0.5", 40000, "203.0.113.66", 4444, QByteArray(4, 'x'), QByteArray("\x00\x10\x00\x00", 4) + stage);
        s.finish();
        const auto f = s.findings(QStringLiteral("suspicious_port"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("severity")).toString(), QStringLiteral("high"));
    }
};

QTEST_GUILESS_MAIN(TestPortDetector)
#include "tst_portdetector.moc"
