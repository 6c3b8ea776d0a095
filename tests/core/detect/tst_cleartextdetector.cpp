// SPDX-License-Identifier: GPL-3.0-or-later
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

    // SASL on POP3, IMAP and SMTP with the response on the next line(s), and
    // an HTTP login form; look-alikes that carry no password: an exploit's
    // "pass=" argument, a XOAUTH2 or GSSAPI exchange, a cancelled AUTH.
    void saslAndFormLogins()
    {
        Scenario s;
        const QByteArray plain = QByteArray("\0frank\0Tr0ub4dor&3", 18).toBase64();
        s.session("10.0.0.5", 40010, "10.0.0.110", 110, "AUTH PLAIN\r\n" + plain + "\r\n", "+OK\r\n");
        s.session("10.0.0.6", 40011, "10.0.0.143", 143,
                  "a1 AUTHENTICATE LOGIN\r\n" + QByteArray("grace").toBase64() + "\r\n" + QByteArray("S3cretS3cret").toBase64() + "\r\n");
        s.session("10.0.0.7", 40012, "10.0.0.25", 587, "AUTH LOGIN\r\n" + QByteArray("heidi").toBase64() + "\r\n"
                  + QByteArray("Hunter2Hunter2").toBase64() + "\r\n");
        s.session("10.0.0.8", 40013, "10.0.0.80", 80,
                  "POST /login HTTP/1.1\r\nHost: intranet\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  "Content-Length: 35\r\n\r\nusername=ivan&password=Pa55w0rd%21");
        s.finish();
        const auto f = s.findings(QStringLiteral("cleartext_credentials"));
        QCOMPARE(f.size(), 4);
        const QByteArray json = QJsonDocument(s.report).toJson();
        for (const char *pw : {"Tr0ub4dor", "S3cretS3cret", "Hunter2", "Pa55w0rd"})
            QVERIFY2(!json.contains(pw), pw);
        for (const char *user : {"frank", "grace", "heidi", "ivan"})
            QVERIFY2(json.contains(user), user);

        Scenario benign;
        benign.session("10.0.0.9", 40020, "10.0.0.80", 80, "GET /athenareg.php?pass=%20;cat%20/etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n");
        benign.session("10.0.0.9", 40021, "10.0.0.143", 143, "a1 AUTHENTICATE XOAUTH2 dXNlcj1qb2UBYXV0aD1CZWFyZXIgeHl6AQE=\r\n");
        benign.session("10.0.0.9", 40022, "10.0.0.110", 110, "AUTH GSSAPI\r\nYIIB\r\n");
        benign.session("10.0.0.9", 40023, "10.0.0.25", 25, "AUTH LOGIN\r\n*\r\nQUIT\r\n");
        benign.finish();
        QVERIFY(benign.findings(QStringLiteral("cleartext_credentials")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCleartextDetector)
#include "tst_cleartextdetector.moc"
