// SPDX-License-Identifier: GPL-3.0-or-later
#include "historytestdb.h"

#include "core/history/capturestore.h"
#include "core/history/historystore.h"
#include "core/report/reportjson.h"
#include "core/service/recordedanalysis.h"
#include "core/util/databasefiles.h"
#include "core/util/filewrite.h"
#include "core/service/analysisservice.h"
#include "core/util/sha256.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>

#include <sys/stat.h>

using namespace packetlens;

namespace {
Report reportWith(int packets, const QStringList &severities, const QString &source = QStringLiteral("10.0.0.66"))
{
    QJsonArray findings;
    int i = 0;
    for (const QString &s : severities)
        findings.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("F%1").arg(++i)},
                                    {QStringLiteral("category"), i % 2 ? QStringLiteral("port_scan") : QStringLiteral("beaconing")},
                                    {QStringLiteral("severity"), s},
                                    {QStringLiteral("source"), source},
                                    {QStringLiteral("summary"), QStringLiteral("x")}});
    Report r;
    ReportJson::fromJson(QJsonObject{{QStringLiteral("schema"), QStringLiteral("packetlens.report/1")},
                                     {QStringLiteral("capture"), QJsonObject{{QStringLiteral("packets"), packets}, {QStringLiteral("bytes"), packets * 100}}},
                                     {QStringLiteral("findings"), findings}},
                         &r);
    return r;
}

qint64 store(HistoryStore &h, const QString &sha, const Report &report, const QString &settings = QStringLiteral("s1"))
{
    QString why;
    HistoryStore::CaptureInfo c;
    c.sha256 = sha;
    c.name = sha + QStringLiteral(".pcap");
    const qint64 cap = h.upsertCapture(c, &why);
    const qint64 id = h.beginAnalysis(cap, QStringLiteral("1.0"), settings, &why);
    if (!h.finishAnalysis(id, report, &why))
        return -1;
    return id;
}

qint64 analysesOf(HistoryStore &h, const QString &sha256)
{
    qint64 n = 0;
    for (const QJsonValue &row : h.list(100000))
        n += row.toObject().value(QStringLiteral("sha256")).toString() == sha256;
    return n;
}
} // namespace

// The history's tests, run against SQLite (tst_historystore) and against a
// throwaway PostgreSQL server (tst_historystore_pg: PACKETLENS_TEST_POSTGRES,
// see historytestdb.h). A few are about SQLite's file alone and say so.
class TestHistoryStore : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    HistoryTestDb m_dbs;
    QString db(const QString &name) { return m_dbs.location(name); }
// QSKIP returns from the function it is in: this one skips the test.
#define SQLITE_ONLY() \
    if (m_dbs.postgres()) \
        QSKIP("about SQLite's database file; a PostgreSQL server keeps its own files")
    static QByteArray helper(const QStringList &args)
    {
        QProcess p;
        p.start(QStringLiteral(HISTORY_STRESS), args);
        if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
            qWarning("helper failed: %s", p.readAllStandardError().constData());
        return p.readAllStandardOutput();
    }
    static int modeOf(const QString &path)
    {
        struct stat st {};
        return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
    }

private slots:
    void initTestCase()
    {
        if (!m_dbs.skipReason().isEmpty())
            QSKIP(qPrintable(m_dbs.skipReason()));
        QVERIFY2(m_dbs.error().isEmpty(), qPrintable(m_dbs.error()));
    }

    void createsAndMigratesFromEveryEarlierVersion()
    {
        if (m_dbs.postgres()) { // an empty database gets the schema and its version
            HistoryStore h(db(QStringLiteral("v0")));
            QString why;
            QVERIFY2(h.open(&why), qPrintable(why));
            {
                QSqlDatabase raw = HistoryTestDb::openRaw(h.path(), QStringLiteral("check"));
                QSqlQuery q(raw);
                QVERIFY(q.exec(QStringLiteral("SELECT value FROM packetlens_meta WHERE name = 'schema_version'")) && q.next());
                QCOMPARE(q.value(0).toInt(), HistoryStore::kSchemaVersion);
            }
            HistoryTestDb::closeRaw(QStringLiteral("check"));
            HistoryStore again(h.path()); // a second open finds it migrated
            QVERIFY2(again.open(&why), qPrintable(why));
            return;
        }
        // Version 0 is an empty database (or a new file); every later version migrates forward.
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw0"));
            raw.setDatabaseName(db(QStringLiteral("v0.sqlite")));
            QVERIFY(raw.open());
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw0"));
        HistoryStore h(db(QStringLiteral("v0.sqlite")));
        QString why;
        QVERIFY2(h.open(&why), qPrintable(why));
        QSqlDatabase check = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        check.setDatabaseName(db(QStringLiteral("v0.sqlite")));
        QVERIFY(check.open());
        QSqlQuery q(check);
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), HistoryStore::kSchemaVersion);
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        q.finish();
        check.close();
        check = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("check"));
    }

    void foreignDatabaseIsLeftAlone()
    {
        if (!m_dbs.postgres())
            QSKIP("SQLite: foreignAndCorruptFilesAreLeftAlone");
        const QString other = db(QStringLiteral("customers"));
        {
            QSqlDatabase raw = HistoryTestDb::openRaw(other, QStringLiteral("foreign"));
            QVERIFY(QSqlQuery(raw).exec(QStringLiteral("CREATE TABLE customers (id INTEGER)")));
        }
        HistoryTestDb::closeRaw(QStringLiteral("foreign"));
        HistoryStore h(other);
        QString why;
        QVERIFY(!h.open(&why));
        QVERIFY2(why.contains(QStringLiteral("another program")), qPrintable(why));
        {
            QSqlDatabase raw = HistoryTestDb::openRaw(other, QStringLiteral("foreign"));
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) && q.next());
            QCOMPARE(q.value(0).toInt(), 1); // untouched: no table of ours added
        }
        HistoryTestDb::closeRaw(QStringLiteral("foreign"));
    }

    void foreignAndCorruptFilesAreLeftAlone()
    {
        SQLITE_ONLY();
        const QString notDb = db(QStringLiteral("notes.sqlite"));
        QFile f(notDb);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("these are my notes, not a database\n");
        f.close();
        QString why;
        {
            HistoryStore h(notDb);
            QVERIFY(!h.open(&why));
            QVERIFY(why.contains(QStringLiteral("not an SQLite database")));
        }
        QFile again(notDb);
        QVERIFY(again.open(QIODevice::ReadOnly));
        QCOMPARE(again.readAll(), QByteArray("these are my notes, not a database\n"));

        const QString other = db(QStringLiteral("other.sqlite"));
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw1"));
            raw.setDatabaseName(other);
            QVERIFY(raw.open());
            QSqlQuery(raw).exec(QStringLiteral("CREATE TABLE customers (id INTEGER)"));
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw1"));
        HistoryStore h2(other);
        QVERIFY(!h2.open(&why));
        QVERIFY2(why.contains(QStringLiteral("another program")), qPrintable(why));
    }

    void cacheHitBySha256EngineAndSettings()
    {
        HistoryStore h(db(QStringLiteral("cache.sqlite")));
        QString why;
        QVERIFY(h.open(&why));
        const qint64 id = store(h, QStringLiteral("aa"), reportWith(10, {QStringLiteral("high")}));
        QVERIFY(id > 0);
        qint64 hit = 0;
        const auto r = h.cachedReport(QStringLiteral("aa"), QStringLiteral("1.0"), QStringLiteral("s1"), &hit);
        QVERIFY(r.has_value());
        QCOMPARE(hit, id);
        QCOMPARE(r->capture.packets, 10);
        QVERIFY(!h.cachedReport(QStringLiteral("aa"), QStringLiteral("1.0"), QStringLiteral("s2")).has_value());
        QVERIFY(!h.cachedReport(QStringLiteral("aa"), QStringLiteral("2.0"), QStringLiteral("s1")).has_value());
        QVERIFY(!h.cachedReport(QStringLiteral("bb"), QStringLiteral("1.0"), QStringLiteral("s1")).has_value());
    }

    // Only analyses whose owner is gone are marked: a process on this machine
    // that exited, an old row with no owner (schema 1), another machine's row
    // whose heartbeat is older than the grace period. This process' own
    // running analysis and another machine's fresh one are left alone.
    void interruptedRunsRecovered()
    {
        const QString path = db(QStringLiteral("crash.sqlite"));
        HistoryStore h(path);
        QString why;
        QVERIFY(h.open(&why));
        const QByteArray out = helper({path, QStringLiteral("--begin-and-exit")});
        const qint64 deadOwner = out.trimmed().toLongLong();
        QVERIFY2(deadOwner > 0, out.constData());
        HistoryStore::CaptureInfo c;
        c.sha256 = QStringLiteral("cc");
        c.name = QStringLiteral("c.pcap");
        const qint64 cap = h.upsertCapture(c, &why);
        const qint64 mine = h.beginAnalysis(cap, QStringLiteral("1.0"), QStringLiteral("s"), &why);
        const qint64 legacy = h.beginAnalysis(cap, QStringLiteral("1.0"), QStringLiteral("s"), &why);
        const qint64 remoteFresh = h.beginAnalysis(cap, QStringLiteral("1.0"), QStringLiteral("s"), &why);
        const qint64 remoteStale = h.beginAnalysis(cap, QStringLiteral("1.0"), QStringLiteral("s"), &why);
        {
            QSqlDatabase raw = HistoryTestDb::openRaw(path, QStringLiteral("owners"));
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("UPDATE analyses SET owner_host = NULL, owner_pid = NULL, owner_start = NULL WHERE id = %1").arg(legacy)));
            const QString old = QDateTime::currentDateTimeUtc().addSecs(-3600).toString(Qt::ISODateWithMs);
            QVERIFY(q.exec(QStringLiteral("UPDATE analyses SET owner_host = 'worker-7.example', owner_pid = 1 WHERE id IN (%1, %2)").arg(remoteFresh).arg(remoteStale)));
            QVERIFY(q.exec(QStringLiteral("UPDATE analyses SET heartbeat = '%1', started = '%1' WHERE id = %2").arg(old).arg(remoteStale)));
        }
        HistoryTestDb::closeRaw(QStringLiteral("owners"));
        QCOMPARE(h.recoverInterrupted(), 3);
        auto status = [&](qint64 id) { return h.show(id, false)->value(QStringLiteral("status")).toString(); };
        QCOMPARE(status(deadOwner), QStringLiteral("interrupted"));
        QCOMPARE(status(legacy), QStringLiteral("interrupted"));
        QCOMPARE(status(remoteStale), QStringLiteral("interrupted"));
        QCOMPARE(status(mine), QStringLiteral("running"));
        QCOMPARE(status(remoteFresh), QStringLiteral("running"));
        QCOMPARE(h.recoverInterrupted(), 0); // nothing more to do; still not ours to touch
        QVERIFY(h.finishAnalysis(mine, reportWith(3, {}), &why));
        QVERIFY(h.cachedReport(QStringLiteral("cc"), QStringLiteral("1.0"), QStringLiteral("s")).has_value());
    }

    // The bug of issue 23: opening a second connection in this process used
    // to open and close the file itself, dropping SQLite's POSIX locks, so the
    // next process to close its connection took itself for the last one and
    // deleted the WAL under ours. Our writes after that were lost.
    void anotherProcessNeverDeletesOurWal()
    {
        SQLITE_ONLY();
        const QString path = db(QStringLiteral("shared.sqlite"));
        HistoryStore first(path);
        QString why;
        QVERIFY2(first.open(&why), qPrintable(why));
        QVERIFY(store(first, QStringLiteral("d1"), reportWith(1, {})) > 0);
        HistoryStore second(path); // a second connection of this process (another thread's, say)
        QVERIFY2(second.open(&why), qPrintable(why));
        QVERIFY(QFileInfo::exists(path + QStringLiteral("-wal")));
        helper({path, QStringLiteral("--open-close")}); // another process comes and goes
        QVERIFY2(QFileInfo::exists(path + QStringLiteral("-wal")), "the other process deleted the WAL our connections use");
        const qint64 after = store(first, QStringLiteral("d2"), reportWith(2, {}));
        QVERIFY(after > 0);
        HistoryStore third(path);
        helper({path, QStringLiteral("--open-close")});
        QVERIFY(third.open(&why));
        QVERIFY(third.show(after, false).has_value());
        QCOMPARE(first.integrityCheck(), QStringLiteral("ok"));
    }

    // A capture or an export can never be the database this process has open.
    void ownDatabaseIsNeverOpenedAsAFile()
    {
        SQLITE_ONLY();
        const QString path = db(QStringLiteral("guarded.sqlite"));
        HistoryStore h(path);
        QString why;
        QVERIFY(h.open(&why));
        QVERIFY(DatabaseFiles::isInUse(path));
        QVERIFY(DatabaseFiles::isInUse(path + QStringLiteral("-wal")));
        QVERIFY(DatabaseFiles::isInUse(path + QStringLiteral("-journal"))); // need not exist
        QVERIFY(!DatabaseFiles::isInUse(db(QStringLiteral("other.pcap"))));
        QVERIFY(!writeWholeFile(path, "{}", &why));
        QVERIFY2(why.contains(QStringLiteral("history database")), qPrintable(why));
        QVERIFY(Sha256::ofFile(path, nullptr, &why).isEmpty());
        QCOMPARE(h.integrityCheck(), QStringLiteral("ok"));
    }

    void filesArePrivateToTheirOwner()
    {
        SQLITE_ONLY();
        const QString folder = m_dir.filePath(QStringLiteral("new/nested"));
        const QString path = folder + QStringLiteral("/history.sqlite");
        {
            HistoryStore h(path);
            QString why;
            QVERIFY2(h.open(&why), qPrintable(why));
            QVERIFY(h.warnings().isEmpty());
            QVERIFY(store(h, QStringLiteral("p1"), reportWith(1, {})) > 0);
            QCOMPARE(modeOf(path), 0600);
            QCOMPARE(modeOf(path + QStringLiteral("-wal")), 0600);
            QCOMPARE(modeOf(folder), 0700);
            QCOMPARE(modeOf(m_dir.filePath(QStringLiteral("new"))), 0700);
        }
        // An existing database readable by others is tightened, with a warning.
        const QString loose = db(QStringLiteral("loose.sqlite"));
        {
            HistoryStore h(loose);
            QString why;
            QVERIFY(h.open(&why));
        }
        QVERIFY(::chmod(QFile::encodeName(loose).constData(), 0644) == 0);
        HistoryStore h(loose);
        QString why;
        QVERIFY(h.open(&why));
        QCOMPARE(modeOf(loose), 0600);
        QCOMPARE(h.warnings().size(), 1);
        QVERIFY(h.warnings().first().contains(QStringLiteral("0600")));
    }

    // Version 1 files (no owners) migrate to 2; their running rows count as
    // left by a crash.
    void migratesFromSchemaOne()
    {
        SQLITE_ONLY(); // PostgreSQL histories began at schema 2
        const QString path = db(QStringLiteral("v1.sqlite"));
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            raw.setDatabaseName(path);
            QVERIFY(raw.open());
            QSqlQuery q(raw);
            for (const char *sql : {"CREATE TABLE captures (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, name TEXT NOT NULL,"
                                    " size_bytes INTEGER, format TEXT, location TEXT, stored INTEGER NOT NULL DEFAULT 0,"
                                    " first_seen TEXT NOT NULL, last_seen TEXT NOT NULL)",
                                    "CREATE TABLE analyses (id INTEGER PRIMARY KEY, capture_id INTEGER NOT NULL REFERENCES captures(id)"
                                    " ON DELETE CASCADE, engine_version TEXT NOT NULL, settings_hash TEXT NOT NULL, status TEXT NOT NULL,"
                                    " progress REAL NOT NULL DEFAULT 0, started TEXT, finished TEXT, error TEXT, packets INTEGER,"
                                    " bytes INTEGER, findings INTEGER, max_severity TEXT, report TEXT)",
                                    "CREATE TABLE findings (id INTEGER PRIMARY KEY, analysis_id INTEGER NOT NULL REFERENCES analyses(id)"
                                    " ON DELETE CASCADE, fid TEXT NOT NULL, category TEXT NOT NULL, severity TEXT NOT NULL,"
                                    " severity_rank INTEGER NOT NULL, source TEXT, summary TEXT, first_ts TEXT)",
                                    "INSERT INTO captures VALUES (1, 'v1', 'v1.pcap', 1, 'pcap', '/x', 0, 't', 't')",
                                    "INSERT INTO analyses (id, capture_id, engine_version, settings_hash, status) VALUES (1, 1, 'e', 's', 'running')",
                                    "PRAGMA user_version = 1"})
                QVERIFY2(q.exec(QString::fromLatin1(sql)), sql);
            QVERIFY(q.exec(QStringLiteral("PRAGMA application_id = %1").arg(HistoryStore::kApplicationId)));
            raw.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));
        HistoryStore h(path);
        QString why;
        QVERIFY2(h.open(&why), qPrintable(why));
        QCOMPARE(h.recoverInterrupted(), 1);
        QCOMPARE(h.show(1, false)->value(QStringLiteral("status")).toString(), QStringLiteral("interrupted"));
    }

    void statsAcrossCaptures()
    {
        HistoryStore h(db(QStringLiteral("stats.sqlite")));
        QString why;
        QVERIFY(h.open(&why));
        store(h, QStringLiteral("s1"), reportWith(100, {QStringLiteral("high"), QStringLiteral("low")}));
        store(h, QStringLiteral("s2"), reportWith(50, {QStringLiteral("critical")}));
        store(h, QStringLiteral("s2"), reportWith(60, {QStringLiteral("medium")}), QStringLiteral("s9")); // re-analysis: latest counts
        store(h, QStringLiteral("s3"), reportWith(5, {}, QStringLiteral("10.9.9.9")));
        const QJsonObject s = h.stats();
        QCOMPARE(s.value(QStringLiteral("captures")).toInt(), 3);
        QCOMPARE(s.value(QStringLiteral("analyses")).toInt(), 4);
        QCOMPARE(s.value(QStringLiteral("packets")).toInt(), 165);
        const QJsonObject sev = s.value(QStringLiteral("findings_by_severity")).toObject();
        QCOMPARE(sev.value(QStringLiteral("high")).toInt(), 1);
        QCOMPARE(sev.value(QStringLiteral("medium")).toInt(), 1);
        QVERIFY(!sev.contains(QStringLiteral("critical")));
        const QJsonArray ips = s.value(QStringLiteral("top_suspicious_ips")).toArray();
        QCOMPARE(ips.first().toObject().value(QStringLiteral("ip")).toString(), QStringLiteral("10.0.0.66"));
        QCOMPARE(ips.first().toObject().value(QStringLiteral("captures")).toInt(), 2);
        QCOMPARE(s.value(QStringLiteral("recent_analyses")).toArray().size(), 4);
        // A database that fails under it is an error, not partial figures.
        why.clear();
        h.stats(10, &why);
        QVERIFY(why.isEmpty());
        {
            QSqlDatabase raw = HistoryTestDb::openRaw(h.path(), QStringLiteral("break"));
            QVERIFY(QSqlQuery(raw).exec(QStringLiteral("DROP TABLE findings")));
        }
        HistoryTestDb::closeRaw(QStringLiteral("break"));
        h.stats(10, &why);
        QVERIFY(!why.isEmpty());
    }

    void concurrentWriterAndReaderThreads()
    {
        const QString path = db(QStringLiteral("threads.sqlite"));
        {
            HistoryStore h(path);
            QString why;
            QVERIFY(h.open(&why));
        }
        std::atomic<int> written{0}, readerErrors{0}, writerErrors{0};
        std::atomic<bool> stop{false};
        QThread *writer = QThread::create([&] {
            HistoryStore h(path); // its own connection
            QString why;
            if (!h.open(&why)) {
                writerErrors++;
                return;
            }
            for (int i = 0; i < 200; ++i) {
                if (store(h, QStringLiteral("w%1").arg(i), reportWith(i, {QStringLiteral("low")})) < 0)
                    writerErrors++;
                else
                    written++;
            }
            stop = true;
        });
        QThread *reader = QThread::create([&] {
            HistoryStore h(path);
            QString why;
            if (!h.open(&why)) {
                readerErrors++;
                return;
            }
            while (!stop) {
                const QJsonObject s = h.stats();
                if (s.value(QStringLiteral("captures")).toInt() > written.load() + 1)
                    readerErrors++;
                h.list(20);
            }
        });
        writer->start();
        reader->start();
        QVERIFY(writer->wait(60000));
        QVERIFY(reader->wait(60000));
        delete writer;
        delete reader;
        QCOMPARE(writerErrors.load(), 0);
        QCOMPARE(readerErrors.load(), 0);
        HistoryStore h(path);
        QString why;
        QVERIFY(h.open(&why));
        QCOMPARE(h.stats().value(QStringLiteral("captures")).toInt(), 200);
    }

    // A writer killed with SIGKILL never loses an acknowledged analysis and
    // never leaves a damaged database. No clock decides when it dies: it is
    // killed after its k-th acknowledgement (read from its output), or kills
    // itself at a named point inside a write: after the row was begun, just
    // before the commit, just after the commit (committed, not acknowledged).
    void survivesSigkillDuringWrites()
    {
        const QString path = db(QStringLiteral("durable.sqlite"));
        QSet<qint64> acknowledged;
        static const char *const points[] = {"begin", "finish:before-commit", "finish:after-commit"};
        int round = 0;
        auto check = [&](const QString &what) {
            HistoryStore h(path);
            QString why;
            QVERIFY2(h.open(&why), qPrintable(why));
            QCOMPARE(h.integrityCheck(), QStringLiteral("ok"));
            for (qint64 id : std::as_const(acknowledged)) {
                const auto rec = h.show(id, false);
                QVERIFY2(rec && rec->value(QStringLiteral("status")).toString() == QLatin1String("done"),
                         qPrintable(QStringLiteral("acknowledged analysis %1 lost after %2").arg(id).arg(what)));
            }
        };
        for (int k = 1; k <= 30; ++k, ++round) { // killed by us after the k-th acknowledgement
            QProcess p;
            p.start(QStringLiteral(HISTORY_STRESS), {path});
            QVERIFY(p.waitForStarted());
            int seen = 0;
            QByteArray buffer;
            while (seen < k) {
                QVERIFY2(p.waitForReadyRead(60000), "the writer stopped acknowledging");
                buffer += p.readAllStandardOutput();
                seen = int(buffer.count('\n'));
            }
            ::kill(pid_t(p.processId()), SIGKILL);
            p.waitForFinished();
            buffer += p.readAllStandardOutput();
            for (const QByteArray &line : buffer.split('\n'))
                if (!line.trimmed().isEmpty())
                    acknowledged.insert(line.trimmed().toLongLong());
            check(QStringLiteral("kill after acknowledgement %1").arg(k));
        }
        for (int n = 0; n < 24; ++n, ++round) { // kills itself inside the n-th write
            const QString at = QStringLiteral("%1:%2").arg(n % 8).arg(QLatin1String(points[n % 3]));
            QProcess p;
            p.start(QStringLiteral(HISTORY_STRESS), {path, QStringLiteral("--die-at"), at});
            QVERIFY(p.waitForFinished(60000));
            QCOMPARE(p.exitStatus(), QProcess::CrashExit);
            for (const QByteArray &line : p.readAllStandardOutput().split('\n'))
                if (!line.trimmed().isEmpty())
                    acknowledged.insert(line.trimmed().toLongLong());
            check(QStringLiteral("death at %1").arg(at));
        }
        QVERIFY2(acknowledged.size() >= 30 * 31 / 2, qPrintable(QStringLiteral("only %1 writes acknowledged").arg(acknowledged.size())));
        // Deaths at "begin" and "finish:before-commit" (16) left their analysis
        // running, a kill after an acknowledgement may have; all of them are
        // interrupted now, and nothing else was touched.
        HistoryStore h(path);
        QString why;
        QVERIFY(h.open(&why));
        QVERIFY(h.recoverInterrupted() >= 16);
        for (const QJsonValue &row : h.list(100000))
            QVERIFY(row.toObject().value(QStringLiteral("status")).toString() != QLatin1String("running"));
        QVERIFY(round == 54);
    }

    // Issue 25: the cache lookup and the claim are one transaction. A worker
    // given a capture that another live process is analyzing waits for it
    // and takes its report: one analysis stored, not two. No clock: the
    // waiting worker's claim says "busy" (a hook), then the other finishes.
    void anotherWorkersAnalysisIsWaitedForAndStoredOnce()
    {
        const QString path = db(QStringLiteral("claimwait.sqlite"));
        const QString sample = QStringLiteral(PACKETLENS_SAMPLE);
        QString why;
        const QString sha = Sha256::ofFile(sample, nullptr, &why);
        QVERIFY2(!sha.isEmpty(), qPrintable(why));
        QProcess other;
        other.start(QStringLiteral(HISTORY_STRESS), {path, QStringLiteral("--claim-and-wait"), sha, QStringLiteral("claim-test")});
        QVERIFY(other.waitForReadyRead(60000));
        const qint64 theirs = other.readLine().trimmed().toLongLong();
        QVERIFY2(theirs > 0, other.readAllStandardError().constData());

        QSemaphore busy;
        HistoryStore::setFaultHookForTesting([&](const char *where) {
            if (qstrcmp(where, "claim:busy") == 0)
                busy.release();
        });
        RecordedAnalysis mine;
        QThread *worker = QThread::create([&] {
            HistoryStore h(path);
            QString e;
            if (!h.open(&e))
                return;
            AnalysisRequest req;
            req.path = sample;
            mine = analyzeAndRecord(req, &h, QStringLiteral("claim-test"), RecordOptions());
        });
        worker->start();
        QVERIFY2(busy.tryAcquire(1, 60000), "the worker never found the other's analysis running");
        other.write("finish\n");
        QVERIFY(other.waitForFinished(60000));
        QCOMPARE(other.exitCode(), 0);
        QVERIFY(worker->wait(60000));
        delete worker;
        HistoryStore::setFaultHookForTesting(nullptr);
        QVERIFY(mine.fromHistory);
        QCOMPARE(mine.analysisId, theirs);
        QCOMPARE(mine.outcomes.size(), 1);
        HistoryStore h(path);
        QVERIFY(h.open(&why));
        QCOMPARE(analysesOf(h, sha), 1);
    }

    // A worker killed with SIGKILL leaves its analysis running. A worker
    // waiting for it takes over once the owner is provably gone (on this
    // machine: the process no longer exists) and stores its own; the dead
    // one's row is left for `history recover`, which marks it alone.
    void aKilledWorkersAnalysisIsTakenOverAndLeftRunning()
    {
        const QString path = db(QStringLiteral("claimkill.sqlite"));
        const QString sample = QStringLiteral(PACKETLENS_SAMPLE);
        QString why;
        const QString sha = Sha256::ofFile(sample, nullptr, &why);
        QProcess other;
        other.start(QStringLiteral(HISTORY_STRESS), {path, QStringLiteral("--claim-and-wait"), sha, QStringLiteral("claim-test")});
        QVERIFY(other.waitForReadyRead(60000));
        const qint64 theirs = other.readLine().trimmed().toLongLong();
        QVERIFY(theirs > 0);
        QSemaphore busy;
        HistoryStore::setFaultHookForTesting([&](const char *where) {
            if (qstrcmp(where, "claim:busy") == 0)
                busy.release();
        });
        RecordedAnalysis mine;
        QThread *worker = QThread::create([&] {
            HistoryStore h(path);
            QString e;
            if (!h.open(&e))
                return;
            AnalysisRequest req;
            req.path = sample;
            mine = analyzeAndRecord(req, &h, QStringLiteral("claim-test"), RecordOptions());
        });
        worker->start();
        QVERIFY(busy.tryAcquire(1, 60000));
        HistoryStore h(path);
        QVERIFY(h.open(&why));
        QCOMPARE(h.recoverInterrupted(), 0); // its owner is alive: not touched
        ::kill(pid_t(other.processId()), SIGKILL);
        QVERIFY(other.waitForFinished(60000));
        QVERIFY(worker->wait(60000));
        delete worker;
        HistoryStore::setFaultHookForTesting(nullptr);
        QVERIFY(!mine.fromHistory);
        QVERIFY(mine.analysisId > 0 && mine.analysisId != theirs);
        QCOMPARE(h.statusOf(mine.analysisId), QStringLiteral("done"));
        QCOMPARE(h.statusOf(theirs), QStringLiteral("running")); // stays running until recovered
        QCOMPARE(h.recoverInterrupted(), 1);
        QCOMPARE(h.statusOf(theirs), QStringLiteral("interrupted"));
        QCOMPARE(h.statusOf(mine.analysisId), QStringLiteral("done"));
    }

    // Four workers (threads, each with its own connection) given the same
    // capture at once: four reports, one analysis stored.
    void fourWorkersOneCaptureStoredOnce()
    {
        const QString path = db(QStringLiteral("fourworkers.sqlite"));
        const QString sample = QStringLiteral(PACKETLENS_SAMPLE);
        QList<RecordedAnalysis> results(4);
        QStringList openErrors(4);
        QList<QThread *> workers;
        for (int i = 0; i < 4; ++i) {
            workers << QThread::create([&, i] {
                HistoryStore h(path);
                QString e;
                if (!h.open(&e)) {
                    openErrors[i] = e;
                    return;
                }
                AnalysisRequest req;
                req.path = sample;
                results[i] = analyzeAndRecord(req, &h, QStringLiteral("four"), RecordOptions());
            });
        }
        for (QThread *t : workers)
            t->start();
        for (QThread *t : workers) {
            QVERIFY(t->wait(120000));
            delete t;
        }
        int fresh = 0;
        QSet<qint64> ids;
        QCOMPARE(openErrors.join(QString()), QString()); // (a worker's open failing says why)
        for (const RecordedAnalysis &r : results) {
            QCOMPARE(r.outcomes.size(), 1);
            QVERIFY(r.outcomes.first().status == AnalysisOutcome::Status::Ok);
            fresh += !r.fromHistory;
            ids.insert(r.analysisId);
        }
        QCOMPARE(fresh, 1);
        QCOMPARE(ids.size(), 1);
        HistoryStore h(path);
        QString why;
        QVERIFY(h.open(&why));
        QCOMPARE(analysesOf(h, Sha256::ofFile(sample, nullptr, &why)), 1);
        QCOMPARE(h.stats().value(QStringLiteral("captures")).toInt(), 1);
    }

    // The REST server's capture rows: many servers recording the same upload
    // at once make one row; a zip's entries are read by the database's JSON
    // functions (json_extract, jsonb).
    void captureRowsRecordedOnceByManyThreads()
    {
        const QString path = db(QStringLiteral("captures.sqlite"));
        {
            HistoryStore h(path);
            QString why;
            QVERIFY2(h.open(&why), qPrintable(why));
        }
        CaptureStore::Stored stored;
        stored.sha256 = QString(64, QLatin1Char('e'));
        stored.name = QStringLiteral("up.pcap");
        stored.path = m_dir.filePath(QStringLiteral("e/up.pcap"));
        stored.format = CaptureFormat::Pcap;
        stored.sizeBytes = 24;
        std::atomic<int> inserted{0}, failed{0};
        QList<QThread *> threads;
        for (int i = 0; i < 4; ++i) {
            threads << QThread::create([&] {
                HistoryStore h(path);
                QString e;
                bool existed = true;
                if (!h.open(&e) || CaptureStore::recordStored(h, stored, &existed, &e) < 0)
                    failed++;
                else if (!existed)
                    inserted++;
            });
        }
        for (QThread *t : threads)
            t->start();
        for (QThread *t : threads) {
            QVERIFY(t->wait(60000));
            delete t;
        }
        QCOMPARE(failed.load(), 0);
        QCOMPARE(inserted.load(), 1);
        HistoryStore h(path);
        QString why;
        QVERIFY(h.open(&why));
        qint64 total = 0;
        const QList<CaptureStore::Record> rows = CaptureStore::list(h, 10, 0, &total);
        QCOMPARE(total, 1);
        QVERIFY(rows.first().stored);
        const qint64 a = h.beginAnalysis(rows.first().id, QStringLiteral("1.0"), QStringLiteral("s"), &why);
        Report r = reportWith(4, {QStringLiteral("low")});
        r.capture.fileName = QStringLiteral("up.pcap");
        QVERIFY(h.finishAnalysis(a, r, &why));
        const QList<CaptureStore::Entry> entries = CaptureStore::entries(h, rows.first().id, QStringLiteral("1.0"), QStringLiteral("s"));
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().fileName, QStringLiteral("up.pcap"));
        QCOMPARE(entries.first().packets, 4);
        // Deleting that analysis takes its capture along; another capture
        // waiting for its first analysis (a fresh upload) stays.
        stored.sha256 = QString(64, QLatin1Char('f'));
        QVERIFY(CaptureStore::recordStored(h, stored, nullptr, &why) > 0);
        QVERIFY2(h.remove(a, &why), qPrintable(why));
        CaptureStore::list(h, 10, 0, &total);
        QCOMPARE(total, 1);
        QVERIFY(CaptureStore::find(h, CaptureStore::fileId(stored.sha256)).has_value());
        // The same bytes analyzed from a local file elsewhere: the stored copy
        // stays the capture's location.
        HistoryStore::CaptureInfo local;
        local.sha256 = stored.sha256;
        local.name = QStringLiteral("copy.pcap");
        local.location = QStringLiteral("/home/analyst/copy.pcap");
        QVERIFY(h.upsertCapture(local, &why) > 0);
        const auto rec = CaptureStore::find(h, CaptureStore::fileId(stored.sha256));
        QCOMPARE(rec->location, stored.path);
        QCOMPARE(rec->name, stored.name);
    }
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
