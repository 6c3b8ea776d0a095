// SPDX-License-Identifier: GPL-3.0-or-later
// Live capture over the REST API (GET /interfaces, POST /live, GET and
// DELETE /live/{id}) and its WebSocket (GET /live/{id}/ws): refused without
// the key (header or first message, never the URL), events arrive (stats,
// packets, a planted scan's finding before the capture stops, the end with
// the file_id of the recorded analysis), and a client that never reads
// loses stats and packet events but not findings, without growing the
// server's memory; the server shutting down ends a capture as DELETE does.
// Capturing needs root (CI runs as root); those tests skip
// and say so without it.
#include "restfixture.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTimer>
#include <QUdpSocket>
#include <QWebSocket>
#include <QtTest>

#include <unistd.h>

using namespace packetlens;
using namespace packetlens::test;

namespace {
quint16 basePort(int offset)
{
    return quint16(20000 + (QCoreApplication::applicationPid() * 89 + offset) % 30000);
}

// A WebSocket client collecting the JSON events it gets.
struct WsClient
{
    QWebSocket socket;
    QList<QJsonObject> events;
    bool closed = false;
    QWebSocketProtocol::CloseCode closeCode = QWebSocketProtocol::CloseCodeNormal;
    QString closeReason;

    WsClient()
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket,
                         [this](const QString &m) { events << QJsonDocument::fromJson(m.toUtf8()).object(); });
        QObject::connect(&socket, &QWebSocket::disconnected, &socket, [this] {
            closed = true;
            closeCode = socket.closeCode();
            closeReason = socket.closeReason();
        });
    }
    int count(const QString &type) const
    {
        int n = 0;
        for (const QJsonObject &e : events)
            n += e.value(QStringLiteral("type")).toString() == type;
        return n;
    }
    bool hasFinding(const QString &category) const
    {
        for (const QJsonObject &e : events)
            if (e.value(QStringLiteral("finding")).toObject().value(QStringLiteral("category")).toString() == category)
                return true;
        return false;
    }
};

// Server-to-client WebSocket frames read from a raw socket (never masked).
QList<QByteArray> wsFrames(QByteArray &buffer)
{
    QList<QByteArray> out;
    for (;;) {
        if (buffer.size() < 2)
            return out;
        const uchar *b = reinterpret_cast<const uchar *>(buffer.constData());
        qint64 len = b[1] & 0x7f;
        int head = 2;
        if (len == 126) {
            if (buffer.size() < 4)
                return out;
            len = (qint64(b[2]) << 8) | b[3];
            head = 4;
        } else if (len == 127) {
            if (buffer.size() < 10)
                return out;
            len = 0;
            for (int i = 2; i < 10; ++i)
                len = (len << 8) | b[i];
            head = 10;
        }
        if (buffer.size() < head + len)
            return out;
        out << buffer.mid(head, len);
        buffer.remove(0, head + len);
    }
}
} // namespace

class TestLiveController : public QObject, protected RestFixture
{
    Q_OBJECT

    QString startLive(const QJsonObject &body, QString *wsUrl)
    {
        const Answer a = send("POST", QStringLiteral("/live"), QJsonDocument(body).toJson(), "application/json");
        if (a.status != 201) {
            qWarning() << a.status << a.body;
            return QString();
        }
        *wsUrl = a.json.value(QStringLiteral("ws_url")).toString();
        return a.json.value(QStringLiteral("live_id")).toString();
    }

    QNetworkRequest wsRequest(const QString &url, bool withKey)
    {
        QNetworkRequest r{QUrl(url)};
        if (withKey)
            r.setRawHeader("X-API-Key", kKey.toLatin1());
        return r;
    }

    static bool root() { return ::geteuid() == 0; }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString why;
        QVERIFY2(startServer(QStringLiteral("live"), &why), qPrintable(why));
    }

    void interfacesListed()
    {
        const Answer a = get(QStringLiteral("/interfaces"));
        QCOMPARE(a.status, 200);
        QStringList names;
        for (const QJsonValue &v : a.json.value(QStringLiteral("interfaces")).toArray())
            names << v.toObject().value(QStringLiteral("name")).toString();
        QVERIFY2(names.contains(QStringLiteral("lo")) && names.contains(QStringLiteral("any")), qPrintable(names.join(u',')));
        QCOMPARE(get(QStringLiteral("/interfaces"), {}).status, 401);
    }

    void badRequestsRefused()
    {
        QCOMPARE(send("POST", QStringLiteral("/live"), "not json", "application/json").status, 400);
        QCOMPARE(send("POST", QStringLiteral("/live"), R"({"filter":"tcp"})", "application/json").status, 400);
        QCOMPARE(send("POST", QStringLiteral("/live"), R"({"interface":"lo","duration_s":-1})", "application/json").status, 400);
        const Answer bad = send("POST", QStringLiteral("/live"), R"({"interface":"lo","filter":"tcp port"})", "application/json");
        QCOMPARE(bad.status, 400);
        QVERIFY2(bad.errorMessage().contains(QLatin1String("invalid capture filter")), bad.body.constData());
        QCOMPARE(get(QStringLiteral("/live/0000000000000000")).status, 404);
        QCOMPARE(send("DELETE", QStringLiteral("/live/0000000000000000")).status, 404);
        QCOMPARE(get(QStringLiteral("/live/0000000000000000/ws")).status, 400); // not an upgrade
    }

    // Without the key the socket is closed (policy violation); a wrong key
    // as first message too; the key in the URL is never taken.
    void socketRefusedWithoutKey()
    {
        if (!root())
            QSKIP("capturing on lo needs root (CI runs as root)");
        QString wsUrl;
        const QString id = startLive(QJsonObject{{QStringLiteral("interface"), QStringLiteral("lo")},
                                                 {QStringLiteral("filter"), QStringLiteral("udp port %1").arg(basePort(1))}},
                                     &wsUrl);
        QVERIFY(!id.isEmpty());
        WsClient silent, wrong, inUrl;
        silent.socket.open(wsRequest(wsUrl, false));
        wrong.socket.open(wsRequest(wsUrl, false));
        QTRY_VERIFY_WITH_TIMEOUT(wrong.socket.state() == QAbstractSocket::ConnectedState, kTimeoutMs);
        wrong.socket.sendTextMessage(QStringLiteral("{\"api_key\":\"nope\"}"));
        inUrl.socket.open(wsRequest(wsUrl + QStringLiteral("?api_key=") + kKey, false));
        QTRY_VERIFY_WITH_TIMEOUT(silent.closed && wrong.closed && inUrl.closed, kTimeoutMs);
        for (const WsClient *c : {&silent, &wrong, &inUrl}) {
            QCOMPARE(c->closeCode, QWebSocketProtocol::CloseCodePolicyViolated);
            QCOMPARE(c->count(QStringLiteral("stats")), 0);
        }
        QVERIFY(silent.closeReason.contains(QLatin1String("unauthorized")));
        const Answer stopped = send("DELETE", QStringLiteral("/live/") + id);
        QCOMPARE(stopped.status, 200);
        QCOMPARE(stopped.json.value(QStringLiteral("state")).toString(), QStringLiteral("ended"));
    }

    // Stats, packets and a planted scan's finding arrive while the capture
    // runs (key as header, and as first message); DELETE ends it as an
    // analysis with a file_id whose report has the same findings.
    void eventsArriveAndEndIsRecorded()
    {
        if (!root())
            QSKIP("capturing on lo needs root (CI runs as root)");
        const quint16 udpPort = basePort(2), scanBase = basePort(200);
        QString wsUrl;
        const QString id = startLive(
            QJsonObject{{QStringLiteral("interface"), QStringLiteral("lo")},
                        {QStringLiteral("filter"), QStringLiteral("udp port %1 or tcp portrange %2-%3").arg(udpPort).arg(scanBase).arg(scanBase + 39)}},
            &wsUrl);
        QVERIFY(!id.isEmpty());
        WsClient header, message;
        header.socket.open(wsRequest(wsUrl, true));
        message.socket.open(wsRequest(wsUrl, false));
        QTRY_VERIFY_WITH_TIMEOUT(message.socket.state() == QAbstractSocket::ConnectedState, kTimeoutMs);
        message.socket.sendTextMessage(QStringLiteral("{\"api_key\":\"%1\"}").arg(kKey));
        QTRY_VERIFY_WITH_TIMEOUT(header.count(QStringLiteral("stats")) >= 1 && message.count(QStringLiteral("stats")) >= 1, kTimeoutMs);
        QUdpSocket sender;
        for (int i = 0; i < 30; ++i)
            sender.writeDatagram("live websocket test", QHostAddress::LocalHost, udpPort);
        QTRY_VERIFY_WITH_TIMEOUT(header.count(QStringLiteral("packet")) >= 30, kTimeoutMs);
        for (int p = 0; p < 40; ++p) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, quint16(scanBase + p));
            QTRY_VERIFY_WITH_TIMEOUT(s.state() == QAbstractSocket::UnconnectedState, kTimeoutMs); // refused
        }
        QTRY_VERIFY_WITH_TIMEOUT(header.hasFinding(QStringLiteral("port_scan")) && message.hasFinding(QStringLiteral("port_scan")), kTimeoutMs);
        QCOMPARE(header.count(QStringLiteral("end")), 0); // before stop
        const Answer running = get(QStringLiteral("/live/") + id);
        QCOMPARE(running.json.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
        QCOMPARE(running.json.value(QStringLiteral("clients")).toArray().size(), 2);
        const Answer stopped = send("DELETE", QStringLiteral("/live/") + id);
        QCOMPARE(stopped.status, 200);
        const QString fileId = stopped.json.value(QStringLiteral("file_id")).toString();
        QCOMPARE(fileId.size(), 16);
        QTRY_VERIFY_WITH_TIMEOUT(header.closed && message.closed, kTimeoutMs);
        QCOMPARE(header.closeCode, QWebSocketProtocol::CloseCodeNormal);
        const QJsonObject end = header.events.last();
        QCOMPARE(end.value(QStringLiteral("type")).toString(), QStringLiteral("end"));
        QCOMPARE(end.value(QStringLiteral("file_id")).toString(), fileId);
        const Answer report = get(QStringLiteral("/report/") + fileId);
        QCOMPARE(report.status, 200);
        const QJsonArray findings = report.json.value(QStringLiteral("findings")).toArray();
        QCOMPARE(findings.size(), header.count(QStringLiteral("finding")));
        QCOMPARE(report.json.value(QStringLiteral("capture")).toObject().value(QStringLiteral("packets")).toInt(),
                 end.value(QStringLiteral("packets")).toInt());
    }

    // A client that never reads: its queue stays bounded, the server's RSS
    // does not grow, it is told how many events it lost, and a finding
    // raised meanwhile still reaches it.
    void clientThatNeverReads()
    {
        if (!root())
            QSKIP("capturing on lo needs root (CI runs as root)");
        const quint16 udpPort = basePort(3), scanBase = basePort(300);
        QString wsUrl;
        const QString id = startLive(
            QJsonObject{{QStringLiteral("interface"), QStringLiteral("lo")},
                        {QStringLiteral("filter"), QStringLiteral("udp port %1 or tcp portrange %2-%3").arg(udpPort).arg(scanBase).arg(scanBase + 39)},
                        {QStringLiteral("packet_events_per_s"), 1000}},
            &wsUrl);
        QVERIFY(!id.isEmpty());
        QTcpSocket raw;
        raw.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        QVERIFY(connectSocket(raw, port()));
        raw.write("GET /live/" + id.toLatin1() + "/ws HTTP/1.1\r\n" + hostLine(port()) + "X-API-Key: " + kKey.toLatin1()
                  + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    "Sec-WebSocket-Version: 13\r\n\r\n");
        QByteArray buffer;
        QTRY_VERIFY_WITH_TIMEOUT((buffer += raw.readAll()).contains("\r\n\r\n"), kTimeoutMs);
        QVERIFY(buffer.startsWith("HTTP/1.1 101"));
        buffer.remove(0, buffer.indexOf("\r\n\r\n") + 4); // the frames that follow the answer
        raw.setReadBufferSize(1); // from here on nothing is read
        QUdpSocket sender;
        QTimer flood;
        QObject::connect(&flood, &QTimer::timeout, &sender, [&] {
            for (int i = 0; i < 100; ++i)
                sender.writeDatagram(QByteArray(200, 'x'), QHostAddress::LocalHost, udpPort);
        });
        flood.start(5);
        auto clientState = [&] { return get(QStringLiteral("/live/") + id).json.value(QStringLiteral("clients")).toArray().first().toObject(); };
        QTRY_VERIFY_WITH_TIMEOUT(clientState().value(QStringLiteral("dropped")).toInteger() > 0, 300000);
        const qint64 rssBefore = rssKiB();
        const qint64 droppedBefore = clientState().value(QStringLiteral("dropped")).toInteger();
        QTRY_VERIFY_WITH_TIMEOUT(clientState().value(QStringLiteral("dropped")).toInteger() > droppedBefore + 5000, 300000);
        const qint64 rssAfter = rssKiB();
        flood.stop();
        qInfo("RSS %lld KiB when events were first dropped, %lld KiB after %lld more dropped (queue %lld bytes)", rssBefore, rssAfter,
              clientState().value(QStringLiteral("dropped")).toInteger() - droppedBefore, clientState().value(QStringLiteral("queued_bytes")).toInteger());
#if defined(__SANITIZE_ADDRESS__)
        // ASan keeps freed memory in quarantine (up to 256 MiB), so RSS says
        // nothing here; the queue's own size below still must stay bounded.
        Q_UNUSED(rssAfter);
#else
        QVERIFY2(rssAfter - rssBefore < 8 * 1024, "the server's memory grew with a client that does not read");
#endif
        QVERIFY(clientState().value(QStringLiteral("queued_bytes")).toInteger() < 1024 * 1024);
        for (int p = 0; p < 40; ++p) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, quint16(scanBase + p));
            QTRY_VERIFY_WITH_TIMEOUT(s.state() == QAbstractSocket::UnconnectedState, kTimeoutMs);
        }
        QTRY_VERIFY_WITH_TIMEOUT(get(QStringLiteral("/live/") + id).json.value(QStringLiteral("stats")).toObject()
                                         .value(QStringLiteral("findings")).toInt() >= 1, kTimeoutMs);
        raw.setReadBufferSize(0); // reads again: the finding is there, and the count of what was lost
        bool finding = false, toldDrops = false;
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     buffer += raw.readAll();
                                     for (const QByteArray &f : wsFrames(buffer)) {
                                         finding = finding || f.contains("\"port_scan\"");
                                         toldDrops = toldDrops || f.startsWith("{\"dropped\":");
                                     }
                                     return finding && toldDrops;
                                 }()),
                                 kTimeoutMs);
        QCOMPARE(send("DELETE", QStringLiteral("/live/") + id).status, 200);
    }

    // The server shutting down while a capture runs (SIGTERM or SIGINT to
    // packetlens-cli serve, or the app quitting: each ends in
    // RestServer::stop()) ends the capture as DELETE does: the WebSocket
    // client gets the end event with a file_id, and a server started again
    // on the same history and storage has that capture as an analysis with
    // its report and every packet captured.
    void serverShutdownRecordsCapture()
    {
        if (!root())
            QSKIP("capturing on lo needs root (CI runs as root)");
        const RestServerOptions o = options(QStringLiteral("live-shutdown"));
        std::unique_ptr<RestServer> server = startOther(o);
        QVERIFY(server);
        const quint16 udpPort = basePort(4);
        const Answer started = send("POST", QStringLiteral("/live"),
                                    QJsonDocument(QJsonObject{{QStringLiteral("interface"), QStringLiteral("lo")},
                                                              {QStringLiteral("filter"), QStringLiteral("udp port %1").arg(udpPort)}})
                                        .toJson(),
                                    "application/json", server->url());
        QCOMPARE(started.status, 201);
        WsClient client;
        client.socket.open(wsRequest(started.json.value(QStringLiteral("ws_url")).toString(), true));
        QTRY_VERIFY_WITH_TIMEOUT(client.count(QStringLiteral("stats")) >= 1, kTimeoutMs);
        QUdpSocket sender;
        for (int i = 0; i < 25; ++i)
            sender.writeDatagram("live shutdown test", QHostAddress::LocalHost, udpPort);
        QTRY_VERIFY_WITH_TIMEOUT(client.count(QStringLiteral("packet")) >= 25, kTimeoutMs);
        server->stop(); // what serve does once SIGTERM or SIGINT ends its event loop
        QTRY_VERIFY_WITH_TIMEOUT(client.count(QStringLiteral("end")) == 1, kTimeoutMs);
        const QJsonObject end = client.events.last();
        QCOMPARE(end.value(QStringLiteral("type")).toString(), QStringLiteral("end"));
        QCOMPARE(end.value(QStringLiteral("reason")).toString(), QStringLiteral("stopped"));
        const QString fileId = end.value(QStringLiteral("file_id")).toString();
        QCOMPARE(fileId.size(), 16);
        QVERIFY(end.value(QStringLiteral("packets")).toInt() >= 25);
        server.reset();

        const std::unique_ptr<RestServer> again = startOther(o);
        QVERIFY(again);
        const Answer report = get(QStringLiteral("/report/") + fileId, {{"X-API-Key", kKey.toLatin1()}}, again->url());
        QCOMPARE(report.status, 200);
        QCOMPARE(report.json.value(QStringLiteral("capture")).toObject().value(QStringLiteral("packets")).toInt(),
                 end.value(QStringLiteral("packets")).toInt());
        const Answer files = get(QStringLiteral("/files"), {{"X-API-Key", kKey.toLatin1()}}, again->url());
        QCOMPARE(files.status, 200);
        QVERIFY2(files.body.contains(fileId.toLatin1()), files.body.constData());
    }
};

QTEST_GUILESS_MAIN(TestLiveController)
#include "tst_livecontroller.moc"
