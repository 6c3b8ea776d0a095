// SPDX-License-Identifier: GPL-3.0-or-later
// Who may talk to the API, over loopback HTTP: the key (X-API-Key or
// Authorization: Bearer), /health without it, Host and Origin checks, the
// IPv6 loopback, and non-loopback binds.
#include "restfixture.h"

#include "server/apiauth.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>

#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

class TestApiAuth : public QObject, protected RestFixture
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString why;
        QVERIFY2(startServer(QStringLiteral("auth"), &why), qPrintable(why));
    }

    void healthNeedsNoKey()
    {
        QSignalSpy logged(&m_server, &RestServer::requestLogged);
        const Answer a = get(QStringLiteral("/health"), {});
        QCOMPARE(a.status, 200);
        QCOMPARE(a.json.value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QVERIFY(a.header("Access-Control-Allow-Origin").isEmpty()); // no CORS headers
        QTRY_VERIFY(!logged.isEmpty());
        QVERIFY2(QRegularExpression(QStringLiteral("^GET /health -> 200 \\(\\d+ ms\\)$")).match(logged.first().first().toString()).hasMatch(),
                 qPrintable(logged.first().first().toString()));
    }

    void generatedKeysAreLongAndRandom()
    {
        const QString a = RestServer::generateApiKey(), b = RestServer::generateApiKey();
        QVERIFY(a != b);
        QVERIFY(QByteArray::fromBase64(a.toLatin1(), QByteArray::Base64UrlEncoding).size() >= 16); // >= 128 bits
    }

    void bearerKeyAccepted()
    {
        QCOMPARE(get(QStringLiteral("/stats"), {{"Authorization", "Bearer " + kKey.toLatin1()}}).status, 200);
        QCOMPARE(get(QStringLiteral("/stats"), {{"X-API-Key", kKey.toLatin1()}, {"Host", "localhost:" + QByteArray::number(m_base.port())},
                                                {"Origin", "http://localhost:" + QByteArray::number(m_base.port())}}).status, 200);
    }

    void ipv6LoopbackServed()
    {
        QTcpSocket probe;
        if (!connectSocket(probe, quint16(m_base.port()), QHostAddress::LocalHostIPv6))
            QSKIP("no ::1 on this system");
        QUrl v6 = m_base;
        v6.setHost(QStringLiteral("::1"));
        QCOMPARE(get(QStringLiteral("/health"), {}, v6).status, 200);
    }

    void nonLoopbackNeedsExplicitChoice()
    {
        RestServer s;
        RestServerOptions o = options(QStringLiteral("remote"));
        o.bind = QHostAddress::AnyIPv4;
        QString why;
        QVERIFY(!s.start(o, &why));
        QVERIFY(why.contains(QLatin1String("loopback")));
    }

    // RFC 7235: the scheme of Authorization is case-insensitive, and
    // whitespace may separate it from the credentials.
    void bearerSchemeIsCaseInsensitive_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("bearer") << QByteArray("bearer ") + kKey.toLatin1();
        QTest::newRow("BEARER") << QByteArray("BEARER ") + kKey.toLatin1();
        QTest::newRow("BeArEr, two spaces") << QByteArray("BeArEr  ") + kKey.toLatin1();
        QTest::newRow("tab") << QByteArray("Bearer\t") + kKey.toLatin1();
    }

    void bearerSchemeIsCaseInsensitive()
    {
        QFETCH(QByteArray, authorization);
        QCOMPARE(get(QStringLiteral("/stats"), {{"Authorization", authorization}}).status, 200);
    }

    void otherSchemesAreRefused()
    {
        QCOMPARE(get(QStringLiteral("/stats"), {{"Authorization", "Basic " + kKey.toLatin1()}}).status, 401);
        QCOMPARE(get(QStringLiteral("/stats"), {{"Authorization", "Bearer"}}).status, 401);
        QCOMPARE(get(QStringLiteral("/stats"), {{"Authorization", "Bearerx " + kKey.toLatin1()}}).status, 401);
    }

    void bearerTokens_data()
    {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<QByteArray>("token");
        QTest::newRow("Bearer") << QByteArray("Bearer abc") << QByteArray("abc");
        QTest::newRow("bearer") << QByteArray("bearer abc") << QByteArray("abc");
        QTest::newRow("spaces around") << QByteArray("  BEARER   abc  ") << QByteArray("abc");
        QTest::newRow("tab") << QByteArray("Bearer\tabc") << QByteArray("abc");
        QTest::newRow("no credentials") << QByteArray("Bearer") << QByteArray();
        QTest::newRow("other scheme") << QByteArray("Basic abc") << QByteArray();
        QTest::newRow("longer scheme") << QByteArray("Bearers abc") << QByteArray();
        QTest::newRow("empty") << QByteArray() << QByteArray();
    }

    void bearerTokens()
    {
        QFETCH(QByteArray, authorization);
        QFETCH(QByteArray, token);
        QCOMPARE(ApiAuth::bearerToken(authorization), token);
    }

    void keyStrengthEstimate()
    {
        for (int i = 0; i < 20; ++i)
            QVERIFY(ApiAuth::estimatedKeyBits(RestServer::generateApiKey()) >= 200);
        QRandomGenerator random(42); // fixed: the same keys every run
        const QString hex = QStringLiteral("0123456789abcdef");
        for (int i = 0; i < 200; ++i) { // 128 random bits as 32 hex digits
            QString key;
            for (int c = 0; c < 32; ++c)
                key += hex[int(random.bounded(16))];
            QVERIFY2(ApiAuth::estimatedKeyBits(key) >= ApiAuth::kMinRemoteKeyBits, qPrintable(key));
        }
        for (const char *weak : {"", "x", "secret123", "Password1234567890!", "abcdefghabcdefghabcdefghabcdefghabcdefgh",
                                 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "abababababababababababababababababababababababababab"})
            QVERIFY2(ApiAuth::estimatedKeyBits(QLatin1String(weak)) < ApiAuth::kMinRemoteKeyBits, weak);
    }

    // Beyond loopback the key is all that guards the API: a weak one is refused.
    void weakKeysRefusedBeyondLoopback_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("remote");
        QTest::addColumn<bool>("starts");
        QTest::newRow("one character, remote") << QStringLiteral("x") << true << false;
        QTest::newRow("short word, remote") << QStringLiteral("secret123") << true << false;
        QTest::newRow("long but repetitive, remote") << QString(40, QLatin1Char('a')) << true << false;
        QTest::newRow("two characters repeated, remote") << QStringLiteral("ab").repeated(40) << true << false;
        QTest::newRow("generated, remote") << RestServer::generateApiKey() << true << true;
        QTest::newRow("one character, loopback") << QStringLiteral("x") << false << true;
    }

    void weakKeysRefusedBeyondLoopback()
    {
        QFETCH(QString, key);
        QFETCH(bool, remote);
        QFETCH(bool, starts);
        RestServer s;
        RestServerOptions o = options(QStringLiteral("weakkey"));
        o.apiKey = key;
        if (remote) {
            o.bind = QHostAddress::AnyIPv4;
            o.allowNonLoopback = true;
        }
        QString why;
        QCOMPARE(s.start(o, &why), starts);
        if (!starts)
            QVERIFY2(why.contains(QLatin1String("128 bits")), qPrintable(why));
        s.stop();
    }

    void badInput_data()
    {
        addRefusedColumns();
        const QByteArray key = kKey.toLatin1();
        const QList<QByteArray> withKey = {"X-API-Key", key};
        QTest::newRow("missing key") << QByteArray("POST") << "/upload" << smallCapture(36) << QByteArray("application/octet-stream")
                                     << QList<QByteArray>{} << 401 << "unauthorized";
        QTest::newRow("wrong key") << QByteArray("GET") << "/stats" << QByteArray() << QByteArray()
                                   << QList<QByteArray>{"X-API-Key", "wrong"} << 401 << "unauthorized";
        QTest::newRow("wrong bearer") << QByteArray("GET") << "/files" << QByteArray() << QByteArray()
                                      << QList<QByteArray>{"Authorization", "Bearer wrong"} << 401 << "unauthorized";
        QTest::newRow("key of other length") << QByteArray("GET") << "/stats" << QByteArray() << QByteArray()
                                             << QList<QByteArray>{"X-API-Key", key + "x"} << 401 << "unauthorized";
        QTest::newRow("foreign Host") << QByteArray("POST") << "/upload" << smallCapture(37) << QByteArray("application/octet-stream")
                                      << QList<QByteArray>{"X-API-Key", key, "Host", "attacker.example"} << 403 << "forbidden";
        QTest::newRow("Host with other port") << QByteArray("GET") << "/stats" << QByteArray() << QByteArray()
                                              << QList<QByteArray>{"X-API-Key", key, "Host", "localhost:1"} << 403 << "forbidden";
        QTest::newRow("foreign Origin") << QByteArray("GET") << "/stats" << QByteArray() << QByteArray()
                                        << QList<QByteArray>{"X-API-Key", key, "Origin", "http://attacker.example"} << 403 << "forbidden";
        QTest::newRow("null Origin") << QByteArray("GET") << "/health" << QByteArray() << QByteArray()
                                     << QList<QByteArray>{"Origin", "null"} << 403 << "forbidden";
    }

    void badInput()
    {
        checkRefusedRow();
    }

    void cleanupTestCase()
    {
        m_server.stop();
        QVERIFY(!m_server.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestApiAuth)
#include "tst_apiauth.moc"
