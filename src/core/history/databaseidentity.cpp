#include "databaseidentity.h"

#include <QFile>
#include <QFileInfo>
#include <QList>
#include <QMutex>

#include <sys/stat.h>

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
} // namespace

bool DatabaseIdentity::mayOpen(const QString &path, QString *error)
{
    dev_t dev = 0;
    ino_t ino = 0;
    const bool exists = identity(path, &dev, &ino);
    if (!exists && (QFileInfo::exists(path + QStringLiteral("-wal")) || QFileInfo::exists(path + QStringLiteral("-shm")))) {
        *error = QStringLiteral("%1 was deleted while a program had it open: its write-ahead log %1-wal remains. It is not "
                                "opened, so that the log is not read into a new, empty database; it can be once the "
                                "programs using it have stopped (or %1-wal and %1-shm are removed)").arg(path);
        return false;
    }
    const QString key = keyOf(path);
    QMutexLocker lock(&g_mutex);
    for (const Open &o : std::as_const(g_open)) {
        if (o.key == key && (!exists || o.dev != dev || o.ino != ino)) {
            *error = QStringLiteral("%1 was deleted or replaced while this program still has the old database open; "
                                    "it is opened again once those connections have closed").arg(path);
            return false;
        }
    }
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
        *error = QStringLiteral("the history database %1 was deleted or replaced while it was in use; nothing more is "
                                "written to the old one (it is opened again, new, by the next connection)").arg(m_path);
    return false;
}

} // namespace packetlens
