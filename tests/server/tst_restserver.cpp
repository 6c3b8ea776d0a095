// SPDX-License-Identifier: GPL-3.0-or-later
// The REST server as a whole: the routes it registers against the OpenAPI
// document and the documented statuses, requests for no route or another
// method, HTTP/1.1 pipelining, Connection: close, HTTP/1.0 and HEAD.
#include "restfixture.h"

#include "server/routetable.h"

#include "server/apierrors.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTcpSocket>

#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

namespace {
// The answers in bytes, split: status line and body of each.
struct RawAnswer
{
    QByteArray statusLine, head, body;
};
QList<RawAnswer> splitAnswers(QByteArray bytes)
{
    QList<RawAnswer> out;
    for (;;) {
        const qsizetype end = bytes.indexOf("\r\n\r\n");
        if (end < 0)
            return out;
        RawAnswer a;
        a.head = bytes.left(end);
        a.statusLine = a.head.left(a.head.indexOf("\r\n"));
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("Content-Length: (\\d+)")).match(QString::fromLatin1(a.head));
        const qsizetype length = m.hasMatch() && !a.statusLine.isEmpty() ? m.captured(1).toLongLong() : 0;
        a.body = bytes.mid(end + 4, length);
        out << a;
        bytes.remove(0, end + 4 + length);
    }
}

// The statuses a document lists where pattern matches (every number in its
// first capture).
QSet<int> documentedErrorStatuses(const char *relative, const QString &pattern)
{
    QFile f(QStringLiteral(PACKETLENS_SOURCE_DIR "/") + QLatin1String(relative));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QString text = QString::fromUtf8(f.readAll()).replace(QStringLiteral("\n  "), QStringLiteral(" "));
    QSet<int> out;
    QRegularExpressionMatchIterator it = QRegularExpression(pattern).globalMatch(text);
    while (it.hasNext()) {
        QRegularExpressionMatchIterator numbers = QRegularExpression(QStringLiteral("\\b\\d{3}\\b")).globalMatch(it.next().captured(1));
        while (numbers.hasNext())
            out << numbers.next().captured(0).toInt();
    }
    return out;
}
} // namespace

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
            path.replace(QStringLiteral("{live_id}"), QStringLiteral("0000000000000000"));
            const Answer a = send(r.method, path, {}, r.method == "POST" ? QByteArray("application/octet-stream") : QByteArray());
            QVERIFY2(a.status != 0 && a.errorCode() != QLatin1String("unknown_route") && a.status != 405,
                     qPrintable(QStringLiteral("%1 %2 -> %3").arg(QString::fromLatin1(r.method), path).arg(a.status)));
        }
    }

    // Pipelined requests are answered one after another, in order, also
    // when an earlier one is answered later (off the server thread).
    void pipelinedRequestsAnsweredInOrder()
    {
        const QByteArray host = hostLine(port());
        const QByteArray key = "X-API-Key: " + kKey.toLatin1() + "\r\n";
        QTcpSocket s;
        QVERIFY(connectSocket(s, port()));
        s.write("GET /health HTTP/1.1\r\n" + host + "\r\n" + "GET /stats HTTP/1.1\r\n" + host + key + "\r\n"
                + "GET /openapi.json HTTP/1.1\r\n" + host + key + "\r\n" + "GET /health HTTP/1.1\r\n" + host + "\r\n");
        QByteArray got;
        QTRY_VERIFY_WITH_TIMEOUT((got += s.readAll(), splitAnswers(got).size() >= 4), kTimeoutMs);
        const QList<RawAnswer> answers = splitAnswers(got);
        QCOMPARE(answers.size(), 4);
        for (const RawAnswer &a : answers)
            QCOMPARE(a.statusLine, QByteArray("HTTP/1.1 200 OK"));
        QVERIFY(answers[0].body.contains("\"status\":\"ok\""));
        QVERIFY(answers[1].body.contains("\"captures\""));
        QVERIFY(answers[2].body.contains("\"openapi\""));
        QVERIFY(answers[3].body.contains("\"status\":\"ok\""));
        QCOMPARE(s.state(), QAbstractSocket::ConnectedState); // kept alive
    }

    // A later pipelined request that is refused does not cost the answers
    // to the earlier ones: they come first, then the refusal, then the close.
    void pipelinedRefusalKeepsEarlierAnswers_data()
    {
        QTest::addColumn<QByteArray>("refused");
        QTest::addColumn<QByteArray>("status");
        QTest::newRow("unknown route") << QByteArray("GET /nope HTTP/1.1\r\n") << QByteArray("HTTP/1.1 404");
        QTest::newRow("no key") << QByteArray("GET /files HTTP/1.1\r\n") << QByteArray("HTTP/1.1 401");
        QTest::newRow("other method") << QByteArray("DELETE /stats HTTP/1.1\r\n") << QByteArray("HTTP/1.1 405");
    }

    void pipelinedRefusalKeepsEarlierAnswers()
    {
        QFETCH(QByteArray, refused);
        QFETCH(QByteArray, status);
        const QByteArray host = hostLine(port());
        const QByteArray key = "X-API-Key: " + kKey.toLatin1() + "\r\n";
        QTcpSocket s;
        QVERIFY(connectSocket(s, port()));
        s.write("GET /stats HTTP/1.1\r\n" + host + key + "\r\n" + "GET /health HTTP/1.1\r\n" + host + "\r\n" + refused + host + "\r\n");
        QVERIFY(waitClosed(s, kTimeoutMs));
        const QList<RawAnswer> answers = splitAnswers(s.readAll());
        QCOMPARE(answers.size(), 3);
        QCOMPARE(answers[0].statusLine, QByteArray("HTTP/1.1 200 OK"));
        QVERIFY(answers[0].body.contains("\"captures\""));
        QCOMPARE(answers[1].statusLine, QByteArray("HTTP/1.1 200 OK"));
        QVERIFY(answers[2].statusLine.startsWith(status));
        QVERIFY(answers[2].head.contains("Connection: close"));
    }

    // Connection: close and HTTP/1.0: the connection is closed after the
    // answer (it no longer counts against the connection limit).
    void closesAfterAnswerWhenAsked_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("Connection: close") << QByteArray("GET /health HTTP/1.1\r\nConnection: close\r\n");
        QTest::newRow("Connection: Close among others") << QByteArray("GET /health HTTP/1.1\r\nConnection: TE, Close\r\n");
        QTest::newRow("HTTP/1.0") << QByteArray("GET /health HTTP/1.0\r\n");
        QTest::newRow("keyed, answered off the server thread") << QByteArray("GET /stats HTTP/1.1\r\nX-API-Key: " + kKey.toLatin1()
                                                                            + "\r\nConnection: close\r\n");
    }

    void closesAfterAnswerWhenAsked()
    {
        QFETCH(QByteArray, request);
        QTcpSocket s;
        QVERIFY(connectSocket(s, port()));
        s.write(request + hostLine(port()) + "\r\n");
        QVERIFY2(waitClosed(s, 10000), "the server kept the connection open");
        const QList<RawAnswer> answers = splitAnswers(s.readAll());
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers[0].statusLine, QByteArray("HTTP/1.1 200 OK"));
        QVERIFY(answers[0].head.contains("Connection: close"));
    }

    // HEAD on a GET route is answered as GET without the body.
    void headAnsweredAsGetWithoutBody_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("health") << QStringLiteral("/health");
        QTest::newRow("openapi") << QStringLiteral("/openapi.json");
        QTest::newRow("stats") << QStringLiteral("/stats");
    }

    void headAnsweredAsGetWithoutBody()
    {
        QFETCH(QString, path);
        const Answer got = get(path);
        QCOMPARE(got.status, 200);
        const QByteArray host = hostLine(port());
        const QByteArray key = "X-API-Key: " + kKey.toLatin1() + "\r\n";
        QTcpSocket s;
        QVERIFY(connectSocket(s, port()));
        // HEAD, then GET on the same connection: the GET's answer starts
        // right after the HEAD's headers, so no body bytes came between.
        s.write("HEAD " + path.toLatin1() + " HTTP/1.1\r\n" + host + key + "\r\n" + "GET /health HTTP/1.1\r\n" + host + "\r\n");
        QByteArray bytes;
        QTRY_VERIFY_WITH_TIMEOUT((bytes += s.readAll(), bytes.count("HTTP/1.1 ") >= 2 && bytes.endsWith("}")), 10000);
        const qsizetype headEnd = bytes.indexOf("\r\n\r\n");
        const QByteArray head = bytes.left(headEnd);
        QVERIFY2(head.startsWith("HTTP/1.1 200 OK"), head.constData());
        QVERIFY(head.contains("Content-Type: " + got.header("Content-Type")));
        if (path != QLatin1String("/stats")) // the statistics may change between the two requests
            QVERIFY(head.contains("Content-Length: " + QByteArray::number(got.body.size())));
        QVERIFY2(bytes.mid(headEnd + 4).startsWith("HTTP/1.1 200 OK"), bytes.constData());
    }

    void headOnRoutesWithoutGetIs405()
    {
        const QByteArray got = rawExchange("HEAD /upload HTTP/1.1\r\n" + hostLine(port()) + "X-API-Key: " + kKey.toLatin1() + "\r\n\r\n", port());
        QVERIFY2(got.startsWith("HTTP/1.1 405"), got.constData());
        QVERIFY(got.contains("Allow: POST"));
    }

    // Every status the server sends is documented: in README, in
    // docs/rest-api.md, and for each operation of the OpenAPI document (all
    // routes can be refused from the head: 400, 403, 405, 408, 411, 413,
    // 431, 503; those with a key also 401; those answered by a worker 500;
    // those with an id 404).
    void documentedStatusesCoverWhatIsSent()
    {
        QSet<int> errors;
        for (const ApiError e : kAllApiErrors)
            errors << httpStatus(e);
        QCOMPARE(documentedErrorStatuses("README.md", QStringLiteral("Errors are `\\{\"error\":\\{\"code\",\"message\"\\}\\}` with ([^.]*)\\.")), errors);
        QCOMPARE(documentedErrorStatuses("docs/rest-api.md", QStringLiteral("\\n\\| (\\d{3}) \\| `")), errors);
        QFile f(QStringLiteral(":/packetlens/openapi.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject paths = QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("paths")).toObject();
        for (const Route &r : routeTable()) {
            QSet<int> sent{400, 403, 405, 408, 411, 413, 431, 503};
            if (r.needsKey)
                sent << 401;
            if (r.id != RouteId::Health && r.id != RouteId::OpenApi)
                sent << 500;
            if (r.path.contains(QLatin1Char('{')))
                sent << 404;
            const QJsonObject responses = paths.value(r.path).toObject().value(QString::fromLatin1(r.method).toLower()).toObject()
                                              .value(QStringLiteral("responses")).toObject();
            for (const int status : std::as_const(sent))
                QVERIFY2(responses.contains(QString::number(status)),
                         qPrintable(QStringLiteral("%1 %2 does not document %3").arg(QString::fromLatin1(r.method), r.path).arg(status)));
        }
    }

    // /stats and /files say what they count: "captures" there are captures
    // with a finished analysis, "total" here every capture the history knows.
    void countsAreDescribed()
    {
        QFile f(QStringLiteral(":/packetlens/openapi.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject spec = QJsonDocument::fromJson(f.readAll()).object();
        auto resolved = [&spec](QJsonObject o) { // follows "$ref": "#/components/…"
            const QString ref = o.value(QStringLiteral("$ref")).toString();
            if (ref.startsWith(QLatin1String("#/"))) {
                QJsonObject target = spec;
                for (const QString &key : ref.mid(2).split(QLatin1Char('/')))
                    target = target.value(key).toObject();
                return target;
            }
            return o;
        };
        auto property = [&](const char *path, const char *name) {
            const QJsonObject schema = resolved(spec.value(QStringLiteral("paths")).toObject().value(QLatin1String(path)).toObject()
                                                    .value(QStringLiteral("get")).toObject().value(QStringLiteral("responses")).toObject()
                                                    .value(QStringLiteral("200")).toObject().value(QStringLiteral("content")).toObject()
                                                    .value(QStringLiteral("application/json")).toObject().value(QStringLiteral("schema")).toObject());
            return schema.value(QStringLiteral("properties")).toObject().value(QLatin1String(name)).toObject().value(QStringLiteral("description")).toString();
        };
        QVERIFY2(property("/stats", "captures").contains(QLatin1String("finished analysis")), qPrintable(property("/stats", "captures")));
        QVERIFY2(property("/files", "total").contains(QLatin1String("analyzed or not")), qPrintable(property("/files", "total")));
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
