// SPDX-License-Identifier: GPL-3.0-or-later
#include "restfixture.h"

#include "support/capturewriter.h"
#include "support/packetbuilder.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <QBuffer>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QHttpMultiPart>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTimer>
#include <QTcpSocket>
#include <QtTest>

namespace packetlens::test {

using PB = PacketBuilder;

const QString kKey = QStringLiteral("test-key-0123456789abcdef");

QString Answer::errorCode() const
{
    return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

QString Answer::errorMessage() const
{
    return json.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString();
}

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

namespace {
bool complete(const QByteArray &got)
{
    const qsizetype end = got.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("Content-Length: (\\d+)")).match(QString::fromLatin1(got.left(end)));
    return m.hasMatch() && got.size() >= end + 4 + m.captured(1).toLongLong();
}
} // namespace

// Runs the event loop until the socket says something happened (connected,
// closed, bytes arrived, bytes handed to the kernel) or waitMs passed: the
// server runs on this thread, and each wait ends on the socket's event.
bool waitForSocket(QTcpSocket &s, int waitMs)
{
    QEventLoop loop;
    QTimer limit;
    limit.setSingleShot(true);
    QObject::connect(&limit, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&s, &QAbstractSocket::stateChanged, &loop, &QEventLoop::quit);
    QObject::connect(&s, &QIODevice::readyRead, &loop, &QEventLoop::quit);
    QObject::connect(&s, &QIODevice::bytesWritten, &loop, &QEventLoop::quit);
    limit.start(waitMs);
    loop.exec();
    return limit.isActive();
}

bool connectSocket(QTcpSocket &s, quint16 port, const QHostAddress &addr)
{
    s.connectToHost(addr, port);
    while (s.state() != QAbstractSocket::ConnectedState && s.state() != QAbstractSocket::UnconnectedState)
        if (!waitForSocket(s, 5000))
            break;
    return s.state() == QAbstractSocket::ConnectedState;
}

void flush(QTcpSocket &s)
{
    while (s.bytesToWrite() > 0 && s.state() == QAbstractSocket::ConnectedState)
        if (!waitForSocket(s, 5000))
            break;
}

QByteArray readAnswer(QTcpSocket &s, int waitMs)
{
    QByteArray got;
    QElapsedTimer t;
    t.start();
    for (;;) {
        got += s.readAll();
        if (got.startsWith("HTTP/1.1 100 Continue\r\n\r\n"))
            got.remove(0, 25);
        if (complete(got) || s.state() != QAbstractSocket::ConnectedState || !waitForSocket(s, int(qMax<qint64>(1, waitMs - t.elapsed()))))
            break;
    }
    return got + s.readAll();
}

QByteArray rawExchange(const QByteArray &bytes, quint16 port, int waitMs)
{
    QTcpSocket s;
    if (!connectSocket(s, port))
        return {};
    s.write(bytes);
    return readAnswer(s, waitMs);
}

bool waitClosed(QTcpSocket &s, int waitMs)
{
    if (s.state() == QAbstractSocket::UnconnectedState)
        return true;
    QSignalSpy closed(&s, &QAbstractSocket::disconnected);
    return closed.wait(waitMs) || s.state() == QAbstractSocket::UnconnectedState;
}

QByteArray uploadHead(quint16 port, qint64 contentLength, const QByteArray &extra)
{
    return "POST /upload HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\nX-API-Key: " + kKey.toLatin1()
           + "\r\nContent-Type: application/octet-stream\r\n" + extra + "Content-Length: " + QByteArray::number(contentLength) + "\r\n\r\n";
}

QByteArray hostLine(quint16 port)
{
    return "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
}

Dribbler::Dribbler(QTcpSocket &socket, const QByteArray &bytes, int intervalMs)
    : m_socket(socket), m_bytes(bytes), m_timer(std::make_unique<QTimer>())
{
    auto *timer = static_cast<QTimer *>(m_timer.get());
    QObject::connect(timer, &QTimer::timeout, timer, [this, timer] {
        if (m_sent >= m_bytes.size() || m_socket.state() != QAbstractSocket::ConnectedState) {
            timer->stop();
            return;
        }
        m_socket.write(m_bytes.constData() + m_sent, 1);
        ++m_sent;
    });
    timer->start(intervalMs);
}

Dribbler::~Dribbler() = default;

RestFixture::RestFixture() = default;
RestFixture::~RestFixture() = default;

bool RestFixture::startServer(const QString &name, QString *why)
{
    const RestServerOptions o = options(name);
    m_storage = o.storageDir;
    if (!m_server.start(o, why))
        return false;
    m_base = m_server.url();
    return true;
}

RestServerOptions RestFixture::options(const QString &name) const
{
    RestServerOptions o;
    o.port = 0;
    o.apiKey = kKey;
    o.dbPath = m_dir.filePath(name + QStringLiteral(".sqlite"));
    o.storageDir = m_dir.filePath(name + QStringLiteral("-captures"));
    return o;
}

std::unique_ptr<RestServer> RestFixture::startOther(const RestServerOptions &o)
{
    auto server = std::make_unique<RestServer>();
    QString why;
    if (!server->start(o, &why)) {
        qWarning("cannot start a server: %s", qPrintable(why));
        return nullptr;
    }
    return server;
}

QUrl RestFixture::url(const QString &pathAndQuery, const QUrl &base) const
{
    return (base.isEmpty() ? m_base : base).resolved(QUrl(pathAndQuery));
}

Answer RestFixture::finish(QNetworkReply *reply)
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

QNetworkRequest RestFixture::request(const QString &path, const Headers &headers, const QUrl &base) const
{
    QNetworkRequest r(url(path, base));
    for (const auto &h : headers)
        r.setRawHeader(h.first, h.second);
    return r;
}

Answer RestFixture::get(const QString &path, const Headers &headers, const QUrl &base)
{
    return finish(m_nam.get(request(path, headers, base)));
}

Answer RestFixture::send(const QByteArray &verb, const QString &path, const QByteArray &body, const QByteArray &contentType,
                         const QUrl &base)
{
    QNetworkRequest r = request(path, {{"X-API-Key", kKey.toLatin1()}}, base);
    if (!contentType.isEmpty())
        r.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    return finish(m_nam.sendCustomRequest(r, verb, body));
}

Answer RestFixture::uploadMultipart(const QByteArray &bytes, const QString &fileName)
{
    auto *multi = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart part;
    part.setHeader(QNetworkRequest::ContentDispositionHeader, QStringLiteral("form-data; name=\"file\"; filename=\"%1\"").arg(fileName));
    part.setHeader(QNetworkRequest::ContentTypeHeader, "application/octet-stream");
    part.setBody(bytes);
    multi->append(part);
    QNetworkReply *reply = m_nam.post(request(QStringLiteral("/upload")), multi);
    multi->setParent(reply);
    return finish(reply);
}

Answer RestFixture::waitForAnalysis(const QString &fileId, const QUrl &base)
{
    QElapsedTimer t;
    t.start();
    Answer a;
    do {
        a = get(QStringLiteral("/analysis/") + fileId, {{"X-API-Key", kKey.toLatin1()}}, base);
        if (a.status != 202)
            return a;
        QTest::qWait(50); // polling, as a client does (Retry-After); the loop ends on the answer, not the clock
    } while (t.elapsed() < kTimeoutMs);
    return a;
}

int RestFixture::storedFiles(const QString &root) const
{
    int n = 0;
    QDirIterator it(root.isEmpty() ? m_storage : root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}

qint64 RestFixture::filesTotal()
{
    return get(QStringLiteral("/files")).json.value(QStringLiteral("total")).toInteger(-1);
}

void RestFixture::addRefusedColumns()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QList<QByteArray>>("headers"); // name, value, name, value…
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
}

void RestFixture::checkRefusedRow()
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
    QVERIFY(!a.errorMessage().isEmpty());
    if (status == 405)
        QVERIFY(!a.header("Allow").isEmpty());
    QCOMPARE(storedFiles(), filesBefore); // no temporary file left either
    QCOMPARE(filesTotal(), totalBefore);
}

} // namespace packetlens::test
