// SPDX-License-Identifier: GPL-3.0-or-later
// The report's objects (ObjectLog, found in the analysis' one pass): the
// hashes of the files `tshark --export-objects` carves from the shared
// corpus (tests/data/objects_expected.tsv), and ioc_match on a listed hash.
#include "core/decode/packetdecoder.h"
#include "core/detect/indicatorlist.h"
#include "core/objects/objectlog.h"
#include "core/report/reportjson.h"
#include "core/service/analysisservice.h"

#include "support/packetbuilder.h"

#include <QFile>
#include <QTest>

#include <map>
#include <set>

using namespace packetlens;

namespace {
QString corpus(const QString &name)
{
    return QStringLiteral(PACKETLENS_CORPUS_DIR "/real/") + name;
}

Report analyze(const QString &path, const QStringList &iocs = {}, int maxList = 1000)
{
    AnalysisRequest req;
    req.path = path;
    req.analyzer.limits.maxListItems = maxList;
    auto settings = std::make_shared<DetectionSettings>();
    for (const QString &i : iocs)
        settings->iocs.add(i);
    req.analyzer.detection = settings;
    const QList<AnalysisOutcome> out = AnalysisService::analyze(req);
    return out.isEmpty() ? Report() : out.first().report;
}

// Feeds an ObjectLog frames of one conversation (id 1) as the analyzer
// would, and records what reaches its sink and when.
struct LogFeed
{
    ObjectLog log;
    std::vector<std::pair<uint64_t, CapturedObject>> delivered; // (packet being fed, object)
    uint64_t number = 0;
    LogFeed()
    {
        log.setSink([this](const CapturedObject &o) { delivered.emplace_back(number, o); });
    }
    void add(const QByteArray &frame, bool fromClient)
    {
        DecodedPacket d;
        PacketDecoder().decode(1, reinterpret_cast<const uint8_t *>(frame.constData()), uint32_t(frame.size()),
                               uint32_t(frame.size()), d);
        PacketContext pc;
        pc.number = ++number;
        pc.tsNs = int64_t(number) * 1000000;
        pc.d = &d;
        pc.hasConversation = true;
        pc.fromOriginator = fromClient;
        pc.conversationId = 1;
        log.onPacket(pc);
    }
    // One HTTP exchange on 10.0.0.1:40000 -> 10.0.0.2:80 closed by FIN both ways.
    void exchange(const QByteArray &body, uint32_t cs, uint32_t ss)
    {
        using namespace test::tcpflags;
        using PB = test::PacketBuilder;
        const QString c = QStringLiteral("10.0.0.1"), s = QStringLiteral("10.0.0.2");
        const QByteArray req = "GET /" + body + ".txt HTTP/1.1\r\nHost: example\r\n\r\n";
        const QByteArray resp = "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        add(PB::tcpFrame(c, 40000, s, 80, Syn, cs), true);
        add(PB::tcpFrame(s, 80, c, 40000, Syn | Ack, ss, cs + 1), false);
        add(PB::tcpFrame(c, 40000, s, 80, Psh | Ack, cs + 1, ss + 1, req), true);
        add(PB::tcpFrame(s, 80, c, 40000, Psh | Ack, ss + 1, cs + 1 + uint32_t(req.size()), resp), false);
        add(PB::tcpFrame(s, 80, c, 40000, Fin | Ack, ss + 1 + uint32_t(resp.size()), cs + 1 + uint32_t(req.size())), false);
        add(PB::tcpFrame(c, 40000, s, 80, Fin | Ack, cs + 1 + uint32_t(req.size()), ss + 2 + uint32_t(resp.size())), true);
        // late: the response sent again, and the last ACK
        add(PB::tcpFrame(s, 80, c, 40000, Psh | Ack, ss + 1, cs + 1 + uint32_t(req.size()), resp), false);
        add(PB::tcpFrame(c, 40000, s, 80, Ack, cs + 2 + uint32_t(req.size()), ss + 2 + uint32_t(resp.size())), true);
    }
};

// Feeds an ObjectCarver TCP frames as the analysis would (dir 0: the client).
struct CarverFeed
{
    ObjectCarver carver{{}, 1 << 20, false};
    std::vector<std::pair<uint64_t, CapturedObject>> carved; // (packet being fed, object)
    uint64_t number = 0;
    void add(int64_t stream, const QByteArray &frame, bool fromClient)
    {
        DecodedPacket d;
        PacketDecoder().decode(1, reinterpret_cast<const uint8_t *>(frame.constData()), uint32_t(frame.size()),
                               uint32_t(frame.size()), d);
        std::vector<CapturedObject> out;
        ++number;
        carver.add(number, int64_t(number) * 1000000, d, stream, fromClient ? 0 : 1, d.seq, &out);
        for (CapturedObject &o : out)
            carved.emplace_back(number, std::move(o));
    }
};

// download.html of http_wireshark_sample_http_cap.pcap, as tshark carves it.
const QString kDownloadHtml = QStringLiteral("9475e5443f5581958175c3ec56994a5910e85f64d919631dbf61ef21e0baa859");
} // namespace

class TstObjectLog : public QObject
{
    Q_OBJECT
private slots:
    void indicatorListTakesHashes()
    {
        IndicatorList l;
        l.add(kDownloadHtml.toUpper() + QStringLiteral(",download.html # from a feed"));
        l.add(kDownloadHtml.left(63)); // not a hash (nor a domain)
        QCOMPARE(l.size(), 1);
        QVERIFY(l.matchesSha256(kDownloadHtml));
        QVERIFY(l.matchesSha256(kDownloadHtml.toUpper()));
        QVERIFY(!l.matchesSha256(kDownloadHtml.left(63) + u'0'));
        IndicatorList none;
        QVERIFY(none.fingerprint() != l.fingerprint());
    }

    // Every file tshark carves is in the report with the same SHA-256 and size.
    void reportListsTsharksFiles()
    {
        if (!QFile::exists(corpus(QStringLiteral("http_browsing_bro_org.pcap"))))
            QSKIP("the shared corpus is not there");
        QFile f(QStringLiteral(PACKETLENS_TEST_DATA "/objects_expected.tsv"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        std::map<QString, std::multiset<std::pair<QString, qint64>>> expected;
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QList<QByteArray> c = line.split('\t');
            // tshark's SMTP.eml repeats part of the mail (docs/tshark-differences.md).
            const bool tsharkRepeats = c.value(0) == "smtp_auth_login_starttls_mail.pcap" && c.value(4) == "SMTP.eml";
            if (c.size() == 5 && !line.startsWith('#') && !tsharkRepeats)
                expected[QString::fromUtf8(c[0])].insert({QString::fromUtf8(c[2]), c[3].toLongLong()});
        }
        QCOMPARE(int(expected.size()), 6);
        for (const auto &[capture, files] : expected) {
            const Report r = analyze(corpus(capture));
            std::multiset<std::pair<QString, qint64>> ours;
            for (const ReportObject &o : r.objects) {
                ours.insert({o.sha256, o.sizeBytes});
                QVERIFY(o.packet > 0 && o.packet <= r.capture.packets);
                QVERIFY(!o.client.isEmpty());
            }
            for (const auto &file : files)
                QVERIFY2(ours.count(file) >= files.count(file),
                         qPrintable(capture + QStringLiteral(": tshark's ") + file.first + QStringLiteral(" not in the report")));
            QCOMPARE(r.objectsOmitted, 0);
            const std::optional<Report> back = ReportJson::fromBytes(ReportJson::toBytes(r, false));
            QVERIFY(back);
            QCOMPARE(back->objects, r.objects);
        }
    }

    // A stream closed on the wire (FIN both ways) is carved at once, not when
    // its conversation ends (a live capture retires conversations a minute or
    // more later; their bytes would fill the budget): its late packets change
    // nothing, and a SYN that opens the same ports again starts a new stream.
    void closedStreamIsCarvedAtOnce()
    {
        LogFeed feed;
        feed.exchange("first", 1000, 5000);
        QCOMPARE(feed.delivered.size(), size_t(1));
        QCOMPARE(feed.delivered[0].first, uint64_t(6)); // the second FIN
        QCOMPARE(feed.delivered[0].second.name, QStringLiteral("first.txt"));
        QCOMPARE(feed.delivered[0].second.size, qint64(5));
        QCOMPARE(feed.delivered[0].second.frame, uint64_t(4)); // the packet that completed it
        feed.exchange("second", 90000, 70000); // the same ports again
        QCOMPARE(feed.delivered.size(), size_t(2));
        QCOMPARE(feed.delivered[1].first, uint64_t(14));
        QCOMPARE(feed.delivered[1].second.name, QStringLiteral("second.txt"));
        QCOMPARE(feed.delivered[1].second.frame, uint64_t(12));
        Conv c;
        c.proto = 6;
        c.firstPacket = 1;
        feed.log.onConversation(c); // the conversation ends: nothing more
        const std::vector<CapturedObject> listed = feed.log.finish();
        QCOMPARE(feed.delivered.size(), size_t(2));
        QCOMPARE(listed.size(), size_t(2));
        QCOMPARE(listed[0].name, QStringLiteral("first.txt"));
        QCOMPARE(listed[1].name, QStringLiteral("second.txt"));
        QCOMPARE(feed.log.omitted(), uint64_t(0));
    }

    // An FTP data connection's file is carved as the connection closes, named
    // by the control connection's RETR; the control connection is forgotten
    // when its conversation ends (a live capture holds no FTP state for
    // sessions that are over).
    void ftpFileIsCarvedAsItsConnectionCloses()
    {
        using namespace test::tcpflags;
        using PB = test::PacketBuilder;
        const QString c = QStringLiteral("10.0.0.1"), s = QStringLiteral("10.0.0.2");
        CarverFeed feed;
        uint32_t cs = 101, ss = 501; // control sequence numbers
        auto toServer = [&](const QByteArray &line) {
            feed.add(1, PB::tcpFrame(c, 50000, s, 21, Psh | Ack, cs, ss, line), true);
            cs += uint32_t(line.size());
        };
        auto toClient = [&](const QByteArray &line) {
            feed.add(1, PB::tcpFrame(s, 21, c, 50000, Psh | Ack, ss, cs, line), false);
            ss += uint32_t(line.size());
        };
        toClient("220 ready\r\n");
        toServer("USER anonymous\r\n");
        toClient("230 in\r\n");
        toServer("PASV\r\n");
        toClient("227 Entering Passive Mode (10,0,0,2,200,10)\r\n"); // port 51210
        toServer("RETR /pub/notes.txt\r\n");
        // A data connection from the client's port to the announced one: handshake (ISNs 3000 and 7000).
        auto openData = [&](int64_t stream, uint16_t clientPort, uint16_t dataPort) {
            feed.add(stream, PB::tcpFrame(c, clientPort, s, dataPort, Syn, 3000), true);
            feed.add(stream, PB::tcpFrame(s, dataPort, c, clientPort, Syn | Ack, 7000, 3001), false);
        };
        const QByteArray body = "the file's bytes";
        openData(9, 50001, 51210);
        feed.add(9, PB::tcpFrame(s, 51210, c, 50001, Psh | Ack, 7001, 3001, body), false);
        feed.add(9, PB::tcpFrame(s, 51210, c, 50001, Fin | Ack, 7001 + uint32_t(body.size()), 3001), false);
        QVERIFY(feed.carved.empty());
        feed.add(9, PB::tcpFrame(c, 50001, s, 51210, Fin | Ack, 3001, 7002 + uint32_t(body.size())), true);
        QCOMPARE(feed.carved.size(), size_t(1));
        QCOMPARE(feed.carved[0].first, feed.number);
        QCOMPARE(feed.carved[0].second.protocol, QStringLiteral("ftp-data"));
        QCOMPARE(feed.carved[0].second.name, QStringLiteral("notes.txt"));
        QCOMPARE(feed.carved[0].second.data, body);
        QCOMPARE(feed.carved[0].second.client, c);
        std::vector<CapturedObject> closed;
        feed.carver.close(9, closed); // the data conversation ends
        toClient("226 done\r\n");
        QCOMPARE(feed.carver.streamsHeld(), size_t(1)); // the control connection

        // A second file; the control connection's conversation ends first,
        // and it is kept until its file is carved.
        toServer("PASV\r\n");
        toClient("227 Entering Passive Mode (10,0,0,2,200,11)\r\n"); // port 51211
        toServer("STOR upload.bin\r\n");
        const QByteArray up = "uploaded";
        openData(12, 50002, 51211);
        feed.add(12, PB::tcpFrame(c, 50002, s, 51211, Psh | Ack, 3001, 7001, up), true);
        feed.carver.close(1, closed);
        QCOMPARE(feed.carver.streamsHeld(), size_t(2));
        feed.add(12, PB::tcpFrame(c, 50002, s, 51211, Fin | Ack, 3001 + uint32_t(up.size()), 7001), true);
        feed.add(12, PB::tcpFrame(s, 51211, c, 50002, Fin | Ack, 7001, 3002 + uint32_t(up.size())), false);
        QCOMPARE(feed.carved.size(), size_t(2));
        QCOMPARE(feed.carved[1].second.name, QStringLiteral("upload.bin"));
        QCOMPARE(feed.carved[1].second.data, up);
        QCOMPARE(feed.carver.streamsHeld(), size_t(1)); // the data stream's marker; the control is gone
        feed.carver.close(12, closed);
        QVERIFY(closed.empty());
        QCOMPARE(feed.carver.streamsHeld(), size_t(0));
        QVERIFY(feed.carver.finish().empty()); // nothing carved twice
    }

    void iocMatchOnFileHash()
    {
        const QString path = corpus(QStringLiteral("http_wireshark_sample_http_cap.pcap"));
        if (!QFile::exists(path))
            QSKIP("the shared corpus is not there");
        const Report plain = analyze(path);
        for (const ReportFinding &f : plain.findings())
            QVERIFY(f.category != QLatin1String("ioc_match"));
        const ReportObject *object = nullptr;
        for (const ReportObject &o : plain.objects)
            if (o.sha256 == kDownloadHtml)
                object = &o;
        QVERIFY(object);
        QCOMPARE(object->name, QStringLiteral("download.html"));
        QCOMPARE(object->protocol, QStringLiteral("http"));

        const Report r = analyze(path, {kDownloadHtml.toUpper()});
        const ReportFinding *hit = nullptr;
        for (const ReportFinding &f : r.findings())
            if (f.category == QLatin1String("ioc_match"))
                hit = &f;
        QVERIFY(hit);
        QCOMPARE(hit->targets, QStringList{kDownloadHtml});
        QCOMPARE(hit->source, object->client);
        QCOMPARE(hit->evidencePackets, std::vector<qint64>{object->packet});
        QCOMPARE(hit->metrics.value(QStringLiteral("object_name")).toString(), QStringLiteral("download.html"));
        QVERIFY(hit->summary.contains(QStringLiteral("download.html")));
        QCOMPARE(hit->mitre, QStringList{QStringLiteral("T1105")});
    }

    // The log keeps only the list's worth of objects however many a capture
    // carries: the ones of lowest frame, exactly those the full list starts
    // with; the rest are counted; a listed hash matches an unlisted file.
    void listIsBoundedAndMatchesStillCount()
    {
        const QString path = corpus(QStringLiteral("http_browsing_bro_org.pcap"));
        if (!QFile::exists(path))
            QSKIP("the shared corpus is not there");
        const Report full = analyze(path);
        QVERIFY2(full.objects.size() > 4, qPrintable(QString::number(full.objects.size())));
        for (size_t i = 1; i < full.objects.size(); ++i)
            QVERIFY(full.objects[i - 1].packet <= full.objects[i].packet);
        const ReportObject &last = full.objects.back();
        const Report few = analyze(path, {last.sha256}, 3);
        QCOMPARE(few.objects.size(), size_t(3));
        for (size_t i = 0; i < 3; ++i)
            QCOMPARE(few.objects[i], full.objects[i]);
        QCOMPARE(few.objectsOmitted, full.objectsOmitted + qint64(full.objects.size()) - 3);
        bool matched = false;
        for (const ReportFinding &f : few.findings())
            matched = matched || (f.category == QLatin1String("ioc_match") && f.targets == QStringList{last.sha256});
        QVERIFY2(matched, "a file past the list's cap was not matched by its hash");
    }
};

QTEST_GUILESS_MAIN(TstObjectLog)
#include "tst_objectlog.moc"
