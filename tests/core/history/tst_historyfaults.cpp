// SPDX-License-Identifier: GPL-3.0-or-later
// The history under faults of the machine it runs on (issue #24): the disk
// fills up while analyses are written, the database file is read-only, the
// database is deleted while a program uses it. Each ends with a clear error
// or goes on correctly: no acknowledged analysis is lost, the database stays
// sound, and nothing is written into a database that is gone.
#include "core/history/historystore.h"
#include "core/report/reportjson.h"
#include "support/smallfs.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

using namespace packetlens;
using namespace packetlens::test;

namespace {
// A report of about `padding` bytes of JSON, so that a few fill a small disk.
Report paddedReport(int i, int padding)
{
    Report r;
    ReportJson::fromJson(QJsonObject{{QStringLiteral("schema"), QStringLiteral("packetlens.report/1")},
                                     {QStringLiteral("capture"), QJsonObject{{QStringLiteral("packets"), i}}},
                                     {QStringLiteral("padding"), QString(padding, QLatin1Char('a' + i % 26))}},
                         &r);
    return r;
}

// One analysis written as the faces write it; its id once acknowledged, -1
// with the reason otherwise.
qint64 writeOne(HistoryStore &h, int i, int padding, QString *why)
{
    HistoryStore::CaptureInfo c;
    c.sha256 = QStringLiteral("%1").arg(i, 64, 10, QLatin1Char('0'));
    c.name = QStringLiteral("c%1.pcap").arg(i);
    const qint64 cap = h.upsertCapture(c, why);
    if (cap < 0)
        return -1;
    const qint64 id = h.beginAnalysis(cap, QStringLiteral("1.0"), QStringLiteral("s"), why);
    if (id < 0)
        return -1;
    return h.finishAnalysis(id, paddedReport(i, padding), why) ? id : -1;
}

// Every acknowledged analysis is there and done, and SQLite finds the file sound.
void checkAcknowledged(const QString &path, const QList<qint64> &acknowledged)
{
    HistoryStore h(path);
    QString why;
    QVERIFY2(h.open(&why), qPrintable(why));
    QCOMPARE(h.integrityCheck(), QStringLiteral("ok"));
    for (qint64 id : acknowledged) {
        const auto row = h.show(id, false);
        QVERIFY2(row && row->value(QStringLiteral("status")).toString() == QLatin1String("done"),
                 qPrintable(QStringLiteral("acknowledged analysis %1 lost").arg(id)));
    }
}

void removeDatabase(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix));
}
} // namespace

class TestHistoryFaults : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    // The disk fills up: the write that does not fit fails with SQLite's
    // "database or disk is full", everything acknowledged before it is
    // there, the file is sound, and once space is freed writing goes on.
    void diskFullWhileWriting()
    {
        SmallFilesystem fs;
        QString why;
        if (!fs.mount(4 << 20, &why))
            QSKIP(qPrintable(QStringLiteral("no small disk to fill: %1").arg(why)));
        const QString path = fs.filePath(QStringLiteral("history.sqlite"));
        QList<qint64> acknowledged;
        {
            HistoryStore h(path);
            QVERIFY2(h.open(&why), qPrintable(why));
            for (int i = 0; i < 3; ++i) {
                acknowledged << writeOne(h, i, 2000, &why);
                QVERIFY2(acknowledged.last() > 0, qPrintable(why));
            }
            QVERIFY(fs.fill(256 << 10, &why));
            QString failure;
            for (int i = 3; i < 200 && failure.isEmpty(); ++i) {
                const qint64 id = writeOne(h, i, 40000, &failure);
                if (id > 0)
                    acknowledged << id;
            }
            QVERIFY2(!failure.isEmpty(), "the disk never filled up");
            qInfo("disk full after %lld acknowledged analyses: %s", qlonglong(acknowledged.size()), qPrintable(failure));
            QVERIFY2(failure.contains(QLatin1String("full"), Qt::CaseInsensitive), qPrintable(failure));
            QVERIFY(h.list(1000).size() >= acknowledged.size()); // still readable
        }
        checkAcknowledged(path, acknowledged);
        fs.free();
        HistoryStore h(path);
        QVERIFY2(h.open(&why), qPrintable(why));
        const qint64 after = writeOne(h, 999, 40000, &why);
        QVERIFY2(after > 0, qPrintable(why));
        acknowledged << after;
        checkAcknowledged(path, acknowledged);
    }

    // A database on a filesystem that became read-only: reading it still
    // works or it is refused with the reason; writing fails with the reason;
    // nothing is changed.
    void readOnlyDatabase()
    {
        SmallFilesystem fs;
        QString why;
        const bool mounted = fs.mount(4 << 20, &why);
        const QString path = mounted ? fs.filePath(QStringLiteral("ro.sqlite")) : m_dir.filePath(QStringLiteral("ro/ro.sqlite"));
        QList<qint64> acknowledged;
        {
            HistoryStore h(path);
            QVERIFY2(h.open(&why), qPrintable(why));
            for (int i = 0; i < 3; ++i)
                acknowledged << writeOne(h, i, 100, &why);
        }
        if (mounted) {
            QVERIFY2(fs.setReadOnly(true, &why), qPrintable(why));
        } else if (::geteuid() != 0) { // without root: the file and its folder read-only
            QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner));
            QVERIFY(QFile::setPermissions(QFileInfo(path).absolutePath(), QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        } else {
            QSKIP(qPrintable(QStringLiteral("root ignores file permissions and no filesystem could be made read-only: %1").arg(why)));
        }
        HistoryStore h(path);
        if (!h.open(&why)) {
            qInfo("read-only database refused: %s", qPrintable(why));
            QVERIFY2(why.contains(path), qPrintable(why));
        } else {
            QCOMPARE(h.list(100).size(), 3);
            QCOMPARE(writeOne(h, 7, 100, &why), qint64(-1));
            qInfo("write to a read-only database: %s", qPrintable(why));
            QVERIFY2(why.contains(QLatin1String("read"), Qt::CaseInsensitive), qPrintable(why));
        }
        if (mounted)
            QVERIFY2(fs.setReadOnly(false, &why), qPrintable(why));
        else
            QFile::setPermissions(QFileInfo(path).absolutePath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        checkAcknowledged(path, acknowledged);
    }

    // The database (and its -wal and -shm) deleted while a store has it
    // open: the next write says so instead of going into the unlinked file,
    // the store reports itself closed (the faces connect again), and a new
    // connection makes a new, sound database at the path.
    void databaseDeletedWhileOpen()
    {
        const QString path = m_dir.filePath(QStringLiteral("deleted.sqlite"));
        HistoryStore h(path);
        QString why;
        QVERIFY2(h.open(&why), qPrintable(why));
        QVERIFY(writeOne(h, 1, 100, &why) > 0);
        removeDatabase(path);
        QVERIFY(!h.isOpen());
        QCOMPARE(writeOne(h, 2, 100, &why), qint64(-1));
        QVERIFY2(why.contains(QLatin1String("deleted or replaced")), qPrintable(why));
        QVERIFY(!QFileInfo::exists(path)); // nothing written at the path
        HistoryStore again(path);
        QVERIFY2(!again.open(&why), "a new database was made while this process holds the old one open");
        QVERIFY2(why.contains(QLatin1String("still has the old database open")), qPrintable(why));
    }

    // Once the old connection is closed, the path gets a new database.
    void newDatabaseAfterTheOldOneIsClosed()
    {
        const QString path = m_dir.filePath(QStringLiteral("renewed.sqlite"));
        QString why;
        {
            HistoryStore h(path);
            QVERIFY2(h.open(&why), qPrintable(why));
            QVERIFY(writeOne(h, 1, 100, &why) > 0);
            removeDatabase(path);
        }
        HistoryStore fresh(path);
        QVERIFY2(fresh.open(&why), qPrintable(why));
        QCOMPARE(fresh.list(100).size(), 0);
        const qint64 id = writeOne(fresh, 2, 100, &why);
        QVERIFY2(id > 0, qPrintable(why));
        checkAcknowledged(path, {id});
    }

    // Only the main file deleted (its -wal and -shm still held by a
    // connection): opening the path is refused with the reason, not turned
    // into a new database that the old log would be read into. Once no
    // connection holds the log, the next open removes it and starts anew.
    void mainFileDeletedWalRemains()
    {
        const QString path = m_dir.filePath(QStringLiteral("walleft.sqlite"));
        QString why;
        auto h = std::make_unique<HistoryStore>(path);
        QVERIFY2(h->open(&why), qPrintable(why));
        QVERIFY(writeOne(*h, 1, 100, &why) > 0);
        QFile::remove(path);
        QVERIFY(QFileInfo::exists(path + QStringLiteral("-wal")));
        QProcess other; // another program on the same path
        other.start(QStringLiteral(HISTORY_STRESS), {path, QStringLiteral("--open-close")});
        QVERIFY(other.waitForFinished(60000));
        QCOMPARE(other.exitCode(), 2);
        QVERIFY2(other.readAllStandardError().contains("write-ahead log"), "the other program's error does not say why");
        QVERIFY(!QFileInfo::exists(path));
        h.reset(); // the last connection closes; SQLite leaves the log of a deleted file
        QVERIFY(QFileInfo::exists(path + QStringLiteral("-wal")));
        HistoryStore fresh(path);
        QVERIFY2(fresh.open(&why), qPrintable(why));
        QCOMPARE(fresh.integrityCheck(), QStringLiteral("ok"));
    }

    // A writer process whose database is deleted under it stops with the
    // reason instead of writing on into the unlinked file. It is deleted
    // after the writer acknowledged its third write (read from its output).
    void writerProcessStopsWhenItsDatabaseIsDeleted()
    {
        const QString path = m_dir.filePath(QStringLiteral("writer.sqlite"));
        QProcess p;
        p.start(QStringLiteral(HISTORY_STRESS), {path});
        QVERIFY(p.waitForStarted());
        QByteArray out;
        while (out.count('\n') < 3) {
            QVERIFY2(p.waitForReadyRead(60000), "the writer stopped acknowledging");
            out += p.readAllStandardOutput();
        }
        removeDatabase(path);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 3);
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(err.contains("deleted or replaced"), err.constData());
    }
};

QTEST_GUILESS_MAIN(TestHistoryFaults)
#include "tst_historyfaults.moc"
