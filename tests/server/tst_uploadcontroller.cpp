// SPDX-License-Identifier: GPL-3.0-or-later
// POST /upload over loopback HTTP: raw, multipart and zip uploads through the
// whole flow (analysis, reports, stats, files, delete), registration of a
// local file by path, and every refused upload with its status and nothing stored.
#include "restfixture.h"

#include "support/capturewriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

class TestUploadController : public QObject, protected RestFixture
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString why;
        QVERIFY2(startServer(QStringLiteral("upload"), &why), qPrintable(why));
    }

    void fullFlow_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("how");
        QTest::newRow("built pcap, raw body") << smallCapture(1) << QStringLiteral("built.pcap") << QStringLiteral("raw");
        QTest::newRow("zip, multipart") << zipOf(QStringLiteral("inner.pcap"), smallCapture(2)) << QStringLiteral("evidence.zip")
                                        << QStringLiteral("multipart");
        const QString corpus = QStringLiteral(PACKETLENS_CORPUS_DIR "/real/http_wireshark_sample_http_cap.pcap");
        QFile f(corpus);
        if (f.open(QIODevice::ReadOnly))
            QTest::newRow("corpus capture, multipart") << f.readAll() << QStringLiteral("http.pcap") << QStringLiteral("multipart");
        else
            qInfo("corpus capture %s absent: that row is skipped", qPrintable(corpus));
    }

    void fullFlow()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, name);
        QFETCH(QString, how);
        const int filesBefore = storedFiles();
        Answer up = how == QLatin1String("raw")
                        ? send("POST", QStringLiteral("/upload?name=") + name, bytes, "application/vnd.tcpdump.pcap")
                        : uploadMultipart(bytes, name);
        QCOMPARE(up.status, 201);
        const QString id = up.json.value(QStringLiteral("file_id")).toString();
        QCOMPARE(up.json.value(QStringLiteral("sha256")).toString(), sha256(bytes));
        QCOMPARE(id, sha256(bytes).left(16));
        QCOMPARE(up.json.value(QStringLiteral("name")).toString(), name);
        QCOMPARE(up.json.value(QStringLiteral("size_bytes")).toInteger(), bytes.size());
        QCOMPARE(up.json.value(QStringLiteral("analysis_url")).toString(), QStringLiteral("/analysis/") + id);
        QCOMPARE(up.json.value(QStringLiteral("report_url")).toString(), QStringLiteral("/reports/") + id);
        QCOMPARE(storedFiles(), filesBefore + 1);
        // Content-addressed: <root>/ab/<sha256>/<name>.
        QVERIFY(QFileInfo::exists(QDir(m_storage).filePath(sha256(bytes).left(2) + QLatin1Char('/') + sha256(bytes) + QLatin1Char('/') + name)));

        // The same bytes again: 200 with the same id, nothing new on disk.
        const Answer again = send("POST", QStringLiteral("/upload"), bytes, "application/octet-stream");
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json.value(QStringLiteral("file_id")).toString(), id);
        QCOMPARE(storedFiles(), filesBefore + 1);

        const Answer done = waitForAnalysis(id);
        QCOMPARE(done.status, 200);
        QCOMPARE(done.json.value(QStringLiteral("status")).toString(), QStringLiteral("done"));
        QVERIFY(done.json.value(QStringLiteral("summary")).toObject().value(QStringLiteral("packets")).toInteger() > 0);
        QCOMPARE(done.json.value(QStringLiteral("report_url")).toString(), QStringLiteral("/reports/") + id);
        const QJsonArray captures = done.json.value(QStringLiteral("entries")).toArray();
        QCOMPARE(captures.size(), 1); // a plain capture, or a zip holding one, is its own single entry
        QCOMPARE(captures[0].toObject().value(QStringLiteral("report_url")).toString(), QStringLiteral("/reports/%1?entry=1").arg(id));
        QCOMPARE(captures[0].toObject().value(QStringLiteral("packets")).toInteger(),
                 done.json.value(QStringLiteral("summary")).toObject().value(QStringLiteral("packets")).toInteger());

        const Answer json = get(QStringLiteral("/reports/") + id);
        QCOMPARE(json.status, 200);
        QCOMPARE(json.json.value(QStringLiteral("schema")).toString(), QStringLiteral("packetlens.report/1"));
        QCOMPARE(json.json.value(QStringLiteral("capture")).toObject().value(QStringLiteral("packets")).toInteger(),
                 done.json.value(QStringLiteral("summary")).toObject().value(QStringLiteral("packets")).toInteger());
        const Answer alias = get(QStringLiteral("/report/") + id + QStringLiteral("?format=json"));
        QCOMPARE(alias.status, 200);
        QCOMPARE(alias.body, json.body);

        const Answer html = get(QStringLiteral("/reports/") + id + QStringLiteral("?format=html"));
        QCOMPARE(html.status, 200);
        QVERIFY(html.header("Content-Type").startsWith("text/html"));
        QVERIFY(html.body.contains("<svg"));
        QVERIFY(!html.body.contains("<script"));

        const Answer zip = get(QStringLiteral("/reports/") + id + QStringLiteral("?format=zip"));
        QCOMPARE(zip.status, 200);
        QCOMPARE(zip.header("Content-Type"), QByteArray("application/zip"));
        const QStringList entries = zipEntries(zip.body);
        for (const char *e : {"report.json", "report.html", "evidence.pcap", "manifest.json"})
            QVERIFY2(entries.contains(QLatin1String(e)), e);

        const Answer stats = get(QStringLiteral("/stats"));
        QCOMPARE(stats.status, 200);
        QVERIFY(stats.json.value(QStringLiteral("captures")).toInteger() >= 1);
        QVERIFY(stats.json.contains(QStringLiteral("top_suspicious_ips")));

        const Answer files = get(QStringLiteral("/files?limit=500"));
        QCOMPARE(files.status, 200);
        bool listed = false;
        for (const QJsonValue &v : files.json.value(QStringLiteral("files")).toArray())
            listed = listed || (v.toObject().value(QStringLiteral("file_id")).toString() == id
                                && v.toObject().value(QStringLiteral("status")).toString() == QLatin1String("done")
                                && v.toObject().value(QStringLiteral("stored")).toBool());
        QVERIFY(listed);

        const Answer del = send("DELETE", QStringLiteral("/files/") + id, {}, {});
        QCOMPARE(del.status, 200);
        QCOMPARE(storedFiles(), filesBefore);
        QCOMPARE(get(QStringLiteral("/analysis/") + id).status, 404);
        QCOMPARE(send("DELETE", QStringLiteral("/files/") + id, {}, {}).status, 404);
    }

    void registerLocalFileByPath()
    {
        const QString path = m_dir.filePath(QStringLiteral("local.pcap"));
        QVERIFY(CaptureWriter::save(path, smallCapture(20)));
        const int before = storedFiles();
        const Answer a = send("POST", QStringLiteral("/upload"), QJsonDocument(QJsonObject{{QStringLiteral("path"), path}}).toJson(),
                              "application/json");
        QCOMPARE(a.status, 201);
        QCOMPARE(a.json.value(QStringLiteral("stored")).toBool(), false);
        QCOMPARE(storedFiles(), before); // referenced, not copied
        const QString id = a.json.value(QStringLiteral("file_id")).toString();
        QCOMPARE(waitForAnalysis(id).status, 200);
        QCOMPARE(send("DELETE", QStringLiteral("/files/") + id, {}, {}).status, 200);
        QVERIFY(QFileInfo::exists(path)); // a referenced file is never deleted
    }

    // File names of multipart parts are parsed as RFC 7578 and RFC 6266 say:
    // quoted strings keep their ';' and escaped quotes; filename* wins.
    void multipartFileNamesKeptWhole_data()
    {
        QTest::addColumn<QByteArray>("disposition");
        QTest::addColumn<QString>("name");
        QTest::newRow("semicolon") << QByteArray("form-data; name=\"file\"; filename=\"a;b.pcap\"") << QStringLiteral("a;b.pcap");
        QTest::newRow("escaped quote") << QByteArray("form-data; name=\"file\"; filename=\"say \\\"hi\\\"; now.pcap\"")
                                       << QStringLiteral("say \"hi\"; now.pcap");
        QTest::newRow("filename*") << QByteArray("form-data; name=\"file\"; filename=\"plain.pcap\"; filename*=UTF-8''na%C3%AFve%3Bx.pcap")
                                   << QStringLiteral("naïve;x.pcap");
    }

    void multipartFileNamesKeptWhole()
    {
        QFETCH(QByteArray, disposition);
        QFETCH(QString, name);
        static int variant = 90;
        const QByteArray capture = smallCapture(variant++);
        const QByteArray body = "--xyz\r\nContent-Disposition: " + disposition + "\r\nContent-Type: application/octet-stream\r\n\r\n" + capture
                                + "\r\n--xyz--\r\n";
        const Answer a = send("POST", QStringLiteral("/upload"), body, "multipart/form-data; boundary=xyz");
        QCOMPARE(a.status, 201);
        QCOMPARE(a.json.value(QStringLiteral("name")).toString(), name);
        QCOMPARE(a.json.value(QStringLiteral("size_bytes")).toInteger(), capture.size());
    }

    // {"path": …} of a file that is no capture: the answer says so without
    // the file's first bytes (the key holder must not read files through it).
    void pathOfNoCaptureDoesNotEchoItsBytes()
    {
        const QString path = m_dir.filePath(QStringLiteral("secret.txt"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("SECRET-TOKEN-0123456789\n");
        f.close();
        const Answer a = send("POST", QStringLiteral("/upload"), QJsonDocument(QJsonObject{{QStringLiteral("path"), path}}).toJson(),
                              "application/json");
        QCOMPARE(a.status, 415);
        QCOMPARE(a.errorCode(), QStringLiteral("unsupported_media_type"));
        QVERIFY(!a.errorMessage().isEmpty());
        for (const char *leak : {"SECRET", "SECR", "53 45 43 52", "53454352"})
            QVERIFY2(!a.body.contains(leak), a.body.constData());
    }

    // Storage failures answer 500 without the server's absolute paths.
    void storageFailureHidesAbsolutePaths()
    {
        const QByteArray capture = smallCapture(95);
        // The folder the capture would go in is a file: storing it fails.
        const QString blocker = QDir(m_storage).filePath(sha256(capture).left(2));
        QFile f(blocker);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        const Answer a = send("POST", QStringLiteral("/upload"), capture);
        QVERIFY(QFile::remove(blocker));
        QCOMPARE(a.status, 500);
        QCOMPARE(a.errorCode(), QStringLiteral("internal"));
        QVERIFY(!a.errorMessage().isEmpty());
        QVERIFY2(!a.body.contains(m_storage.toUtf8()), a.body.constData());
        QVERIFY2(!a.body.contains(m_dir.path().toUtf8()), a.body.constData());
        QVERIFY2(!a.body.contains("\"/"), a.body.constData());
        QCOMPARE(send("POST", QStringLiteral("/upload"), capture).status, 201); // stored once the folder can be made
    }

    void badInput_data()
    {
        addRefusedColumns();
        const QByteArray key = kKey.toLatin1();
        const QList<QByteArray> withKey = {"X-API-Key", key};
        const QByteArray pcapStart = smallCapture(30).left(10);
        QTest::newRow("not a capture") << QByteArray("POST") << "/upload" << QByteArray("<html>not a capture</html>")
                                       << QByteArray("application/octet-stream") << withKey << 415 << "unsupported_media_type";
        QTest::newRow("truncated capture header") << QByteArray("POST") << "/upload" << pcapStart
                                                  << QByteArray("application/vnd.tcpdump.pcap") << withKey << 415 << "unsupported_media_type";
        QTest::newRow("empty body") << QByteArray("POST") << "/upload" << QByteArray() << QByteArray("application/octet-stream")
                                    << withKey << 400 << "bad_request";
        QTest::newRow("broken multipart") << QByteArray("POST") << "/upload"
                                          << QByteArray("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pcap\"\r\n\r\n")
                                                 + smallCapture(31)
                                          << QByteArray("multipart/form-data; boundary=xyz") << withKey << 400 << "bad_request";
        QTest::newRow("multipart without boundary") << QByteArray("POST") << "/upload" << smallCapture(32)
                                                    << QByteArray("multipart/form-data") << withKey << 400 << "bad_request";
        QTest::newRow("multipart without file field")
            << QByteArray("POST") << "/upload"
            << QByteArray("--xyz\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\n") + smallCapture(33) + "\r\n--xyz--\r\n"
            << QByteArray("multipart/form-data; boundary=xyz") << withKey << 400 << "bad_request";
        QTest::newRow("multipart holding no capture")
            << QByteArray("POST") << "/upload"
            << QByteArray("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.pcap\"\r\n\r\nhello\r\n--xyz--\r\n")
            << QByteArray("multipart/form-data; boundary=xyz") << withKey << 415 << "unsupported_media_type";
        QTest::newRow("content type not taken") << QByteArray("POST") << "/upload" << smallCapture(34) << QByteArray("text/plain")
                                                << withKey << 415 << "unsupported_media_type";
        QTest::newRow("bad json") << QByteArray("POST") << "/upload" << QByteArray("{\"path\": ") << QByteArray("application/json")
                                  << withKey << 400 << "bad_request";
        QTest::newRow("relative path") << QByteArray("POST") << "/upload" << QByteArray("{\"path\": \"a.pcap\"}")
                                       << QByteArray("application/json") << withKey << 400 << "bad_request";
        QTest::newRow("path of no capture") << QByteArray("POST") << "/upload" << QByteArray("{\"path\": \"/etc/hostname\"}")
                                            << QByteArray("application/json") << withKey << 415 << "unsupported_media_type";
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

QTEST_GUILESS_MAIN(TestUploadController)
#include "tst_uploadcontroller.moc"
