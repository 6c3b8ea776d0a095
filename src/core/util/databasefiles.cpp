// SPDX-License-Identifier: GPL-3.0-or-later
#include "databasefiles.h"
#include "core/report/errortext.h"

#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QMutex>

#include <sys/stat.h>

namespace packetlens::DatabaseFiles {

namespace {
struct Entry
{
    dev_t dev = 0;
    ino_t ino = 0;
    QString canonical;
};
QMutex g_mutex;
QList<Entry> g_entries;

bool identity(const QString &path, dev_t *dev, ino_t *ino)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return false;
    *dev = st.st_dev;
    *ino = st.st_ino;
    return true;
}
} // namespace

void add(const QString &databasePath)
{
    Entry e;
    if (!identity(databasePath, &e.dev, &e.ino))
        return;
    e.canonical = QFileInfo(databasePath).canonicalFilePath();
    QMutexLocker lock(&g_mutex);
    for (const Entry &old : std::as_const(g_entries))
        if (old.dev == e.dev && old.ino == e.ino)
            return;
    g_entries << e;
}

bool isInUse(const QString &path)
{
    dev_t dev = 0;
    ino_t ino = 0;
    const bool exists = identity(path, &dev, &ino);
    const QFileInfo fi(path);
    const QString canonical = exists ? fi.canonicalFilePath() : QFileInfo(fi.absolutePath()).canonicalFilePath() + QLatin1Char('/') + fi.fileName();
    QMutexLocker lock(&g_mutex);
    for (const Entry &e : std::as_const(g_entries)) {
        if (exists && e.dev == dev && e.ino == ino)
            return true;
        for (const char *suffix : {"-wal", "-shm", "-journal"})
            if (canonical == e.canonical + QLatin1String(suffix))
                return true;
    }
    return false;
}

QString refusal(const QString &path)
{
    return errorText("error.file.history_database", {path});
}

} // namespace packetlens::DatabaseFiles
