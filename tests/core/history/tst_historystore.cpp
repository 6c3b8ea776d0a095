#include "core/history/historystore.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <csignal>

using namespace packetlens;

namespace {
QJsonObject reportWith(int packets, const QStringList &severities, const QString &source = QStringLiteral("10.0.0.66"))
{
    QJsonArray findings;
    int i = 0;
    for (const QString &s : severities)
        findings.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("F%1").arg(++i)},
                                    {QStringLiteral("category"), i % 2 ? QStringLiteral("port_scan") : QStringLiteral("beaconing")},
                                    {QStringLiteral("severity"), s},
                                    {QStringLiteral("source"), source},
                                    {QStringLiteral("summary"), QStringLiteral("x")}});
    return QJsonObject{{QStringLiteral("schema"), QStringLiteral("packetlens.report/1")},
                       {QStringLiteral("capture"), QJsonObject{{QStringLiteral("packets"), packets}, {QStringLiteral("bytes"), packets * 100}}},
                       {QStringLiteral("findings"), findings}};
}

qint64 store(HistoryStore &h, const QString &sha, const QJsonObject &report, const QString &settings = QStringLiteral("s1"))
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
} // namespace

class TestHistoryStore : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString db(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void createsAndMigratesFromEveryEarlierVersion()
    {
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

    void foreignAndCorruptFilesAreLeftAlone()
    {
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
        QCOMPARE(r->value(QStringLiteral("capture")).toObject().value(QStringLiteral("packets")).toInt(), 10);
        QVERIFY(!h.cachedReport(QStringLiteral("aa"), QStringLiteral("1.0"), QStringLiteral("s2")).has_value());
        QVERIFY(!h.cachedReport(QStringLiteral("aa"), QStringLiteral("2.0"), QStringLiteral("s1")).has_value());
        QVERIFY(!h.cachedReport(QStringLiteral("bb"), QStringLiteral("1.0"), QStringLiteral("s1")).has_value());
    }

    void interruptedRunsRecovered()
    {
        const QString path = db(QStringLiteral("crash.sqlite"));
        qint64 running = 0;
        {
            HistoryStore h(path);
            QString why;
            QVERIFY(h.open(&why));
            HistoryStore::CaptureInfo c;
            c.sha256 = QStringLiteral("cc");
            c.name = QStringLiteral("c.pcap");
            running = h.beginAnalysis(h.upsertCapture(c, &why), QStringLiteral("1.0"), QStringLiteral("s"), &why);
            QVERIFY(running > 0); // "crash": never finished
        }
        HistoryStore h(path);
        QString why;
        QVERIFY(h.open(&why));
        QCOMPARE(h.recoverInterrupted(), 1);
        QCOMPARE(h.show(running)->value(QStringLiteral("status")).toString(), QStringLiteral("interrupted"));
        QVERIFY(!h.cachedReport(QStringLiteral("cc"), QStringLiteral("1.0"), QStringLiteral("s")).has_value());
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

    // Bar: a writer killed with SIGKILL at random moments (≥ 50 times) never
    // loses an acknowledged analysis and never leaves a damaged database.
    void survivesSigkillDuringWrites()
    {
        const QString path = db(QStringLiteral("durable.sqlite"));
        QSet<qint64> acknowledged;
        auto *rng = QRandomGenerator::global();
        for (int kill = 0; kill < 50; ++kill) {
            QProcess p;
            p.start(QStringLiteral(HISTORY_STRESS), {path});
            QVERIFY(p.waitForStarted());
            QTest::qWait(int(rng->bounded(20, 120)));
            ::kill(pid_t(p.processId()), SIGKILL);
            p.waitForFinished();
            for (const QByteArray &line : p.readAllStandardOutput().split('\n'))
                if (!line.trimmed().isEmpty())
                    acknowledged.insert(line.trimmed().toLongLong());
            HistoryStore h(path);
            QString why;
            QVERIFY2(h.open(&why), qPrintable(why));
            QCOMPARE(h.integrityCheck(), QStringLiteral("ok"));
            for (qint64 id : std::as_const(acknowledged)) {
                const auto rec = h.show(id, false);
                QVERIFY2(rec && rec->value(QStringLiteral("status")).toString() == QLatin1String("done"),
                         qPrintable(QStringLiteral("acknowledged analysis %1 lost after kill %2").arg(id).arg(kill)));
            }
        }
        QVERIFY2(acknowledged.size() >= 50, qPrintable(QStringLiteral("only %1 writes acknowledged").arg(acknowledged.size())));
    }
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
