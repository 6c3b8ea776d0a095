// Scenario tests of CleartextDetector: the attack, and benign look-alikes that must
// not fire at medium or above.
#include "support/scenario.h"

#include <QJsonDocument>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

class TestCleartextDetector : public QObject
{
    Q_OBJECT
private slots:
    void cleartextCredentialsMaskedAndFtpsBenign()
    {
        Scenario s;
        uint32_t cs = 10, ss = 20;
        s.add(PB::tcpFrame("10.0.0.5", 40000, "10.0.0.21", 21, Syn, cs++));
        s.add(PB::tcpFrame("10.0.0.21", 21, "10.0.0.5", 40000, Syn | Ack, ss++, cs));
        for (const QByteArray &l : {QByteArray("USER bob\r\n"), QByteArray("PASS Tr0ub4dor&3\r\n")}) {
            s.add(PB::tcpFrame("10.0.0.5", 40000, "10.0.0.21", 21, Psh | Ack, cs, ss, l));
            cs += uint32_t(l.size());
        }
        s.session("10.0.0.6", 40001, "10.0.0.80", 80, "GET /admin HTTP/1.1\r\nHost: intranet\r\nAuthorization: Basic " + QByteArray("carol:Sup3rS3cret").toBase64() + "\r\n\r\n");
        s.session("10.0.0.7", 40002, "10.0.0.25", 25, "AUTH PLAIN " + QByteArray("\0dave\0Hunter2Hunter2", 20).toBase64() + "\r\n");
        s.session("10.0.0.8", 40003, "10.0.0.143", 143, "a1 LOGIN erin \"Pa55w0rd!\"\r\n");
        s.finish();
        const auto f = s.findings(QStringLiteral("cleartext_credentials"));
        QCOMPARE(f.size(), 4);
        const QByteArray json = QJsonDocument(s.report).toJson();
        for (const char *pw : {"Tr0ub4dor", "Sup3rS3cret", "Hunter2", "Pa55w0rd"})
            QVERIFY2(!json.contains(pw), pw);
        for (const char *user : {"bob", "carol", "dave", "erin"})
            QVERIFY2(json.contains(user), user);

        Scenario ftps; // AUTH TLS, then only TLS records
        ftps.session("10.0.0.5", 40000, "10.0.0.21", 21, "AUTH TLS\r\n", "234 Proceed with negotiation.\r\n");
        ftps.session("10.0.0.5", 40001, "10.0.0.21", 21, PB::tlsClientHello("ftp.example.com"), QByteArray("\x17\x03\x03\x00\x05hello", 10));
        ftps.finish();
        QVERIFY(ftps.findings(QStringLiteral("cleartext_credentials")).isEmpty());
        QVERIFY2(ftps.mediumOrAbove().isEmpty(), qPrintable(ftps.mediumOrAbove()));
    }
};

QTEST_GUILESS_MAIN(TestCleartextDetector)
#include "tst_cleartextdetector.moc"
