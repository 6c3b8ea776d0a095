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

    // hydra against a web login: DVWA's GET form, a POSTed form, and HTTP
    // Basic authentication answered 401. Before: nothing (HTTP was no
    // authentication service here).
    void httpLoginsAreBruteForced()
    {
        Scenario s;
        for (int i = 0; i < 40; ++i) {
            const QByteArray get = "GET /vulnerabilities/brute/?username=admin&password=guess" + QByteArray::number(i)
                                   + "&Login=Login HTTP/1.1\r\nHost: dvwa\r\n\r\n";
            s.session("10.0.0.70", uint16_t(45000 + i), "10.0.0.80", 80, get,
                      "HTTP/1.1 200 OK\r\nContent-Length: 30\r\n\r\nUsername and/or password incorrect.", 100000000);
            const QByteArray body = "user=root&pass=try" + QByteArray::number(i * 7);
            const QByteArray post = "POST /login.php HTTP/1.1\r\nHost: app\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                    "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
            s.session("10.0.0.71", uint16_t(46000 + i), "10.0.0.81", 8080, post, "HTTP/1.1 302 Found\r\nLocation: /login.php\r\n\r\n",
                      100000000);
            const QByteArray basic = "GET /admin/ HTTP/1.1\r\nHost: router\r\nAuthorization: Basic "
                                     + QByteArray("admin:pw" + QByteArray::number(i)).toBase64() + "\r\n\r\n";
            s.session("10.0.0.72", uint16_t(47000 + i), "10.0.0.82", 80, basic,
                      "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"\r\n\r\n", 100000000);
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("brute_force"));
        QCOMPARE(f.size(), 3);
        for (const QJsonObject &x : f) {
            const QJsonObject m = x.value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject();
            QCOMPARE(m.value(QStringLiteral("service")).toString(), QStringLiteral("HTTP"));
            const QString source = x.value(QStringLiteral("source")).toString();
            if (source == QLatin1String("10.0.0.72")) {
                QCOMPARE(m.value(QStringLiteral("failed_logins")).toInt(), 40);
            } else {
                QCOMPARE(m.value(QStringLiteral("form_logins")).toInt(), 40);
                QCOMPARE(m.value(QStringLiteral("distinct_passwords")).toInt(), 40);
                QVERIFY2(x.value(QStringLiteral("summary")).toString().contains(QLatin1String("submitted 40 HTTP login forms")),
                         qPrintable(x.value(QStringLiteral("summary")).toString()));
                const QByteArray json = QJsonDocument(x).toJson();
                QVERIFY2(!json.contains("guess1") && !json.contains("try7"), "a password shown in the finding");
            }
        }
    }

    // Not brute force: a monitor logging in every minute with the same
    // password, and a browser meeting an authentication challenge (a 401
    // to a request without credentials, then the right ones) on many pages.
    void routineWebLoginsAreNot()
    {
        Scenario s;
        for (int i = 0; i < 60; ++i) {
            const QByteArray body = "username=monitor&password=s3cret";
            const QByteArray post = "POST /login HTTP/1.1\r\nHost: app\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                    "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
            s.session("10.0.0.75", uint16_t(48000 + i), "10.0.0.85", 80, post, "HTTP/1.1 302 Found\r\nLocation: /\r\n\r\n", 60 * kS);
        }
        for (int i = 0; i < 60; ++i) {
            s.session("10.0.0.76", uint16_t(49000 + i), "10.0.0.86", 80, "GET /page" + QByteArray::number(i) + " HTTP/1.1\r\nHost: intranet\r\n\r\n",
                      "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"\r\n\r\n", 1000000000);
            s.session("10.0.0.76", uint16_t(50000 + i), "10.0.0.86", 80,
                      "GET /page" + QByteArray::number(i) + " HTTP/1.1\r\nHost: intranet\r\nAuthorization: Basic dXNlcjpyaWdodA==\r\n\r\n",
                      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", 1000000);
        }
        // a camera poller whose Digest nonce is always stale: 401 stale=true, retry, 200
        for (int i = 0; i < 60; ++i)
            s.session("10.0.0.77", uint16_t(51000 + i), "10.0.0.87", 80,
                      "GET /snapshot.jpg HTTP/1.1\r\nHost: cam\r\nAuthorization: Digest username=\"nvr\", nonce=\"old\"\r\n\r\n",
                      "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\"cam\", nonce=\"new\", stale=true\r\n\r\n",
                      1000000000);
        // NTLM over parallel connections: one connection's challenge (a 401
        // to its first message) while another sends its third message
        for (int i = 0; i < 60; ++i) {
            const QByteArray type3 = "GET /a" + QByteArray::number(i) + " HTTP/1.1\r\nHost: sp\r\nAuthorization: NTLM TlRMTVNTUAADAAAAGAAYAEAAAAA=\r\n\r\n";
            const QByteArray type1 = "GET /b" + QByteArray::number(i) + " HTTP/1.1\r\nHost: sp\r\nAuthorization: NTLM TlRMTVNTUAABAAAAB4IIog==\r\n\r\n";
            const uint16_t x = uint16_t(52000 + i), y = uint16_t(53000 + i);
            s.add(PB::tcpFrame("10.0.0.78", x, "10.0.0.88", 80, Syn, 1), 500000000);
            s.add(PB::tcpFrame("10.0.0.88", 80, "10.0.0.78", x, Syn | Ack, 1, 2));
            s.add(PB::tcpFrame("10.0.0.78", y, "10.0.0.88", 80, Syn, 1));
            s.add(PB::tcpFrame("10.0.0.88", 80, "10.0.0.78", y, Syn | Ack, 1, 2));
            s.add(PB::tcpFrame("10.0.0.78", x, "10.0.0.88", 80, Ack | Psh, 2, 2, type3));
            s.add(PB::tcpFrame("10.0.0.78", y, "10.0.0.88", 80, Ack | Psh, 2, 2, type1));
            s.add(PB::tcpFrame("10.0.0.88", 80, "10.0.0.78", y, Ack | Psh, 2, uint32_t(2 + type1.size()),
                               "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: NTLM TlRMTVNTUAACAAAA\r\n\r\n"));
            s.add(PB::tcpFrame("10.0.0.88", 80, "10.0.0.78", x, Ack | Psh, 2, uint32_t(2 + type3.size()),
                               "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        }
        // many people logging in through one NAT: a password each
        for (int i = 0; i < 40; ++i) {
            const QByteArray body = "username=user" + QByteArray::number(i) + "&password=pw" + QByteArray::number(i);
            const QByteArray post = "POST /login HTTP/1.1\r\nHost: app\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                    "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
            s.session("10.0.0.79", uint16_t(54000 + i), "10.0.0.89", 80, post, "HTTP/1.1 302 Found\r\nLocation: /\r\n\r\n", 20 * kS);
        }
        s.finish();
        QVERIFY2(s.findings(QStringLiteral("brute_force")).isEmpty(),
                 qPrintable(s.findings(QStringLiteral("brute_force")).value(0).value(QStringLiteral("summary")).toString()));
    }
};

QTEST_GUILESS_MAIN(TestBruteForceDetector)
#include "tst_bruteforcedetector.moc"
