// SPDX-License-Identifier: GPL-3.0-or-later
// CaptureStore: content-addressed uploads, owner-only files, and the clean-up
// of temporary files that a stopped server left behind.
#include "core/history/capturestore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace packetlens;

namespace {
int modeOf(const QString &path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}

QByteArray tinyPcap()
{
    QByteArray b("\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x00\x00\x01\x00\x00\x00", 24);
    return b;
}

QStringList uploadsIn(const QString &root)
{
    return QDir(root).entryList({QStringLiteral(".upload-*")}, QDir::Files | QDir::Hidden);
}
} // namespace

class TestCaptureStore : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void storedCapturesArePrivate()
    {
        const CaptureStore store(m_dir.filePath(QStringLiteral("captures")));
        QString why;
        auto w = store.beginWrite(&why);
        QVERIFY2(w, qPrintable(why));
        const QStringList temps = uploadsIn(store.root());
        QCOMPARE(temps.size(), 1);
        QCOMPARE(modeOf(QDir(store.root()).filePath(temps.first())), 0600);
        QVERIFY(w->write(tinyPcap().constData(), tinyPcap().size(), &why));
        CaptureStore::Stored out;
        CaptureStore::WriteError kind;
        QVERIFY2(w->finish(QStringLiteral("a.pcap"), &out, &kind, &why), qPrintable(why));
        QCOMPARE(modeOf(out.path), 0600);
        QCOMPARE(modeOf(QFileInfo(out.path).absolutePath()), 0700);
        QCOMPARE(modeOf(store.root()), 0700);
        QVERIFY(uploadsIn(store.root()).isEmpty());
    }

    void unfinishedWriterLeavesNothing()
    {
        const CaptureStore store(m_dir.filePath(QStringLiteral("gone")));
        QString why;
        {
            auto w = store.beginWrite(&why);
            QVERIFY(w->write("abc", 3, &why));
        }
        QVERIFY(uploadsIn(store.root()).isEmpty());
    }

    // A server killed mid-upload leaves a .upload-* file; the next start
    // removes it, but never a file that a live writer (this one) holds.
    void staleUploadsRemovedLiveOnesKept()
    {
        const CaptureStore store(m_dir.filePath(QStringLiteral("stale")));
        QString why;
        auto live = store.beginWrite(&why);
        QVERIFY(live);
        QVERIFY(live->write("abc", 3, &why));
        // Debris of a dead writer: a file nobody holds locked.
        const QString debris = QDir(store.root()).filePath(QStringLiteral(".upload-00000000deadbeef"));
        QFile f(debris);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("partial upload");
        f.close();
        QCOMPARE(uploadsIn(store.root()).size(), 2);
        QStringList notes;
        QCOMPARE(store.removeStaleUploads(&notes), 1);
        QCOMPARE(notes.size(), 1);
        QVERIFY(!QFileInfo::exists(debris));
        QCOMPARE(uploadsIn(store.root()).size(), 1); // the live one
        QVERIFY(live->write(tinyPcap().constData(), tinyPcap().size(), &why));
    }
};

QTEST_GUILESS_MAIN(TestCaptureStore)
#include "tst_capturestore.moc"
