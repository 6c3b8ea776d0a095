// SPDX-License-Identifier: GPL-3.0-or-later
// The upload gate, over raw sockets: malformed request heads, a 2 GB
// Content-Length answered 413 from the headers alone without memory growth,
// kept-alive connections, Expect: 100-continue, the upload-bytes budget.
#include "restfixture.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpSocket>

#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

class TestUploadGate : public QObject, protected RestFixture
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString why;
        QVERIFY2(startServer(QStringLiteral("gate"), &why), qPrintable(why));
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

    // Qt 6.4 drops every header field of a head with more than 100: such a
    // head is refused, so that the gate and QHttpServer read the same request.
    void tooManyHeaderFieldsIs431()
    {
        QByteArray fields;
        for (int i = 0; i < 100; ++i)
            fields += "X-F" + QByteArray::number(i) + ": v\r\n";
        const QByteArray head = "GET /stats HTTP/1.1\r\n" + hostLine(port()) + "X-API-Key: " + kKey.toLatin1() + "\r\n";
        const QByteArray refused = rawExchange(head + fields + "\r\n", port());
        QVERIFY2(refused.startsWith("HTTP/1.1 431"), refused.constData());
        QVERIFY(refused.contains("headers_too_large"));
        const QByteArray fine = rawExchange(head + fields.left(fields.indexOf("X-F98")) + "\r\n", port()); // 100 in all
        QVERIFY2(fine.startsWith("HTTP/1.1 200"), fine.constData());
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
        qint64 sent = 0, sentWhenAnswered = -1, answeredMs = -1;
        while (t.elapsed() < kTimeoutMs && sent < (64ll << 20)) {
            if (s.state() == QAbstractSocket::ConnectedState && s.bytesToWrite() < (4 << 20)) {
                s.write(chunk);
                sent += chunk.size();
            }
            waitForSocket(s, 1000); // the server (this thread) reads; each wait ends on the socket's event
            got += s.readAll();
            if (answeredMs < 0 && got.contains("\r\n\r\n")) {
                answeredMs = t.elapsed();
                sentWhenAnswered = sent;
            }
            if (s.state() != QAbstractSocket::ConnectedState)
                break;
        }
        got += s.readAll();
        qInfo("2 GB Content-Length: answered after %lld ms (%lld MiB of body sent by then)", answeredMs, sentWhenAnswered >> 20);
        QVERIFY2(got.startsWith("HTTP/1.1 413"), got.left(200).constData());
        QVERIFY(got.contains("payload_too_large"));
        QVERIFY(got.contains("Connection: close"));
        // Answered from the head alone: before the client had sent even 64 MiB
        // of the 2 GiB it announced (bytes, not a clock, decide).
        QVERIFY(answeredMs >= 0 && sentWhenAnswered < (64ll << 20));
        s.abort();
        QTRY_COMPARE_WITH_TIMEOUT(m_server.openConnections(), 0, kTimeoutMs); // the server saw the abort
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

    // The upload bytes held in memory at once are bounded: with the budget
    // used by bytes received, another upload is refused 503 until the first
    // is stored.
    void uploadBytesInFlightAreBounded()
    {
        RestServerOptions o = options(QStringLiteral("inflight"));
        o.maxInFlightUploadBytes = 1 << 20;
        const auto small = startOther(o);
        QVERIFY(small);
        const quint16 port = quint16(small->url().port());
        const QByteArray a = smallCapture(50) + QByteArray(1200 * 1024, 'a');
        const QByteArray b = smallCapture(51) + QByteArray(700 * 1024, 'b');
        QTcpSocket first;
        QVERIFY(connectSocket(first, port));
        first.write(uploadHead(port, a.size()) + a.left(a.size() - 1000)); // held: the rest is not sent yet
        QTRY_VERIFY_WITH_TIMEOUT(small->uploadBytesInFlight() >= o.maxInFlightUploadBytes, kTimeoutMs);
        const QByteArray refused = rawExchange(uploadHead(port, b.size()) + b, port);
        QVERIFY2(refused.startsWith("HTTP/1.1 503"), refused.left(200).constData());
        QVERIFY(refused.contains("Retry-After: "));
        QVERIFY(refused.contains("uploads_busy"));
        first.write(a.right(1000));
        const QByteArray got = readAnswer(first);
        QVERIFY2(got.startsWith("HTTP/1.1 201"), got.constData());
        // Once the first upload is stored (and its connection closed), the second fits.
        QTRY_COMPARE_WITH_TIMEOUT(small->uploadBytesInFlight(), 0, kTimeoutMs);
        const QByteArray second = rawExchange(uploadHead(port, b.size()) + b, port);
        QVERIFY2(second.startsWith("HTTP/1.1 201"), second.left(300).constData());
        small->stop();
        QVERIFY(!small->isRunning());
    }

    // An upload that declares 900 MiB and sends slowly holds the budget
    // only with the bytes it sent: others are stored meanwhile.
    void slowHugeUploadDoesNotBlockOthers()
    {
        RestServerOptions o = options(QStringLiteral("slowhuge"));
        o.maxInFlightUploadBytes = 1 << 20;
        const auto small = startOther(o);
        QVERIFY(small);
        const quint16 port = quint16(small->url().port());
        QTcpSocket slow;
        QVERIFY(connectSocket(slow, port));
        slow.write(uploadHead(port, 900ll << 20) + smallCapture(52).left(100));
        QTRY_VERIFY_WITH_TIMEOUT(small->uploadBytesInFlight() >= 100, kTimeoutMs);
        QVERIFY2(small->uploadBytesInFlight() < o.maxInFlightUploadBytes, qPrintable(QString::number(small->uploadBytesInFlight())));
        for (int i = 0; i < 3; ++i) {
            const QByteArray other = smallCapture(53 + i) + QByteArray(300 * 1024, char('c' + i));
            const QByteArray got = rawExchange(uploadHead(port, other.size()) + other, port);
            QVERIFY2(got.startsWith("HTTP/1.1 201"), got.left(300).constData());
        }
        QCOMPARE(slow.state(), QAbstractSocket::ConnectedState); // still being received
    }

    // A request head must be complete within its deadline from the
    // connection's start, however the bytes trickle in.
    void headDeadlineCountsFromConnectionStart()
    {
        RestServerOptions o = options(QStringLiteral("headdeadline"));
        o.connections.headTimeoutMs = 300;
        const auto small = startOther(o);
        QVERIFY(small);
        const quint16 port = quint16(small->url().port());
        QTcpSocket s;
        QVERIFY(connectSocket(s, port));
        Dribbler slow(s, "GET /health HTTP/1.1\r\n" + hostLine(port) + "X-Slow: " + QByteArray(8000, 'a'), 20);
        QVERIFY2(waitClosed(s, 20000), qPrintable(QStringLiteral("still open after %1 bytes").arg(slow.sent())));
        const QByteArray got = s.readAll();
        QVERIFY2(got.startsWith("HTTP/1.1 408"), got.constData());
        QVERIFY(got.contains("request_timeout"));
    }

    // A body whose bytes stop coming, or that comes slower than the
    // minimum rate, is answered 408 and its connection closed.
    void slowOrStalledBodiesTimeOut_data()
    {
        QTest::addColumn<int>("intervalMs"); // 0: the bytes stop
        QTest::newRow("stalled") << 0;
        QTest::newRow("below the minimum rate") << 20;
    }

    void slowOrStalledBodiesTimeOut()
    {
        QFETCH(int, intervalMs);
        RestServerOptions o = options(QStringLiteral("slowbody"));
        o.connections.stalledTimeoutMs = intervalMs == 0 ? 300 : 60000;
        o.connections.bodyGraceMs = 300;
        o.connections.minBodyBytesPerSecond = 1 << 20;
        const auto small = startOther(o);
        QVERIFY(small);
        const quint16 port = quint16(small->url().port());
        const QByteArray body = smallCapture(56) + QByteArray(1 << 20, 'd');
        QTcpSocket s;
        QVERIFY(connectSocket(s, port));
        s.write(uploadHead(port, body.size()) + body.left(100));
        std::unique_ptr<Dribbler> slow;
        if (intervalMs > 0)
            slow = std::make_unique<Dribbler>(s, body.mid(100), intervalMs);
        QVERIFY2(waitClosed(s, 20000), "the slow upload was not closed");
        const QByteArray got = s.readAll();
        QVERIFY2(got.startsWith("HTTP/1.1 408"), got.constData());
        QTRY_COMPARE_WITH_TIMEOUT(small->uploadBytesInFlight(), 0, kTimeoutMs);
    }

    // At the connection limit, connections without a valid key that sit
    // idle or dribble their head do not lock out a client with the key: the
    // connection that matters least (idle first, then the oldest) makes room.
    void crowdOfSlowClientsDoesNotStarveKeyedClient_data()
    {
        QTest::addColumn<int>("idle"); // of the 256 (the last ones opened)
        QTest::newRow("256 dribbling their head") << 0;
        QTest::newRow("255 dribbling, 1 idle") << 1;
        QTest::newRow("256 idle") << 256;
    }

    void crowdOfSlowClientsDoesNotStarveKeyedClient()
    {
        QFETCH(int, idle);
        RestServerOptions o = options(QStringLiteral("crowd"));
        const int limit = o.connections.maxConnections;
        QCOMPARE(limit, 256);
        const auto server = startOther(o);
        QVERIFY(server);
        const quint16 port = quint16(server->url().port());
        std::vector<std::unique_ptr<QTcpSocket>> crowd;
        for (int i = 0; i < limit; ++i) {
            crowd.push_back(std::make_unique<QTcpSocket>());
            QVERIFY(connectSocket(*crowd.back(), port));
            if (i < limit - idle) {
                crowd.back()->write("G"); // one byte of a head; the next would follow 5 s later
                crowd.back()->flush();
            }
        }
        QTRY_COMPARE_WITH_TIMEOUT(server->openConnections(), limit, kTimeoutMs);
        for (int i = 0; i < limit - idle; ++i) {
            crowd[size_t(i)]->write("E");
            crowd[size_t(i)]->flush();
        }
        const QByteArray got = rawExchange("GET /stats HTTP/1.1\r\n" + hostLine(port) + "X-API-Key: " + kKey.toLatin1() + "\r\n\r\n", port);
        QVERIFY2(got.startsWith("HTTP/1.1 200"), got.left(200).constData());
        // The one closed to make room: the idle one if any, else the oldest.
        const size_t victim = idle > 0 ? size_t(limit - idle) : 0;
        QVERIFY(waitClosed(*crowd[victim], 10000));
        if (idle == 1)
            for (int i = 0; i < limit - idle; ++i)
                QCOMPARE(crowd[size_t(i)]->state(), QAbstractSocket::ConnectedState);
    }

    // A client that sends a large body without waiting for 100 Continue
    // reads the refusal: the body is read and dropped, not cut by a reset.
    void refusedLargeBodyIsDrainedNotReset()
    {
        RestServerOptions o = options(QStringLiteral("drain"));
        o.maxInFlightUploadBytes = 1 << 20;
        const auto small = startOther(o);
        QVERIFY(small);
        const quint16 port = quint16(small->url().port());
        const QByteArray held = smallCapture(57) + QByteArray(2 << 20, 'e');
        QTcpSocket first;
        QVERIFY(connectSocket(first, port));
        first.write(uploadHead(port, held.size()) + held.left(1536 * 1024));
        QTRY_VERIFY_WITH_TIMEOUT(small->uploadBytesInFlight() >= o.maxInFlightUploadBytes, kTimeoutMs);

        constexpr qint64 kBody = 64ll << 20;
        QTcpSocket s;
        QVERIFY(connectSocket(s, port));
        qint64 written = 0;
        QObject::connect(&s, &QIODevice::bytesWritten, &s, [&written](qint64 n) { written += n; });
        const QByteArray head = uploadHead(port, kBody);
        s.write(head);
        const QByteArray chunk(1 << 20, 'f');
        qint64 queued = 0;
        QByteArray got;
        QElapsedTimer t;
        t.start();
        while (s.state() == QAbstractSocket::ConnectedState && written < head.size() + kBody && t.elapsed() < kTimeoutMs) {
            if (queued < kBody && s.bytesToWrite() < (4 << 20)) {
                s.write(chunk);
                queued += chunk.size();
            }
            waitForSocket(s, 1000); // the server (this thread) reads; each wait ends on the socket's event
            got += s.readAll();
        }
        QVERIFY(waitClosed(s, kTimeoutMs));
        got += s.readAll();
        QVERIFY2(got.startsWith("HTTP/1.1 503"), got.left(200).constData());
        QVERIFY(got.contains("uploads_busy"));
        QCOMPARE(written, head.size() + kBody); // every byte was taken, none cut off
    }

    void cleanupTestCase()
    {
        m_server.stop();
        QVERIFY(!m_server.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestUploadGate)
#include "tst_uploadgate.moc"
