// SPDX-License-Identifier: GPL-3.0-or-later
#include "databaseidentity.h"
#include "core/report/errortext.h"

#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QMutex>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace packetlens {

namespace {
// The connections of this process, by the path they were opened by.
struct Open
{
    QString key;
    dev_t dev = 0;
    ino_t ino = 0;
};
QMutex g_mutex;
QList<Open> g_open;

bool identity(const QString &path, dev_t *dev, ino_t *ino)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return false;
    *dev = st.st_dev;
    *ino = st.st_ino;
    return true;
}

QString keyOf(const QString &path)
{
    return QFileInfo(path).absoluteFilePath();
}

// Whether another process has `path`-shm open through SQLite: every SQLite
// connection holds a shared lock on the shared-memory file's "dead man
// switch" byte (offset 128 on Unix) while it is open. Called only when no
// connection of this process uses the path, so opening and closing a
// descriptor of the file here drops no lock of this process.
bool shmHeldByAnotherProcess(const QString &shm)
{
    const int fd = ::open(QFile::encodeName(shm).constData(), O_RDWR | O_CLOEXEC);
    if (fd < 0)
        return false; // no -shm (or not ours to read): nothing holds it
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    lock.l_start = 128;
    lock.l_len = 1;
    const bool held = ::fcntl(fd, F_GETLK, &lock) != 0 || lock.l_type != F_UNLCK;
    ::close(fd);
    return held;
}

bool heldByThisProcess(const QString &key, bool exists, dev_t dev, ino_t ino)
{
    for (const auto &o : std::as_const(g_open))
        if (o.key == key && (!exists || o.dev != dev || o.ino != ino))
            return true;
    return false;
}
} // namespace

bool DatabaseIdentity::mayOpen(const QString &path, QString *error)
{
    dev_t dev = 0;
    ino_t ino = 0;
    const QString key = keyOf(path);
    QMutexLocker lock(&g_mutex);
    // Looked at under the lock: another thread of this process creating the
    // database registers it (take) only after the file exists, so a look
    // taken before that registration cannot read as "deleted".
    const bool exists = identity(path, &dev, &ino);
    if (heldByThisProcess(key, exists, dev, ino)) {
        *error = errorText("error.history.replaced_here", {path});
        return false;
    }
    const QString wal = path + QStringLiteral("-wal"), shm = path + QStringLiteral("-shm");
    if (exists || (!QFileInfo::exists(wal) && !QFileInfo::exists(shm)))
        return true;
    if (shmHeldByAnotherProcess(shm)) {
        *error = errorText("error.history.wal_left", {path});
        return false;
    }
    // The log of a deleted database that no program holds any more (SQLite
    // keeps it when the file it belongs to is gone): read into a new
    // database it would corrupt it.
    QFile::remove(wal);
    QFile::remove(shm);
    return true;
}

void DatabaseIdentity::take(const QString &path)
{
    release();
    if (!identity(path, &m_dev, &m_ino))
        return;
    m_path = path;
    m_key = keyOf(path);
    QMutexLocker lock(&g_mutex);
    g_open.append({m_key, m_dev, m_ino});
}

void DatabaseIdentity::release()
{
    if (m_key.isEmpty())
        return;
    {
        QMutexLocker lock(&g_mutex);
        for (qsizetype i = 0; i < g_open.size(); ++i) {
            if (g_open[i].key == m_key && g_open[i].dev == m_dev && g_open[i].ino == m_ino) {
                g_open.removeAt(i);
                break;
            }
        }
    }
    m_key.clear();
}

bool DatabaseIdentity::stillAtPath(QString *error) const
{
    if (m_key.isEmpty())
        return true;
    dev_t dev = 0;
    ino_t ino = 0;
    if (identity(m_path, &dev, &ino) && dev == m_dev && ino == m_ino)
        return true;
    if (error)
        *error = errorText("error.history.replaced", {m_path});
    return false;
}

} // namespace packetlens
