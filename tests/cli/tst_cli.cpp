// SPDX-License-Identifier: GPL-3.0-or-later
// Runs packetlens-cli as a user would: exit codes, messages, JSON output.
#include "support/capturewriter.h"
#include "support/packetbuilder.h"

#include <QFileInfo>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace packetlens::test;
using PB = PacketBuilder;

namespace {
struct Run
{
    int code = -1;
    QByteArray out, err;
};

Run cli(const QStringList &args)
{
    static QTemporaryDir dataHome; // keeps the user's history out of the tests
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome.path());
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(PACKETLENS_CLI), args);
    p.waitForFinished(60000);
    return Run{p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
}
} // namespace

class TestCli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_good;

private slots:
    void initTestCase()
    {
        QList<TestPacket> pk;
        pk << TestPacket{PB::udpFrame("10.0.0.1", 5000, "10.0.0.2", 53, PB::dnsQuery(1, "example.com")), 1700000000000000000ll, 0, 0};
        pk << TestPacket{PB::tcpFrame("10.0.0.1", 40000, "10.0.0.2", 80, 0x18, 1, 1, "GET / HTTP/1.1\r\nHost: a\r\n\r\n"), 1700000001000000000ll, 0, 0};
        m_good = m_dir.filePath(QStringLiteral("good.pcap"));
        QVERIFY(CaptureWriter::save(m_good, CaptureWriter::pcap(pk)));
    }

    // Beyond loopback: a weak key is refused; with a strong one the warning
    // is on stderr while the server runs (not only once it stops).
    void serveBeyondLoopback()
    {
        Run weak = cli({QStringLiteral("serve"), QStringLiteral("--bind"), QStringLiteral("0.0.0.0"), QStringLiteral("--allow-remote"),
                        QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--api-key"), QStringLiteral("x"),
                        QStringLiteral("--db"), m_dir.filePath(QStringLiteral("serve.sqlite"))});
        QCOMPARE(weak.code, 1);
        QVERIFY2(weak.err.contains("128 bits"), weak.err.constData());

        static QTemporaryDir dataHome;
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), dataHome.path());
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(PACKETLENS_CLI), {QStringLiteral("serve"), QStringLiteral("--bind"), QStringLiteral("0.0.0.0"),
                                                 QStringLiteral("--allow-remote"), QStringLiteral("--port"), QStringLiteral("0"),
                                                 QStringLiteral("--api-key"), QStringLiteral("Zm9vYmFyYmF6cXV4LXN0cm9uZy1rZXktMDEyMw"),
                                                 QStringLiteral("--db"), m_dir.filePath(QStringLiteral("serve.sqlite"))});
        QVERIFY(p.waitForStarted());
        p.setReadChannel(QProcess::StandardError);
        QByteArray err;
        while (!err.contains("WARNING") && p.state() == QProcess::Running && p.waitForReadyRead(30000))
            err += p.readAllStandardError();
        err += p.readAllStandardError();
        QCOMPARE(p.state(), QProcess::Running);
        QVERIFY2(err.contains("WARNING: serving on 0.0.0.0"), err.constData());
        p.setReadChannel(QProcess::StandardOutput); // then it serves; SIGTERM stops it cleanly
        QByteArray out;
        while (!out.contains("API key: ") && p.state() == QProcess::Running && p.waitForReadyRead(30000))
            out += p.readAllStandardOutput();
        QVERIFY2(out.contains("API key: "), out.constData());
        p.terminate();
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
    }

    void versionAndHelp()
    {
        Run r = cli({QStringLiteral("--version")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith("packetlens-cli "));
        r = cli({QStringLiteral("analyze"), QStringLiteral("--help")});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("--json"));
        QVERIFY(r.out.contains("--password"));
        r = cli({});
        QCOMPARE(r.code, 1);
        r = cli({QStringLiteral("frobnicate")});
        QCOMPARE(r.code, 1);
    }

    void analyzeToStdout()
    {
        const Run r = cli({QStringLiteral("analyze"), m_good, QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(r.code, 0);
        const QJsonObject rep = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(rep.value(QStringLiteral("schema")).toString(), QStringLiteral("packetlens.report/1"));
        QCOMPARE(rep.value(QStringLiteral("capture")).toObject().value(QStringLiteral("packets")).toInt(), 2);
        QCOMPARE(rep.value(QStringLiteral("capture")).toObject().value(QStringLiteral("sha256")).toString().size(), 64);
    }

    void summaryAndJsonFile()
    {
        const QString json = m_dir.filePath(QStringLiteral("r.json"));
        const Run r = cli({QStringLiteral("analyze"), m_good, m_good, QStringLiteral("--json"), json});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains("good.pcap"));
        QVERIFY(r.out.contains("  health      ")); // network health (#19)
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(f.readAll()).array().size(), 2);
    }

    // --no-health skips the health pass and the timeline (#19: the bench
    // times the analysis with and without it); the rest of the report is the
    // same.
    void analyzeWithoutHealth()
    {
        const Run help = cli({QStringLiteral("analyze"), QStringLiteral("--help")});
        QVERIFY(help.out.contains("--no-health"));
        const QStringList args{QStringLiteral("analyze"), m_good, QStringLiteral("--no-history"), QStringLiteral("--json"), QStringLiteral("-")};
        const Run with = cli(args), without = cli(args + QStringList{QStringLiteral("--no-health")});
        QCOMPARE(with.code, 0);
        QCOMPARE(without.code, 0);
        QJsonObject a = QJsonDocument::fromJson(with.out).object(), b = QJsonDocument::fromJson(without.out).object();
        QVERIFY(a.value(QStringLiteral("health")).isObject());
        QVERIFY(a.value(QStringLiteral("timeline_events")).toArray().size() >= 2); // the capture's start and end at least
        QVERIFY(!b.contains(QStringLiteral("health")));
        QVERIFY(!b.contains(QStringLiteral("timeline_events")));
        for (const char *key : {"health", "timeline_events", "timeline_events_omitted"})
            a.remove(QLatin1String(key));
        QCOMPARE(b, a);
    }

    void errorsHaveDistinctCodesAndNameTheFile()
    {
        const QString empty = m_dir.filePath(QStringLiteral("empty.pcap"));
        const QString text = m_dir.filePath(QStringLiteral("notes.pcap"));
        QVERIFY(CaptureWriter::save(empty, {}));
        QVERIFY(CaptureWriter::save(text, "just some text, not a capture\n"));
        Run r = cli({QStringLiteral("analyze"), m_dir.filePath(QStringLiteral("nope.pcap"))});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("nope.pcap"));
        r = cli({QStringLiteral("analyze"), text});
        QCOMPARE(r.code, 3);
        QVERIFY(r.err.contains("notes.pcap"));
        QVERIFY(r.err.contains("not a pcap"));
        r = cli({QStringLiteral("analyze"), empty});
        QCOMPARE(r.code, 4);
        QVERIFY(r.err.contains("empty"));
        r = cli({QStringLiteral("analyze"), m_good, QStringLiteral("--top"), QStringLiteral("zero")});
        QCOMPARE(r.code, 1);
    }

    void historyRecordsAndServesFromCache()
    {
        const QString db = m_dir.filePath(QStringLiteral("h.sqlite"));
        Run r = cli({QStringLiteral("analyze"), m_good, QStringLiteral("--db"), db, QStringLiteral("--quiet")});
        QCOMPARE(r.code, 0);
        r = cli({QStringLiteral("analyze"), m_good, QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains("from the history"), r.err.constData());
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("capture")).toObject().value(QStringLiteral("packets")).toInt(), 2);
        r = cli({QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        QCOMPARE(r.code, 0);
        const QJsonArray rows = QJsonDocument::fromJson(r.out).array();
        QCOMPARE(rows.size(), 1);
        const QString id = QString::number(rows.first().toObject().value(QStringLiteral("id")).toInteger());
        r = cli({QStringLiteral("history"), QStringLiteral("stats"), QStringLiteral("--db"), db, QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("captures")).toInt(), 1);
        r = cli({QStringLiteral("history"), QStringLiteral("show"), id, QStringLiteral("--db"), db, QStringLiteral("--json")});
        QCOMPARE(QJsonDocument::fromJson(r.out).object().value(QStringLiteral("status")).toString(), QStringLiteral("done"));
        r = cli({QStringLiteral("history"), QStringLiteral("delete"), id, QStringLiteral("--db"), db});
        QCOMPARE(r.code, 0);
        r = cli({QStringLiteral("history"), QStringLiteral("show"), id, QStringLiteral("--db"), db});
        QCOMPARE(r.code, 2);
        r = cli({QStringLiteral("history"), QStringLiteral("recover"), QStringLiteral("--grace"), QStringLiteral("60"), QStringLiteral("--db"), db});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.out.trimmed(), QByteArray("marked 0 analysis(es) interrupted"));
        r = cli({QStringLiteral("history"), QStringLiteral("recover"), QStringLiteral("--grace"), QStringLiteral("soon"), QStringLiteral("--db"), db});
        QCOMPARE(r.code, 1);
    }

    // Issue 25: a --db value with a URI scheme is never a path (it used to
    // make a folder named "postgresql:"); an unknown scheme or a password in
    // the URI is a usage error that says what to do.
    void dbUrisAreNeverPaths()
    {
        QTemporaryDir cwd;
        const QString old = QDir::currentPath();
        QVERIFY(QDir::setCurrent(cwd.path()));
        Run r = cli({QStringLiteral("analyze"), m_good, QStringLiteral("--db"), QStringLiteral("mysql://u@h/db"), QStringLiteral("--quiet")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("unknown kind of database"), r.err.constData());
        r = cli({QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--db"), QStringLiteral("postgresql://u:pw@127.0.0.1/db")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("PGPASSWORD"), r.err.constData());
        r = cli({QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--db"), QStringLiteral("postgresql:db")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("not a PostgreSQL URI"), r.err.constData());
        // A PostgreSQL history is shared: serve wants the shared storage folder.
        r = cli({QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--db"),
                 QStringLiteral("postgresql://u@127.0.0.1:1/db")});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("--storage"), r.err.constData());
        QDir::setCurrent(old);
        QVERIFY(QDir(cwd.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());
    }

    void htmlAndBundleOutputs()
    {
        const QString html = m_dir.filePath(QStringLiteral("r.html"));
        const QString zip = m_dir.filePath(QStringLiteral("r.zip"));
        const Run r = cli({QStringLiteral("analyze"), m_good, QStringLiteral("--quiet"), QStringLiteral("--html"), html,
                           QStringLiteral("--bundle"), zip});
        QCOMPARE(r.code, 0);
        QFile h(html);
        QVERIFY(h.open(QIODevice::ReadOnly));
        QVERIFY(h.readAll().startsWith("<!DOCTYPE html>"));
        QVERIFY(QFileInfo(zip).size() > 0);
    }

    void truncatedCaptureStillReports()
    {
        const QByteArray whole = CaptureWriter::pcap({TestPacket{PB::udpFrame("1.1.1.1", 1, "2.2.2.2", 2, "abc"), 1, 0, 0},
                                                     TestPacket{PB::udpFrame("1.1.1.1", 1, "2.2.2.2", 2, "def"), 2, 0, 0}});
        const QString cut = m_dir.filePath(QStringLiteral("cut.pcap"));
        QVERIFY(CaptureWriter::save(cut, whole.left(whole.size() - 5)));
        const Run r = cli({QStringLiteral("analyze"), cut, QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(r.code, 0);
        const QJsonObject cap = QJsonDocument::fromJson(r.out).object().value(QStringLiteral("capture")).toObject();
        QVERIFY(cap.value(QStringLiteral("truncated")).toBool());
        QCOMPARE(cap.value(QStringLiteral("packets")).toInt(), 1);
        QVERIFY(cap.contains(QStringLiteral("truncated_at")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
