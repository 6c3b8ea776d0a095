// The REST server as a whole: the routes it registers against the OpenAPI
// document, and requests for no route or another method.
#include "restfixture.h"

#include "server/routetable.h"

#include <QFile>
#include <QJsonDocument>
#include <QSet>

#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

class TestRestServer : public QObject, protected RestFixture
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString why;
        QVERIFY2(startServer(QStringLiteral("routes"), &why), qPrintable(why));
        QVERIFY(m_server.isRunning());
        QCOMPARE(m_base.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(m_base.port() > 0);
        QCOMPARE(m_server.apiKey(), kKey);
    }

    // Bar 4: the OpenAPI document lists exactly the routes the server registers.
    void openApiMatchesRoutes()
    {
        QFile f(QStringLiteral(":/packetlens/openapi.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray doc = f.readAll();
        const Answer served = get(QStringLiteral("/openapi.json"));
        QCOMPARE(served.status, 200);
        QCOMPARE(served.body, doc);
        const QJsonObject spec = QJsonDocument::fromJson(doc).object();
        QVERIFY(spec.value(QStringLiteral("openapi")).toString().startsWith(QLatin1String("3.")));
        QSet<QString> documented, registered;
        const QJsonObject paths = spec.value(QStringLiteral("paths")).toObject();
        for (auto p = paths.begin(); p != paths.end(); ++p)
            for (const QString &method : p.value().toObject().keys())
                documented.insert(method.toUpper() + QLatin1Char(' ') + p.key());
        for (const Route &r : routeTable())
            registered.insert(QString::fromLatin1(r.method) + QLatin1Char(' ') + r.path);
        QCOMPARE(documented, registered);
        // Each of them is served by QHttpServer (not refused as unknown).
        for (const Route &r : routeTable()) {
            QString path = r.path;
            path.replace(QStringLiteral("{file_id}"), QStringLiteral("0000000000000000"));
            const Answer a = send(r.method, path, {}, r.method == "POST" ? QByteArray("application/octet-stream") : QByteArray());
            QVERIFY2(a.status != 0 && a.errorCode() != QLatin1String("unknown_route") && a.status != 405,
                     qPrintable(QStringLiteral("%1 %2 -> %3").arg(QString::fromLatin1(r.method), path).arg(a.status)));
        }
    }

    void badInput_data()
    {
        addRefusedColumns();
        const QByteArray key = kKey.toLatin1();
        const QList<QByteArray> withKey = {"X-API-Key", key};
        QTest::newRow("unknown route") << QByteArray("GET") << "/nope" << QByteArray() << QByteArray() << withKey << 404
                                       << "unknown_route";
        QTest::newRow("wrong method on upload") << QByteArray("GET") << "/upload" << QByteArray() << QByteArray() << withKey << 405
                                                << "method_not_allowed";
        QTest::newRow("wrong method on stats") << QByteArray("DELETE") << "/stats" << QByteArray() << QByteArray() << withKey << 405
                                               << "method_not_allowed";
        QTest::newRow("PUT upload") << QByteArray("PUT") << "/upload" << smallCapture(35) << QByteArray("application/octet-stream")
                                    << withKey << 405 << "method_not_allowed";
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

QTEST_GUILESS_MAIN(TestRestServer)
#include "tst_restserver.moc"
