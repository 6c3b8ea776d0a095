// SPDX-License-Identifier: GPL-3.0-or-later
// Live captures through the capture helper (root, or a helper granted the
// capabilities; otherwise each test skips and says so): traffic the test
// makes on lo, a veth pair in a network namespace of the test's own (an
// interface that goes away; a capture replayed with tcpreplay after
// tcprewrite mapped every address into the namespace's network), and the
// helper's privileges (no permission: the message says how to grant it; a
// helper granted CAP_NET_RAW/CAP_NET_ADMIN captures for an unprivileged user).
#include "support/capturewriter.h"
#include "support/liverecorder.h"
#include "support/packetbuilder.h"
#include "support/vethnamespace.h"

#include "core/live/capturehelper.h"
#include "core/live/livesession.h"
#include "core/service/analysisservice.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUdpSocket>
#include <QtTest>

#include <unistd.h>

#include <cstring>

using namespace packetlens;
using namespace packetlens::test;

namespace {
Report fileReport(const QString &path)
{
    AnalysisRequest req;
    req.path = path;
    const QList<AnalysisOutcome> out = AnalysisService::analyze(req);
    return out.isEmpty() ? Report() : out.first().report;
}

qint64 conversationPackets(const Report &r, const QString &proto, int port)
{
    for (const Conversation &c : r.conversations)
        if (c.proto == proto && (c.dport == port || c.sport == port))
            return c.packets;
    return -1;
}

// Ports nobody listens on here, from a base of this process' own.
quint16 basePort(int offset)
{
    return quint16(20000 + (QCoreApplication::applicationPid() * 97 + offset) % 30000);
}

bool makeWrapper(const QString &path, const QString &helper)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write(QStringLiteral("#!/bin/sh\nexec setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all '%1' \"$@\"\n")
                .arg(helper).toUtf8());
    f.close();
    return f.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther);
}
} // namespace

class TestLiveCapture : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_helper;

    std::unique_ptr<SavedCapture> saved(const QString &name)
    {
        QString error;
        auto sink = fileCaptureSink(m_dir.filePath(name), &error);
        return sink ? std::make_unique<SavedCapture>(std::move(sink), QStringLiteral("test"), QString()) : nullptr;
    }

    // A copy of the helper that an unprivileged user can run.
    QString helperCopy(QTemporaryDir &dir)
    {
        QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther);
        const QString copy = dir.filePath(QStringLiteral("packetlens-capture"));
        if (!QFile::copy(m_helper, copy))
            return {};
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadOther | QFile::ExeOther);
        return copy;
    }

private slots:
    void initTestCase()
    {
        m_helper = CaptureHelper::locate();
        QVERIFY2(!m_helper.isEmpty(), "the capture helper was not built");
        if (::geteuid() != 0)
            QSKIP("live captures need root (CI runs as root); run as root to test them");
    }

    // UDP datagrams and a refused-port scan to 127.0.0.1: counts match the
    // traffic, the scan is reported before stop, the report equals the file
    // analysis of the saved capture, no packet dropped.
    void loopbackCaptureCountsAndScan()
    {
        const quint16 udpPort = basePort(0), scanBase = basePort(100);
        LiveOptions o;
        o.source.interface = QStringLiteral("lo");
        o.filter = QStringLiteral("udp port %1 or tcp portrange %2-%3").arg(udpPort).arg(scanBase).arg(scanBase + 39);
        LiveRecorder rec;
        LiveSession session(o, saved(QStringLiteral("lo.pcapng")), &rec);
        LiveError error;
        QString message;
        QVERIFY2(session.start(&error, &message), qPrintable(message));
        QUdpSocket receiver, sender;
        QVERIFY(receiver.bind(QHostAddress::LocalHost, udpPort));
        constexpr int kDatagrams = 300;
        for (int i = 0; i < kDatagrams; ++i)
            QCOMPARE(sender.writeDatagram(QByteArray(64, char('a' + i % 26)), QHostAddress::LocalHost, udpPort), qint64(64));
        QTRY_VERIFY_WITH_TIMEOUT(rec.packets() >= kDatagrams, 60000);
        for (int p = 0; p < 40; ++p) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, quint16(scanBase + p));
            s.waitForConnected(5000); // refused
        }
        QTRY_VERIFY_WITH_TIMEOUT(rec.hasFinding(QStringLiteral("port_scan")), 60000);
        QVERIFY(!rec.ended());
        session.stop();
        QTRY_VERIFY_WITH_TIMEOUT(rec.ended(), 60000);
        session.wait();
        const LiveResult r = rec.result();
        QCOMPARE(r.end, LiveResult::End::Stopped);
        QVERIFY(r.report);
        QCOMPARE(conversationPackets(*r.report, QStringLiteral("udp"), udpPort), qint64(kDatagrams));
        QCOMPARE(r.kernelDrops, quint64(0));
        const Report file = fileReport(r.savedPath);
        QCOMPARE(file.capture.packets, qint64(r.packets));
        QVERIFY2(*r.report == file, "the live report differs from the file analysis of the saved capture");
    }

    void noPermissionSaysHowToGrant()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
            QSKIP("setpriv (util-linux) is needed to run the helper as another user");
        QTemporaryDir dir;
        const QString copy = helperCopy(dir);
        const QString wrapper = dir.filePath(QStringLiteral("as-nobody"));
        QVERIFY(!copy.isEmpty() && makeWrapper(wrapper, copy));
        LiveOptions o;
        o.source.interface = QStringLiteral("lo");
        o.helperPath = wrapper;
        LiveRecorder rec;
        LiveSession session(o, saved(QStringLiteral("denied.pcapng")), &rec);
        LiveError error = LiveError::None;
        QString message;
        QVERIFY(!session.start(&error, &message));
        QCOMPARE(error, LiveError::NoPermission);
        QVERIFY2(message.contains(QStringLiteral("setcap cap_net_raw,cap_net_admin=eip")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("usermod -aG packetlens")), qPrintable(message));
    }

    void grantedHelperCapturesForAnUnprivilegedUser()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty() || QStandardPaths::findExecutable(QStringLiteral("setcap")).isEmpty())
            QSKIP("setpriv and setcap (libcap2-bin) are needed");
        QTemporaryDir dir;
        const QString copy = helperCopy(dir);
        const QString wrapper = dir.filePath(QStringLiteral("as-nobody"));
        QVERIFY(!copy.isEmpty() && makeWrapper(wrapper, copy));
        QString out;
        if (!VethNamespace::run(QStringLiteral("setcap"), {QStringLiteral("cap_net_raw,cap_net_admin=eip"), copy}, &out))
            QSKIP(qPrintable(QStringLiteral("this file system takes no file capabilities: %1").arg(out)));
        const quint16 port = basePort(200);
        LiveOptions o;
        o.source.interface = QStringLiteral("lo");
        o.filter = QStringLiteral("udp port %1").arg(port);
        o.helperPath = wrapper;
        LiveRecorder rec;
        LiveSession session(o, saved(QStringLiteral("granted.pcapng")), &rec);
        LiveError error;
        QString message;
        QVERIFY2(session.start(&error, &message), qPrintable(message));
        QUdpSocket receiver, sender;
        QVERIFY(receiver.bind(QHostAddress::LocalHost, port));
        for (int i = 0; i < 5; ++i)
            sender.writeDatagram("granted", QHostAddress::LocalHost, port);
        QTRY_VERIFY_WITH_TIMEOUT(rec.packets() >= 5, 60000);
        session.stop();
        QTRY_VERIFY_WITH_TIMEOUT(rec.ended(), 60000);
        QCOMPARE(rec.result().packets, quint64(5));
    }

    void unknownInterfaceAndBadFilter()
    {
        LiveOptions o;
        o.source.interface = QStringLiteral("nosuch%1").arg(QCoreApplication::applicationPid() % 10000);
        LiveRecorder rec;
        LiveSession missing(o, saved(QStringLiteral("nosuch.pcapng")), &rec);
        LiveError error = LiveError::None;
        QString message;
        QVERIFY(!missing.start(&error, &message));
        QCOMPARE(error, LiveError::NoSuchInterface);
        o.source.interface = QStringLiteral("lo");
        o.filter = QStringLiteral("tcp port");
        LiveSession bad(o, saved(QStringLiteral("badfilter.pcapng")), &rec);
        QVERIFY(!bad.start(&error, &message));
        QCOMPARE(error, LiveError::BadFilter);
        QString why;
        QVERIFY(!checkCaptureFilter(QStringLiteral("tcp port"), 1, 65535, &why));
        QVERIFY(!why.isEmpty());
        QVERIFY(checkCaptureFilter(QStringLiteral("tcp port 80"), 1, 65535, &why));
    }

    // The helper sleeps while no packet comes: on "any" (no link to watch)
    // it once waited 0 ms in a loop and spun a core. Measured on its own
    // statistics blocks (one each --stats-ms): its CPU time stays under a
    // tenth of the time it ran (it wakes at most every 100 ms for a fraction
    // of a millisecond; a loaded machine can only hide a spin, never make a
    // sleeping helper look busy).
    void helperSleepsWhileIdle()
    {
        if (::geteuid() != 0)
            QSKIP("capturing on 'any' needs root (or a granted helper) here");
        QProcess helper;
        helper.start(m_helper, {QStringLiteral("-i"), QStringLiteral("any"), QStringLiteral("-f"), QStringLiteral("udp port 9 and host 192.0.2.1"),
                                QStringLiteral("--stats-ms"), QStringLiteral("100"), QStringLiteral("--watch-stdin")});
        QVERIFY2(helper.waitForStarted(30000), qPrintable(helper.errorString()));
        QElapsedTimer ran;
        ran.start();
        QByteArray out;
        int statsBlocks = 0;
        qsizetype at = 0;
        while (statsBlocks < 30 && helper.state() == QProcess::Running) {
            helper.waitForReadyRead(30000);
            out += helper.readAllStandardOutput();
            while (out.size() - at >= 12) { // pcapng blocks: type, total length (this machine's byte order)
                quint32 type = 0, length = 0;
                std::memcpy(&type, out.constData() + at, 4);
                std::memcpy(&length, out.constData() + at + 4, 4);
                if (length < 12 || out.size() - at < qsizetype(length))
                    break;
                statsBlocks += type == 5 ? 1 : 0;
                at += length;
            }
        }
        QVERIFY2(statsBlocks >= 30, helper.readAllStandardError().constData());
        QFile stat(QStringLiteral("/proc/%1/stat").arg(helper.processId()));
        QVERIFY(stat.open(QIODevice::ReadOnly));
        const QList<QByteArray> f = stat.readAll().split(')').last().trimmed().split(' ');
        const double cpuMs = (f.value(11).toDouble() + f.value(12).toDouble()) * 1000.0 / double(::sysconf(_SC_CLK_TCK));
        const double ranMs = double(ran.elapsed());
        helper.closeWriteChannel(); // --watch-stdin: it stops
        QVERIFY(helper.waitForFinished(30000));
        QVERIFY2(cpuMs < ranMs / 10, qPrintable(QStringLiteral("the idle helper used %1 ms of CPU in %2 ms").arg(cpuMs).arg(ranMs)));
    }

    // The interface goes away mid-capture: the session ends by itself with
    // the packets so far saved and analyzed.
    // The interface removed, or taken down (libpcap itself would wait for
    // it to come back up): the session ends with the packets so far.
    void interfaceGoingAwayEndsTheSession_data()
    {
        QTest::addColumn<bool>("removed");
        QTest::newRow("removed") << true;
        QTest::newRow("taken down") << false;
    }

    void interfaceGoingAwayEndsTheSession()
    {
        QFETCH(bool, removed);
        VethNamespace veth;
        QString error;
        if (!veth.create(&error))
            QSKIP(qPrintable(QStringLiteral("no network namespace with a veth pair here: %1").arg(error)));
        LiveOptions o;
        o.source.interface = veth.hostIf;
        LiveRecorder rec;
        std::unique_ptr<SavedCapture> file = saved(QStringLiteral("away-%1.pcapng").arg(QTest::currentDataTag()).replace(u' ', u'-'));
        QVERIFY(file);
        LiveSession session(o, std::move(file), &rec);
        LiveError e;
        QString message;
        QVERIFY2(session.start(&e, &message), qPrintable(message));
        QUdpSocket sender;
        for (int i = 0; i < 20; ++i)
            sender.writeDatagram("to the namespace", QHostAddress(veth.nsIp), 9999);
        QTRY_VERIFY_WITH_TIMEOUT(rec.packets() >= 20, 60000);
        if (removed)
            QVERIFY(veth.removeLink(&error));
        else
            QVERIFY2(VethNamespace::run(QStringLiteral("ip"), {QStringLiteral("link"), QStringLiteral("set"), veth.hostIf, QStringLiteral("down")}, &error),
                     qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(rec.ended(), 60000);
        const LiveResult r = rec.result();
        QCOMPARE(r.end, LiveResult::End::InterfaceDown);
        QVERIFY(r.packets >= 20);
        QVERIFY(r.report);
        QCOMPARE(fileReport(r.savedPath).capture.packets, qint64(r.packets));
    }

    void replayedCaptureOnVeth_data();
    void replayedCaptureOnVeth();
};

void TestLiveCapture::replayedCaptureOnVeth_data()
{
    QTest::addColumn<QString>("capture");
    const QString corpus = QStringLiteral(PACKETLENS_CORPUS_DIR "/real/portscan_nmap_syn_scan.pcapng");
    if (QFile::exists(corpus))
        QTest::newRow("nmap SYN scan (../shared)") << corpus;
    // Always: a scan built here.
    QList<TestPacket> pk;
    int64_t t = 1700000000ll * 1000000000ll;
    for (int p = 1; p <= 60; ++p) {
        pk << TestPacket{PacketBuilder::tcpFrame(QStringLiteral("192.0.2.66"), 50000, QStringLiteral("198.51.100.9"), uint16_t(p), tcpflags::Syn, 7), t += 1000000, 0, 0};
        pk << TestPacket{PacketBuilder::tcpFrame(QStringLiteral("198.51.100.9"), uint16_t(p), QStringLiteral("192.0.2.66"), 50000, tcpflags::Rst | tcpflags::Ack, 0, 8), t += 1000000, 0, 0};
    }
    const QString built = m_dir.filePath(QStringLiteral("built-scan.pcap"));
    QVERIFY(CaptureWriter::save(built, CaptureWriter::pcap(pk)));
    QTest::newRow("built scan") << built;
}

// A capture replayed onto the pair (tcpreplay inside the namespace) after
// tcprewrite mapped every address into the namespace's network: the live
// count equals the file analysis of the rewritten capture, and its scan is
// reported while the capture runs.
void TestLiveCapture::replayedCaptureOnVeth()
{
    QFETCH(QString, capture);
    if (QStandardPaths::findExecutable(QStringLiteral("tcpreplay")).isEmpty() || QStandardPaths::findExecutable(QStringLiteral("tcprewrite")).isEmpty())
        QSKIP("tcpreplay/tcprewrite are not installed (installer/install-deps.sh installs them)");
    VethNamespace veth;
    QString error;
    if (!veth.create(&error))
        QSKIP(qPrintable(QStringLiteral("no network namespace with a veth pair here: %1").arg(error)));
    const QString rewritten = m_dir.filePath(QStringLiteral("rewritten-%1.pcap").arg(QTest::currentDataTag()[0] == 'n' ? 1 : 2));
    QVERIFY2(VethNamespace::run(QStringLiteral("tcprewrite"),
                                {QStringLiteral("--infile=%1").arg(capture), QStringLiteral("--outfile=%1").arg(rewritten),
                                 QStringLiteral("--pnat=0.0.0.0/0:%1").arg(veth.replayNet), QStringLiteral("--enet-smac=%1").arg(veth.nsMac),
                                 QStringLiteral("--enet-dmac=02:00:00:00:00:01"), QStringLiteral("--fixcsum")}, &error),
             qPrintable(error));
    const Report expected = fileReport(rewritten);
    QVERIFY(expected.capture.packets > 0);
    LiveOptions o;
    o.source.interface = veth.hostIf;
    LiveRecorder rec;
    LiveSession session(o, saved(QStringLiteral("replay-%1.pcapng").arg(QTest::currentDataTag()[0] == 'n' ? 1 : 2)), &rec);
    LiveError e;
    QString message;
    QVERIFY2(session.start(&e, &message), qPrintable(message));
    QVERIFY2(veth.exec({QStringLiteral("tcpreplay"), QStringLiteral("-q"), QStringLiteral("--pps=2000"), QStringLiteral("-i"), veth.nsIf, rewritten}, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(rec.packets(), quint64(expected.capture.packets), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(rec.hasFinding(QStringLiteral("port_scan")), 60000);
    QVERIFY(!rec.ended());
    session.stop();
    QTRY_VERIFY_WITH_TIMEOUT(rec.ended(), 60000);
    const LiveResult r = rec.result();
    QCOMPARE(r.packets, quint64(expected.capture.packets));
    QCOMPARE(r.kernelDrops, quint64(0));
    QVERIFY(r.report);
    QCOMPARE(r.report->protocols, expected.protocols);
    QVERIFY2(*r.report == fileReport(r.savedPath), "the live report differs from the file analysis of the saved capture");
}

QTEST_GUILESS_MAIN(TestLiveCapture)
#include "tst_livecapture.moc"
