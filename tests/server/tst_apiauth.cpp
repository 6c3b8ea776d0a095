// Who may talk to the API, over loopback HTTP: the key (X-API-Key or
// Authorization: Bearer), /health without it, Host and Origin checks, the
// IPv6 loopback, and non-loopback binds.
#include "restfixture.h"

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
