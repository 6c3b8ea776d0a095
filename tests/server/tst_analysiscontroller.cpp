// SPDX-License-Identifier: GPL-3.0-or-later
// GET /analysis and /reports over loopback HTTP: zips holding several
// captures, failed analyses (422), the bounded analysis queue (503), delete
// while an analysis runs, stop and restart while busy, refused requests.
#include "restfixture.h"

#include "support/capturewriter.h"
#include "support/packetbuilder.h"

#include <QJsonArray>
#include <QNetworkReply>

#include <algorithm>

using PB = packetlens::test::PacketBuilder;

#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

class TestAnalysisController : public QObject, protected RestFixture
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString why;
        QVERIFY2(startServer(QStringLiteral("analysis"), &why), qPrintable(why));
    }

    // A zip holding several captures: each is analyzed, listed among the
    // analysis' entries and has its own report; the summary stays the last's.
    void zipWithSeveralCaptures()
    {
        const QByteArray first = smallCapture(31), second = smallCapture(32);
        const QByteArray bytes = zipOf({{QStringLiteral("one.pcap"), first}, {QStringLiteral("notes.txt"), "not a capture"},
                                        {QStringLiteral("two.pcap"), second + second.mid(24)}});
        const Answer up = uploadMultipart(bytes, QStringLiteral("pair.zip"));
        QCOMPARE(up.status, 201);
        const QString id = up.json.value(QStringLiteral("file_id")).toString();
        const Answer done = waitForAnalysis(id);
        QCOMPARE(done.status, 200);
        const QJsonArray entries = done.json.value(QStringLiteral("entries")).toArray();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries[0].toObject().value(QStringLiteral("file_name")).toString(), QStringLiteral("pair.zip/one.pcap"));
        QCOMPARE(entries[1].toObject().value(QStringLiteral("file_name")).toString(), QStringLiteral("pair.zip/two.pcap"));
        QCOMPARE(entries[0].toObject().value(QStringLiteral("packets")).toInteger(), 5);
        QCOMPARE(entries[1].toObject().value(QStringLiteral("packets")).toInteger(), 10);
        QCOMPARE(done.json.value(QStringLiteral("summary")).toObject().value(QStringLiteral("file_name")).toString(),
                 QStringLiteral("pair.zip/two.pcap"));
        for (int e = 1; e <= 2; ++e) {
            const Answer report = get(entries[e - 1].toObject().value(QStringLiteral("report_url")).toString());
            QCOMPARE(report.status, 200);
            const QJsonObject cap = report.json.value(QStringLiteral("capture")).toObject();
            QCOMPARE(cap.value(QStringLiteral("file_name")).toString(), entries[e - 1].toObject().value(QStringLiteral("file_name")).toString());
            QCOMPARE(cap.value(QStringLiteral("packets")).toInteger(), e == 1 ? 5 : 10);
            const QJsonArray warnings = cap.value(QStringLiteral("warnings")).toArray();
            QVERIFY(std::any_of(warnings.begin(), warnings.end(), [](const QJsonValue &w) {
                return w.toString().startsWith(QLatin1String("archive entry skipped: notes.txt"));
            }));
            QVERIFY(report.json.value(QStringLiteral("health")).toObject().contains(QStringLiteral("items"))); // #19
            QVERIFY(!report.json.value(QStringLiteral("timeline_events")).toArray().isEmpty());
            const Answer html = get(QStringLiteral("/reports/%1?entry=%2&format=html").arg(id).arg(e));
            QCOMPARE(html.status, 200);
            QVERIFY(html.body.contains(cap.value(QStringLiteral("file_name")).toString().toUtf8()));
            QVERIFY(html.body.contains("<h2>Network health</h2>") && html.body.contains("<h2>Chronology</h2>"));
            const Answer bundle = get(QStringLiteral("/reports/%1?entry=%2&format=zip").arg(id).arg(e));
            QCOMPARE(bundle.status, 200);
            QVERIFY(zipEntries(bundle.body).contains(QStringLiteral("evidence.pcap")));
        }
        QCOMPARE(get(QStringLiteral("/reports/%1").arg(id)).json.value(QStringLiteral("capture")).toObject().value(QStringLiteral("file_name")).toString(),
                 QStringLiteral("pair.zip/two.pcap"));
        QCOMPARE(get(QStringLiteral("/reports/%1?entry=3").arg(id)).status, 404);
        QCOMPARE(get(QStringLiteral("/reports/%1?entry=0").arg(id)).status, 400);
        QCOMPARE(get(QStringLiteral("/reports/%1?entry=one").arg(id)).status, 400);
        QCOMPARE(send("DELETE", QStringLiteral("/files/") + id, {}, {}).status, 200);
    }

    void failedAnalysisIs422()
    {
        // A complete pcap header and no packets: kept, but the analysis fails.
        const QByteArray headerOnly = CaptureWriter::pcap({});
        const Answer up = send("POST", QStringLiteral("/upload"), headerOnly);
        QCOMPARE(up.status, 201);
        const Answer a = waitForAnalysis(up.json.value(QStringLiteral("file_id")).toString());
        QCOMPARE(a.status, 422);
        QCOMPARE(a.errorCode(), QStringLiteral("analysis_failed"));
        QVERIFY(!a.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().isEmpty());
        QCOMPARE(get(QStringLiteral("/reports/") + up.json.value(QStringLiteral("file_id")).toString()).status, 422);
    }

    void fullAnalysisQueueIs503()
    {
        RestServer small;
        RestServerOptions o = options(QStringLiteral("queue"));
        o.workers = 1;
        o.maxQueued = 0;
        QString why;
        QVERIFY2(small.start(o, &why), qPrintable(why));
        // A capture that takes a while to analyze, and another one.
        QList<TestPacket> many;
        for (int i = 0; i < 150000; ++i)
            many << TestPacket{PB::udpFrame(QStringLiteral("10.%1.%2.1").arg(i / 250 % 250).arg(i % 250), uint16_t(1024 + i % 60000),
                                            "10.0.0.2", 53, QByteArray(40, 'x')),
                               1700000000000000000ll + i * 1000000ll, 0, 0};
        const QByteArray big = CaptureWriter::pcap(many);
        const QUrl base = small.url();
        const QString idBig = send("POST", QStringLiteral("/upload"), big, "application/octet-stream", base).json.value(QStringLiteral("file_id")).toString();
        const QString idSmall = send("POST", QStringLiteral("/upload"), smallCapture(60), "application/octet-stream", base).json.value(QStringLiteral("file_id")).toString();
        QVERIFY(!idBig.isEmpty() && !idSmall.isEmpty());
        QCOMPARE(get(QStringLiteral("/analysis/") + idBig, {{"X-API-Key", kKey.toLatin1()}}, base).status, 202);
        const Answer busy = get(QStringLiteral("/analysis/") + idSmall, {{"X-API-Key", kKey.toLatin1()}}, base);
        QCOMPARE(busy.status, 503);
        QCOMPARE(busy.errorCode(), QStringLiteral("queue_full"));
        QVERIFY(!busy.header("Retry-After").isEmpty());
        // The server thread stays responsive while the analysis runs.
        QCOMPARE(get(QStringLiteral("/health"), {}, base).status, 200);
        QCOMPARE(waitForAnalysis(idBig, base).status, 200);
        QCOMPARE(waitForAnalysis(idSmall, base).status, 200);
        small.stop();
    }

    void deleteCancelsRunningAnalysis()
    {
        QList<TestPacket> many;
        for (int i = 0; i < 150000; ++i)
            many << TestPacket{PB::udpFrame("10.9.0.1", uint16_t(1024 + i % 60000), "10.0.0.2", 53, QByteArray(40, 'y')),
                               1700000000000000000ll + i * 1000000ll, 0, 0};
        const Answer up = send("POST", QStringLiteral("/upload"), CaptureWriter::pcap(many));
        QCOMPARE(up.status, 201);
        const QString id = up.json.value(QStringLiteral("file_id")).toString();
        QCOMPARE(get(QStringLiteral("/analysis/") + id).status, 202);
        QCOMPARE(send("DELETE", QStringLiteral("/files/") + id, {}, {}).status, 200);
        QCOMPARE(get(QStringLiteral("/analysis/") + id).status, 404);
    }

    void stopWhileBusyAndRestart()
    {
        RestServer s;
        RestServerOptions o = options(QStringLiteral("restart"));
        QString why;
        QVERIFY2(s.start(o, &why), qPrintable(why));
        const QString id = send("POST", QStringLiteral("/upload"), smallCapture(70), "application/octet-stream", s.url())
                               .json.value(QStringLiteral("file_id")).toString();
        QNetworkReply *pending = m_nam.get(request(QStringLiteral("/analysis/") + id, {{"X-API-Key", kKey.toLatin1()}}, s.url()));
        s.stop();
        QVERIFY(!s.isRunning());
        finish(pending); // answered or closed, never hanging
        QVERIFY2(s.start(o, &why), qPrintable(why));
        QVERIFY(s.start(o, &why) == false); // running already
        QCOMPARE(waitForAnalysis(id, s.url()).status, 200);
        s.stop();
    }

    void badInput_data()
    {
        addRefusedColumns();
        const QByteArray key = kKey.toLatin1();
        const QList<QByteArray> withKey = {"X-API-Key", key};
        QTest::newRow("unknown id") << QByteArray("GET") << "/analysis/0123456789abcdef" << QByteArray() << QByteArray() << withKey
                                    << 404 << "not_found";
        QTest::newRow("malformed id") << QByteArray("GET") << "/reports/not-an-id" << QByteArray() << QByteArray() << withKey << 404
                                      << "not_found";
        QTest::newRow("bad report format") << QByteArray("GET") << "/reports/0123456789abcdef?format=pdf" << QByteArray() << QByteArray()
                                           << withKey << 400 << "bad_request";
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

QTEST_GUILESS_MAIN(TestAnalysisController)
#include "tst_analysiscontroller.moc"
