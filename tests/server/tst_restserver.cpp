// The REST API over real loopback HTTP (QNetworkAccessManager and raw
// sockets): the whole flow for a built pcap, a zip and a corpus capture;
// every refused input with its status and nothing stored; the 2 GB
// Content-Length answered 413 from the headers without memory growth; the
// upload and queue bounds; the OpenAPI document against the route table.
#include "server/restserver.h"
#include "server/routetable.h"

#include "support/capturewriter.h"
#include "support/packetbuilder.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <QBuffer>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QHttpMultiPart>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace packetlens;
using namespace packetlens::test;
using PB = PacketBuilder;

namespace {
const QString kKey = QStringLiteral("test-key-0123456789abcdef");
constexpr int kTimeoutMs = 60000;

struct Answer
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QHash<QByteArray, QByteArray> headers;
    QString errorCode() const { return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(); }
};

qint64 rssKiB()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    return -1;
}

QByteArray smallCapture(int variant)
{
    QList<TestPacket> pk;
    const int64_t t0 = 1700000000000000000ll + variant * 1000000000ll;
    pk << TestPacket{PB::udpFrame("10.0.0.1", 5000, "10.0.0.2", 53, PB::dnsQuery(1, QStringLiteral("example%1.com").arg(variant))), t0, 0, 0};
    pk << TestPacket{PB::udpFrame("10.0.0.2", 53, "10.0.0.1", 5000, PB::dnsResponse(1, QStringLiteral("example%1.com").arg(variant), 0, "93.184.216.34")), t0 + 1000000, 0, 0};
    pk << TestPacket{PB::tcpFrame("10.0.0.1", 40000, "10.0.0.3", 80, tcpflags::Syn, 1, 0), t0 + 2000000, 0, 0};
    pk << TestPacket{PB::tcpFrame("10.0.0.3", 80, "10.0.0.1", 40000, tcpflags::Syn | tcpflags::Ack, 100, 2), t0 + 3000000, 0, 0};
    pk << TestPacket{PB::tcpFrame("10.0.0.1", 40000, "10.0.0.3", 80, tcpflags::Psh | tcpflags::Ack, 2, 101, "GET / HTTP/1.1\r\nHost: a\r\n\r\n"), t0 + 4000000, 0, 0};
    return CaptureWriter::pcap(pk);
}

QByteArray zipOf(const QList<QPair<QString, QByteArray>> &files)
{
    QBuffer buf;
    buf.open(QIODevice::ReadWrite);
    QuaZip zip(&buf);
    if (!zip.open(QuaZip::mdCreate))
        return {};
    for (const auto &[entry, bytes] : files) {
        QuaZipFile f(&zip);
        f.open(QIODevice::WriteOnly, QuaZipNewInfo(entry));
        f.write(bytes);
        f.close();
    }
    zip.close();
    return buf.data();
}

QByteArray zipOf(const QString &entry, const QByteArray &bytes)
{
    return zipOf({{entry, bytes}});
}

QStringList zipEntries(const QByteArray &bytes)
{
    QBuffer buf;
    buf.setData(bytes);
    QuaZip zip(&buf);
    if (!zip.open(QuaZip::mdUnzip))
        return {};
    return zip.getFileNameList();
}

QString sha256(const QByteArray &b)
{
    return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
}
} // namespace

class TestRestServer : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    RestServer m_server;
    QNetworkAccessManager m_nam;
    QUrl m_base;
    QString m_storage;

    RestServerOptions options(const QString &name) const
    {
        RestServerOptions o;
        o.port = 0;
        o.apiKey = kKey;
        o.dbPath = m_dir.filePath(name + QStringLiteral(".sqlite"));
        o.storageDir = m_dir.filePath(name + QStringLiteral("-captures"));
        return o;
    }

    QUrl url(const QString &pathAndQuery, const QUrl &base = {}) const
    {
        return (base.isEmpty() ? m_base : base).resolved(QUrl(pathAndQuery));
    }

    Answer finish(QNetworkReply *reply)
    {
        Answer a;
        if (!reply->isFinished()) {
            QSignalSpy spy(reply, &QNetworkReply::finished);
            if (!spy.wait(kTimeoutMs)) {
                reply->abort();
                reply->deleteLater();
                return a; // status 0: hung
            }
        }
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.body = reply->readAll();
        for (const auto &h : reply->rawHeaderPairs())
            a.headers.insert(h.first.toLower(), h.second);
        a.json = QJsonDocument::fromJson(a.body).object();
        reply->deleteLater();
        return a;
    }

    QNetworkRequest request(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers = {{"X-API-Key", kKey.toLatin1()}},
                            const QUrl &base = {}) const
    {
        QNetworkRequest r(url(path, base));
        for (const auto &h : headers)
            r.setRawHeader(h.first, h.second);
        return r;
    }

    Answer get(const QString &path, const QList<QPair<QByteArray, QByteArray>> &headers = {{"X-API-Key", kKey.toLatin1()}},
               const QUrl &base = {})
    {
        return finish(m_nam.get(request(path, headers, base)));
    }

    Answer send(const QByteArray &verb, const QString &path, const QByteArray &body = {},
                const QByteArray &contentType = "application/octet-stream", const QUrl &base = {})
    {
        QNetworkRequest r = request(path, {{"X-API-Key", kKey.toLatin1()}}, base);
        if (!contentType.isEmpty())
            r.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        return finish(m_nam.sendCustomRequest(r, verb, body));
    }

    Answer uploadMultipart(const QByteArray &bytes, const QString &fileName)
    {
        auto *multi = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        QHttpPart part;
        part.setHeader(QNetworkRequest::ContentDispositionHeader,
                       QStringLiteral("form-data; name=\"file\"; filename=\"%1\"").arg(fileName));
        part.setHeader(QNetworkRequest::ContentTypeHeader, "application/octet-stream");
        part.setBody(bytes);
        multi->append(part);
        QNetworkReply *reply = m_nam.post(request(QStringLiteral("/upload")), multi);
        multi->setParent(reply);
        return finish(reply);
    }

    // Polls GET /analysis until it is no longer 202.
    Answer waitForAnalysis(const QString &fileId, const QUrl &base = {})
    {
        QElapsedTimer t;
        t.start();
        Answer a;
        do {
            a = get(QStringLiteral("/analysis/") + fileId, {{"X-API-Key", kKey.toLatin1()}}, base);
            if (a.status != 202)
                return a;
            QTest::qWait(50);
        } while (t.elapsed() < kTimeoutMs);
        return a;
    }

    int storedFiles(const QString &root = {}) const
    {
        int n = 0;
        QDirIterator it(root.isEmpty() ? m_storage : root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++n;
        }
        return n;
    }

    qint64 filesTotal()
    {
        return get(QStringLiteral("/files")).json.value(QStringLiteral("total")).toInteger(-1);
    }

    // One request on its own socket: the raw answer (a 100 Continue skipped),
    // read until its body is complete or the server closes.
    static bool complete(const QByteArray &got)
    {
        const qsizetype end = got.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("Content-Length: (\\d+)"))
                                              .match(QString::fromLatin1(got.left(end)));
        return m.hasMatch() && got.size() >= end + 4 + m.captured(1).toLongLong();
    }
    static QByteArray readAnswer(QTcpSocket &s, int waitMs = 10000)
    {
        QByteArray got;
        QElapsedTimer t;
        t.start();
        for (;;) {
            got += s.readAll();
            if (got.startsWith("HTTP/1.1 100 Continue\r\n\r\n"))
                got.remove(0, 25);
            if (complete(got) || t.elapsed() > waitMs || s.state() != QAbstractSocket::ConnectedState)
                break;
            QTest::qWait(10); // the server runs on this thread: let it work
        }
        return got + s.readAll();
    }
    // Event-loop waits only: the server under test runs on this thread.
    static bool connectSocket(QTcpSocket &s, quint16 port, const QHostAddress &addr = QHostAddress::LocalHost)
    {
        s.connectToHost(addr, port);
        QElapsedTimer t;
        t.start();
        while (s.state() != QAbstractSocket::ConnectedState && s.state() != QAbstractSocket::UnconnectedState && t.elapsed() < 5000)
            QTest::qWait(5);
        return s.state() == QAbstractSocket::ConnectedState;
    }
    static void flush(QTcpSocket &s)
    {
        QElapsedTimer t;
        t.start();
        while (s.bytesToWrite() > 0 && s.state() == QAbstractSocket::ConnectedState && t.elapsed() < 5000)
            QTest::qWait(5);
    }
    QByteArray rawExchange(const QByteArray &bytes, quint16 port, int waitMs = 10000)
    {
        QTcpSocket s;
        if (!connectSocket(s, port))
            return {};
        s.write(bytes);
        return readAnswer(s, waitMs);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString why;
        const RestServerOptions o = options(QStringLiteral("main"));
        m_storage = o.storageDir;
        QVERIFY2(m_server.start(o, &why), qPrintable(why));
        QVERIFY(m_server.isRunning());
        m_base = m_server.url();
        QCOMPARE(m_base.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(m_base.port() > 0);
        QCOMPARE(m_server.apiKey(), kKey);
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
            const Answer html = get(QStringLiteral("/reports/%1?entry=%2&format=html").arg(id).arg(e));
            QCOMPARE(html.status, 200);
            QVERIFY(html.body.contains(cap.value(QStringLiteral("file_name")).toString().toUtf8()));
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

    void pagedFiles()
    {
        for (int i = 10; i < 13; ++i)
            QCOMPARE(send("POST", QStringLiteral("/upload"), smallCapture(i)).status, 201);
        const Answer page = get(QStringLiteral("/files?limit=2&offset=1"));
        QCOMPARE(page.status, 200);
        QCOMPARE(page.json.value(QStringLiteral("files")).toArray().size(), 2);
        QVERIFY(page.json.value(QStringLiteral("total")).toInteger() >= 3);
        QCOMPARE(page.json.value(QStringLiteral("limit")).toInt(), 2);
        QCOMPARE(page.json.value(QStringLiteral("offset")).toInt(), 1);
        QCOMPARE(get(QStringLiteral("/files?limit=0")).status, 400);
        QCOMPARE(get(QStringLiteral("/files?offset=x")).status, 400);
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

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QList<QByteArray>>("headers"); // name, value, name, value…
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
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
        QTest::newRow("unknown id") << QByteArray("GET") << "/analysis/0123456789abcdef" << QByteArray() << QByteArray() << withKey
                                    << 404 << "not_found";
        QTest::newRow("malformed id") << QByteArray("GET") << "/reports/not-an-id" << QByteArray() << QByteArray() << withKey << 404
                                      << "not_found";
        QTest::newRow("unknown id, delete") << QByteArray("DELETE") << "/files/0123456789abcdef" << QByteArray() << QByteArray()
                                            << withKey << 404 << "not_found";
        QTest::newRow("unknown route") << QByteArray("GET") << "/nope" << QByteArray() << QByteArray() << withKey << 404
                                       << "unknown_route";
        QTest::newRow("wrong method on upload") << QByteArray("GET") << "/upload" << QByteArray() << QByteArray() << withKey << 405
                                                << "method_not_allowed";
        QTest::newRow("wrong method on stats") << QByteArray("DELETE") << "/stats" << QByteArray() << QByteArray() << withKey << 405
                                               << "method_not_allowed";
        QTest::newRow("PUT upload") << QByteArray("PUT") << "/upload" << smallCapture(35) << QByteArray("application/octet-stream")
                                    << withKey << 405 << "method_not_allowed";
        QTest::newRow("bad report format") << QByteArray("GET") << "/reports/0123456789abcdef?format=pdf" << QByteArray() << QByteArray()
                                           << withKey << 400 << "bad_request";
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
        QFETCH(QByteArray, verb);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(QList<QByteArray>, headers);
        QFETCH(int, status);
        QFETCH(QString, code);
        const int filesBefore = storedFiles();
        const qint64 totalBefore = filesTotal();
        QNetworkRequest r(url(path));
        if (!contentType.isEmpty())
            r.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        for (int i = 0; i + 1 < headers.size(); i += 2)
            r.setRawHeader(headers[i], headers[i + 1]);
        const Answer a = finish(m_nam.sendCustomRequest(r, verb, body));
        QCOMPARE(a.status, status);
        QCOMPARE(a.errorCode(), code);
        QVERIFY(!a.json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString().isEmpty());
        if (status == 405)
            QVERIFY(!a.header("Allow").isEmpty());
        QCOMPARE(storedFiles(), filesBefore); // no temporary file left either
        QCOMPARE(filesTotal(), totalBefore);
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

    void malformedRequestHeads()
    {
        const quint16 port = quint16(m_base.port());
        const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
        QVERIFY(rawExchange("GET /health HTTP/1.1\n" + host + "\r\n", port).startsWith("HTTP/1.1 400"));
        QVERIFY(rawExchange("GET /health HTTP/1.1\r\n" + host + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello", port).startsWith("HTTP/1.1 400"));
        QVERIFY(rawExchange("POST /upload HTTP/1.1\r\n" + host + "X-API-Key: " + kKey.toLatin1()
                                + "\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", port)
                    .startsWith("HTTP/1.1 411"));
        QVERIFY(rawExchange("GET /health HTTP/1.1\r\n" + host + "X-Long: " + QByteArray(20000, 'a') + "\r\n\r\n", port).startsWith("HTTP/1.1 431"));
        // A body on a route that takes none is limited to 64 KiB.
        QVERIFY(rawExchange("GET /stats HTTP/1.1\r\n" + host + "X-API-Key: " + kKey.toLatin1() + "\r\nContent-Length: 100000\r\n\r\n", port)
                    .startsWith("HTTP/1.1 413"));
    }

    // Bar 2: a 2 GB Content-Length is answered 413 from the headers alone,
    // quickly, while the client keeps sending, and memory does not grow.
    void hugeContentLengthIs413Fast()
    {
        const quint16 port = quint16(m_base.port());
        const int filesBefore = storedFiles();
        const qint64 rssBefore = rssKiB();
        QVERIFY(rssBefore > 0);
        QTcpSocket s;
        QVERIFY(connectSocket(s, port));
        QElapsedTimer t;
        t.start();
        s.write("POST /upload HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\nX-API-Key: " + kKey.toLatin1()
                + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 2147483648\r\n\r\n");
        const QByteArray chunk = smallCapture(40) + QByteArray((1 << 20) - smallCapture(40).size(), '\0');
        QByteArray got;
        qint64 sent = 0, answeredMs = -1;
        while (t.elapsed() < 15000 && sent < (64ll << 20)) {
            if (s.state() == QAbstractSocket::ConnectedState && s.bytesToWrite() < (4 << 20)) {
                s.write(chunk);
                sent += chunk.size();
            }
            QTest::qWait(2);
            got += s.readAll();
            if (answeredMs < 0 && got.contains("\r\n\r\n"))
                answeredMs = t.elapsed();
            if (s.state() != QAbstractSocket::ConnectedState)
                break;
        }
        got += s.readAll();
        qInfo("2 GB Content-Length: answered after %lld ms (%lld MiB of body sent by then)", answeredMs, sent >> 20);
        QVERIFY2(got.startsWith("HTTP/1.1 413"), got.left(200).constData());
        QVERIFY(got.contains("payload_too_large"));
        QVERIFY(got.contains("Connection: close"));
        QVERIFY(answeredMs >= 0 && answeredMs < 2000);
        s.abort();
        QTest::qWait(100);
        const qint64 growth = rssKiB() - rssBefore;
        qInfo("RSS growth: %lld KiB", growth);
        QVERIFY2(growth < 16 * 1024, qPrintable(QStringLiteral("RSS grew by %1 KiB").arg(growth)));
        QCOMPARE(storedFiles(), filesBefore);
    }

    void hugeContentLengthOnKeptAliveConnection()
    {
        // The second request on a connection QHttpServer already serves is
        // checked too.
        const quint16 port = quint16(m_base.port());
        const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
        QTcpSocket s;
        QVERIFY(connectSocket(s, port));
        s.write("GET /health HTTP/1.1\r\n" + host + "\r\n");
        QByteArray got = readAnswer(s);
        QVERIFY2(got.startsWith("HTTP/1.1 200"), got.constData());
        s.write("POST /upload HTTP/1.1\r\n" + host + "X-API-Key: " + kKey.toLatin1()
                + "\r\nContent-Type: application/octet-stream\r\nExpect: 100-continue\r\nContent-Length: 2147483648\r\n\r\n");
        got = readAnswer(s);
        QVERIFY2(got.startsWith("HTTP/1.1 413"), got.constData());
    }

    void expectContinueAnswered()
    {
        // curl sends Expect: 100-continue and waits before sending the body; 6.4
        // ignores the header, the gate answers it.
        const quint16 port = quint16(m_base.port());
        const QByteArray body = smallCapture(41);
        QTcpSocket s;
        QVERIFY(connectSocket(s, port));
        s.write("POST /upload?name=continue.pcap HTTP/1.1\r\nHost: localhost:" + QByteArray::number(port) + "\r\nX-API-Key: " + kKey.toLatin1()
                + "\r\nContent-Type: application/vnd.tcpdump.pcap\r\nExpect: 100-continue\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n");
        QTRY_VERIFY_WITH_TIMEOUT(s.bytesAvailable() > 0, 2000);
        QCOMPARE(s.readAll(), QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
        s.write(body);
        const QByteArray got = readAnswer(s);
        QVERIFY2(got.startsWith("HTTP/1.1 201"), got.constData());
    }

    void uploadBytesInFlightAreBounded()
    {
        RestServer small;
        RestServerOptions o = options(QStringLiteral("inflight"));
        o.maxInFlightUploadBytes = 1 << 20;
        QString why;
        QVERIFY2(small.start(o, &why), qPrintable(why));
        const quint16 port = quint16(small.url().port());
        const QByteArray a = smallCapture(50) + QByteArray(700 * 1024, 'a');
        const QByteArray b = smallCapture(51) + QByteArray(700 * 1024, 'b');
        auto head = [&](const QByteArray &body) {
            return "POST /upload HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\nX-API-Key: " + kKey.toLatin1()
                   + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
        };
        QTcpSocket first;
        QVERIFY(connectSocket(first, port));
        first.write(head(a) + a.left(1000)); // held: the rest is not sent yet
        flush(first);
        QTest::qWait(200);
        const QByteArray refused = rawExchange(head(b) + b, port);
        QVERIFY2(refused.startsWith("HTTP/1.1 503"), refused.left(200).constData());
        QVERIFY(refused.contains("Retry-After: "));
        QVERIFY(refused.contains("uploads_busy"));
        first.write(a.mid(1000));
        const QByteArray got = readAnswer(first);
        QVERIFY2(got.startsWith("HTTP/1.1 201"), got.constData());
        // Once the first upload is stored (and its connection closed), the second fits.
        QByteArray second;
        QElapsedTimer t;
        t.start();
        do
            second = rawExchange(head(b) + b, port);
        while (second.startsWith("HTTP/1.1 503") && t.elapsed() < 10000 && (QTest::qWait(50), true));
        QVERIFY2(second.startsWith("HTTP/1.1 201"), second.left(300).constData());
        small.stop();
        QVERIFY(!small.isRunning());
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

    void nonLoopbackNeedsExplicitChoice()
    {
        RestServer s;
        RestServerOptions o = options(QStringLiteral("remote"));
        o.bind = QHostAddress::AnyIPv4;
        QString why;
        QVERIFY(!s.start(o, &why));
        QVERIFY(why.contains(QLatin1String("loopback")));
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

    void cleanupTestCase()
    {
        m_server.stop();
        QVERIFY(!m_server.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestRestServer)
#include "tst_restserver.moc"
