// SPDX-License-Identifier: GPL-3.0-or-later
// packetlens-cli live as a user runs it: a pcap stream from a pipe (-r -)
// with findings printed while it arrives and the same report as `analyze`
// of the saved capture; Ctrl-C stops a capture cleanly (report, history
// row, saved file); the exit code and message without permission; usage.
#include "support/capturewriter.h"
#include "support/packetbuilder.h"

#include "core/live/capturehelper.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUdpSocket>
#include <QtTest>

#include <csignal>
#include <unistd.h>

using namespace packetlens;
using namespace packetlens::test;
using PB = PacketBuilder;
using namespace tcpflags;

namespace {
QProcessEnvironment testEnv(const QString &dataHome)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome); // keeps the user's history out of the tests
    return env;
}

QList<QJsonObject> jsonLines(const QString &path)
{
    QList<QJsonObject> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (!line.isEmpty())
            out << QJsonDocument::fromJson(line).object();
    return out;
}

int countType(const QList<QJsonObject> &events, const QString &type)
{
    int n = 0;
    for (const QJsonObject &e : events)
        n += e.value(QStringLiteral("type")).toString() == type;
    return n;
}

QList<TestPacket> scanThenMore(int *scanEnd)
{
    QList<TestPacket> pk;
    int64_t t = 1700000000ll * 1000000000ll;
    for (int p = 1; p <= 100; ++p) {
        pk << TestPacket{PB::tcpFrame("10.0.0.66", 50000, "10.0.0.9", uint16_t(p), Syn, 7), t += 1000000, 0, 0};
        pk << TestPacket{PB::tcpFrame("10.0.0.9", uint16_t(p), "10.0.0.66", 50000, Rst | Ack, 0, 8), t += 1000000, 0, 0};
    }
    *scanEnd = int(pk.size());
    for (int i = 0; i < 30; ++i)
        pk << TestPacket{PB::udpFrame("10.0.0.5", uint16_t(40000 + i), "10.0.0.53", 53, PB::dnsQuery(uint16_t(i), "example.org")), t += 1000000, 0, 0};
    return pk;
}
} // namespace

class TestCliLive : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    QByteArray run(const QStringList &args, int *code, QByteArray *err = nullptr)
    {
        QProcess p;
        p.setProcessEnvironment(testEnv(m_dir.path()));
        p.start(QStringLiteral(PACKETLENS_CLI), args);
        p.waitForFinished(120000);
        *code = p.exitCode();
        if (err)
            *err = p.readAllStandardError();
        return p.readAllStandardOutput();
    }

private slots:
    void streamFromPipe()
    {
        int scanEnd = 0;
        const QList<TestPacket> all = scanThenMore(&scanEnd);
        const QByteArray first = CaptureWriter::pcap(all.mid(0, scanEnd));
        const QByteArray whole = CaptureWriter::pcap(all);
        const QString events = m_dir.filePath(QStringLiteral("events.jsonl"));
        const QString saved = m_dir.filePath(QStringLiteral("stream.pcapng"));
        const QString report = m_dir.filePath(QStringLiteral("live-report.json"));
        QProcess p;
        p.setProcessEnvironment(testEnv(m_dir.path()));
        p.start(QStringLiteral(PACKETLENS_CLI), {QStringLiteral("live"), QStringLiteral("-r"), QStringLiteral("-"), QStringLiteral("--json-lines"), events,
                                                 QStringLiteral("--write"), saved, QStringLiteral("--json"), report, QStringLiteral("--no-history")});
        QVERIFY(p.waitForStarted());
        p.write(first);
        // The scan is told while the stream is still open.
        QTRY_VERIFY_WITH_TIMEOUT(countType(jsonLines(events), QStringLiteral("finding")) >= 1, 60000);
        QByteArray printed;
        QTRY_VERIFY_WITH_TIMEOUT((printed += p.readAllStandardOutput()).contains("port_scan"), 60000);
        p.write(whole.mid(first.size()));
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QList<QJsonObject> ev = jsonLines(events);
        QCOMPARE(ev.last().value(QStringLiteral("type")).toString(), QStringLiteral("end"));
        QCOMPARE(ev.last().value(QStringLiteral("reason")).toString(), QStringLiteral("end_of_stream"));
        QCOMPARE(ev.last().value(QStringLiteral("packets")).toInt(), int(all.size()));
        QVERIFY(countType(ev, QStringLiteral("packet")) > 0);
        int code = -1;
        const QByteArray fileJson = run({QStringLiteral("analyze"), saved, QStringLiteral("--json"), QStringLiteral("-"), QStringLiteral("--no-history")}, &code);
        QCOMPARE(code, 0);
        QFile live(report);
        QVERIFY(live.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(live.readAll()).object(), QJsonDocument::fromJson(fileJson).object());
    }

    void usage()
    {
        int code = -1;
        QByteArray err;
        run({QStringLiteral("live")}, &code, &err);
        QCOMPARE(code, 1);
        QVERIFY(err.contains("-i IFACE or -r PATH"));
        run({QStringLiteral("live"), QStringLiteral("-i"), QStringLiteral("lo"), QStringLiteral("-f"), QStringLiteral("tcp port")}, &code, &err);
        QCOMPARE(code, 1);
        QVERIFY2(err.contains("invalid capture filter"), err.constData());
        const QByteArray list = run({QStringLiteral("live"), QStringLiteral("-D")}, &code);
        QCOMPARE(code, 0);
        QVERIFY(list.contains("lo "));
        QVERIFY(list.contains("any "));
    }

    // Ctrl-C: the capture stops, the report and the history row are written.
    void interruptStopsCleanly()
    {
        if (::geteuid() != 0)
            QSKIP("capturing on lo needs root (CI runs as root)");
        const quint16 port = quint16(20000 + (QCoreApplication::applicationPid() * 31) % 30000);
        const QString events = m_dir.filePath(QStringLiteral("lo.jsonl"));
        const QString db = m_dir.filePath(QStringLiteral("h.sqlite"));
        const QString saved = m_dir.filePath(QStringLiteral("lo.pcapng"));
        QProcess p;
        p.setProcessEnvironment(testEnv(m_dir.path()));
        p.start(QStringLiteral(PACKETLENS_CLI), {QStringLiteral("live"), QStringLiteral("-i"), QStringLiteral("lo"), QStringLiteral("-f"),
                                                 QStringLiteral("udp port %1").arg(port), QStringLiteral("--json-lines"), events,
                                                 QStringLiteral("--db"), db, QStringLiteral("--write"), saved});
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(countType(jsonLines(events), QStringLiteral("stats")) >= 1, 60000);
        QUdpSocket sender;
        for (int i = 0; i < 25; ++i)
            sender.writeDatagram("ctrl-c test", QHostAddress::LocalHost, port);
        QTRY_VERIFY_WITH_TIMEOUT(jsonLines(events).last().value(QStringLiteral("packets")).toInt() >= 25, 60000);
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject end = jsonLines(events).last();
        QCOMPARE(end.value(QStringLiteral("reason")).toString(), QStringLiteral("stopped"));
        QCOMPARE(end.value(QStringLiteral("packets")).toInt(), 25);
        QCOMPARE(end.value(QStringLiteral("file_id")).toString().size(), 16);
        QVERIFY(QFile::exists(saved));
        int code = -1;
        const QByteArray rows = run({QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--db"), db, QStringLiteral("--json")}, &code);
        QCOMPARE(code, 0);
        QCOMPARE(QJsonDocument::fromJson(rows).array().size(), 1);
        QCOMPARE(QJsonDocument::fromJson(rows).array().first().toObject().value(QStringLiteral("status")).toString(), QStringLiteral("done"));
    }

    // An unprivileged user without a granted helper: exit 11, and the message says how to grant it.
    void noPermission()
    {
        if (::geteuid() != 0 || QStandardPaths::findExecutable(QStringLiteral("setpriv")).isEmpty())
            QSKIP("needs root and setpriv to run the CLI as an unprivileged user");
        QTemporaryDir dir;
        QFile::setPermissions(dir.path(), QFileDevice::Permissions(0x7777)); // nobody writes its data here
        const QString helper = dir.filePath(QStringLiteral("packetlens-capture"));
        QVERIFY(QFile::copy(CaptureHelper::locate(), helper));
        QFile::setPermissions(helper, QFileDevice::Permissions(0x7755));
        QProcess p;
        QProcessEnvironment env = testEnv(dir.path());
        env.insert(QStringLiteral("PACKETLENS_CAPTURE_HELPER"), helper);
        env.insert(QStringLiteral("HOME"), dir.path());
        p.setProcessEnvironment(env);
        p.start(QStringLiteral("setpriv"), {QStringLiteral("--reuid=65534"), QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups"),
                                            QStringLiteral(PACKETLENS_CLI), QStringLiteral("live"), QStringLiteral("-i"), QStringLiteral("lo"),
                                            QStringLiteral("--no-history"), QStringLiteral("--write"), dir.filePath(QStringLiteral("x.pcapng"))});
        QVERIFY(p.waitForFinished(60000));
        const QByteArray err = p.readAllStandardError();
        QCOMPARE(p.exitCode(), 11);
        QVERIFY2(err.contains("no permission to capture on lo"), err.constData());
        QVERIFY(err.contains("setcap cap_net_raw,cap_net_admin=eip " + helper.toLocal8Bit()));
    }
};

QTEST_GUILESS_MAIN(TestCliLive)
#include "tst_clilive.moc"
