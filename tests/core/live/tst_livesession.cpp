// SPDX-License-Identifier: GPL-3.0-or-later
// LiveSession on a stream (what `packetlens-cli live -r -` reads): findings
// while the capture runs, each once; the final report equals a file analysis
// of the saved capture; stop conditions; what is not a capture.
#include "support/capturewriter.h"
#include "support/liverecorder.h"
#include "support/packetbuilder.h"

#include "core/live/livesession.h"
#include "core/service/analysisservice.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>
#include <unistd.h>

using namespace packetlens;
using namespace packetlens::test;
using PB = PacketBuilder;
using namespace tcpflags;

namespace {
constexpr int64_t kS = 1000000000;

// A port scan (120 ports, refused) among ordinary sessions, then more traffic.
QList<TestPacket> scanCapture(int *scanEnd)
{
    QList<TestPacket> pk;
    int64_t t = 1700000000ll * kS;
    auto add = [&](const QByteArray &f) { pk << TestPacket{f, t += 2000000, 0, 0}; };
    for (int i = 0; i < 20; ++i)
        add(PB::udpFrame("10.0.0.5", uint16_t(40000 + i), "10.0.0.53", 53, PB::dnsQuery(uint16_t(i), "example.org")));
    for (int p = 1; p <= 120; ++p) {
        add(PB::tcpFrame("10.0.0.66", 50000, "10.0.0.9", uint16_t(p), Syn, 7));
        add(PB::tcpFrame("10.0.0.9", uint16_t(p), "10.0.0.66", 50000, Rst | Ack, 0, 8));
    }
    *scanEnd = int(pk.size());
    for (int i = 0; i < 40; ++i)
        add(PB::udpFrame("10.0.0.7", 5353, "224.0.0.251", 5353, QByteArray(40, 'x')));
    return pk;
}

Report fileReport(const QString &path)
{
    AnalysisRequest req;
    req.path = path;
    const QList<AnalysisOutcome> out = AnalysisService::analyze(req);
    return out.isEmpty() ? Report() : out.first().report;
}

void writeAll(int fd, const QByteArray &bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n <= 0)
            return;
        done += n;
    }
}

struct Pipe
{
    int fd[2] = {-1, -1};
    Pipe() { QVERIFY(::pipe(fd) == 0); }
    ~Pipe() { closeWrite(), closeRead(); }
    void closeWrite()
    {
        if (fd[1] >= 0)
            ::close(fd[1]);
        fd[1] = -1;
    }
    void closeRead()
    {
        if (fd[0] >= 0)
            ::close(fd[0]);
        fd[0] = -1;
    }
};

LiveOptions streamOptions(int fd)
{
    LiveOptions o;
    o.source.kind = LiveSource::Kind::Stream;
    o.source.fd = fd;
    return o;
}
} // namespace

class TestLiveSession : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    std::unique_ptr<SavedCapture> saved(const QString &name)
    {
        QString error;
        auto sink = fileCaptureSink(m_dir.filePath(name), &error);
        return sink ? std::make_unique<SavedCapture>(std::move(sink), QStringLiteral("test"), QString()) : nullptr;
    }

private slots:
    // The scan is reported while the stream is held open after it, once;
    // the final report is the file analysis of the saved capture.
    void findingsDuringCaptureAndReportEqualsFile()
    {
        int scanEnd = 0;
        const QList<TestPacket> all = scanCapture(&scanEnd);
        const QByteArray bytes = CaptureWriter::pcap(all, 1, true);
        const QByteArray first = CaptureWriter::pcap(all.mid(0, scanEnd), 1, true);
        Pipe pipe;
        LiveRecorder rec;
        LiveSession session(streamOptions(pipe.fd[0]), saved(QStringLiteral("scan.pcapng")), &rec);
        LiveError error;
        QString message;
        QVERIFY(session.start(&error, &message));
        writeAll(pipe.fd[1], first);
        QTRY_VERIFY_WITH_TIMEOUT(rec.hasFinding(QStringLiteral("port_scan")), 60000);
        QVERIFY(!rec.ended());
        writeAll(pipe.fd[1], bytes.mid(first.size()));
        pipe.closeWrite();
        QTRY_VERIFY_WITH_TIMEOUT(rec.ended(), 60000);
        session.wait();
        const LiveResult r = rec.result();
        QCOMPARE(r.end, LiveResult::End::EndOfStream);
        QCOMPARE(r.packets, quint64(all.size()));
        QVERIFY(r.report);
        const Report file = fileReport(r.savedPath);
        QCOMPARE(file.capture.packets, qint64(all.size()));
        QVERIFY2(*r.report == file, "the live report differs from the file analysis of the saved capture");
        // Every finding of the report was told once, none twice.
        const QList<ReportFinding> told = rec.findings();
        QCOMPARE(told.size(), int(file.findings().size()));
        QCOMPARE(r.findingsReported, told.size());
        int scans = 0;
        for (const ReportFinding &f : told)
            scans += f.category == QLatin1String("port_scan");
        QCOMPARE(scans, 1);
    }

    void packetLimitOnStream()
    {
        int scanEnd = 0;
        const QList<TestPacket> all = scanCapture(&scanEnd);
        Pipe pipe;
        LiveRecorder rec;
        LiveOptions o = streamOptions(pipe.fd[0]);
        o.maxPackets = 10;
        o.packetLinesPerS = 5;
        LiveSession session(o, saved(QStringLiteral("limit.pcapng")), &rec);
        LiveError error;
        QString message;
        QVERIFY(session.start(&error, &message));
        std::thread writer([&] { writeAll(pipe.fd[1], CaptureWriter::pcap(all)); });
        QTRY_VERIFY_WITH_TIMEOUT(rec.ended(), 60000);
        pipe.closeRead(); // the writer's rest goes nowhere
        writer.join();
        session.wait();
        const LiveResult r = rec.result();
        QCOMPARE(r.end, LiveResult::End::Limit);
        QCOMPARE(r.packets, quint64(10));
        QCOMPARE(fileReport(r.savedPath).capture.packets, qint64(10));
        QVERIFY(rec.lines() <= 10);
    }

    // A packet reaches the analysis as soon as it is written, in either
    // format (tcpdump -w - writes pcap), not when a buffer is full; Stop
    // then ends the session.
    void stopEndsTheStream_data()
    {
        QTest::addColumn<bool>("pcapng");
        QTest::newRow("pcapng") << true;
        QTest::newRow("pcap") << false;
    }

    void stopEndsTheStream()
    {
        QFETCH(bool, pcapng);
        Pipe pipe;
        LiveRecorder rec;
        LiveSession session(streamOptions(pipe.fd[0]), saved(QStringLiteral("stop-%1.pcapng").arg(QTest::currentDataTag())), &rec);
        LiveError error;
        QString message;
        QVERIFY(session.start(&error, &message));
        QList<TestPacket> pk;
        pk << TestPacket{PB::udpFrame("10.0.0.1", 1000, "10.0.0.2", 2000, "hello"), 1700000000ll * kS, 0, 0};
        writeAll(pipe.fd[1], pcapng ? CaptureWriter::pcapng(pk, {1}, {9}) : CaptureWriter::pcap(pk));
        QTRY_COMPARE_WITH_TIMEOUT(rec.packets(), quint64(1), 60000);
        session.stop();
        QTRY_VERIFY_WITH_TIMEOUT(rec.ended(), 60000);
        QCOMPARE(rec.result().end, LiveResult::End::Stopped);
        QCOMPARE(rec.result().packets, quint64(1));
        QVERIFY(rec.result().report);
    }

    void notACapture()
    {
        Pipe pipe;
        LiveRecorder rec;
        LiveSession session(streamOptions(pipe.fd[0]), saved(QStringLiteral("bad.pcapng")), &rec);
        LiveError error;
        QString message;
        QVERIFY(session.start(&error, &message));
        writeAll(pipe.fd[1], QByteArray("<!DOCTYPE html><html></html>"));
        pipe.closeWrite();
        QTRY_VERIFY_WITH_TIMEOUT(rec.ended(), 60000);
        QCOMPARE(rec.result().end, LiveResult::End::Failed);
        QCOMPARE(rec.result().error, LiveError::NotACapture);
        QVERIFY(!rec.result().report);
    }
};

QTEST_GUILESS_MAIN(TestLiveSession)
#include "tst_livesession.moc"
