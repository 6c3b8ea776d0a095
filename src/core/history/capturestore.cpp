// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturestore.h"

#include "historystore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QStandardPaths>

#include <algorithm>

namespace packetlens {

CaptureStore::CaptureStore(const QString &root) : m_root(QDir(root).absolutePath())
{
}

QString CaptureStore::folderOf(const QString &root, const QString &sha256)
{
    return QDir(root).filePath(sha256.left(2) + QLatin1Char('/') + sha256);
}

QMutex &CaptureStore::placeMutex()
{
    static QMutex m; // two identical uploads finishing at once end in one folder
    return m;
}

QString CaptureStore::defaultRoot()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("captures"));
}

QString CaptureStore::safeName(const QString &name, CaptureFormat format)
{
    QString base = name.section(QLatin1Char('/'), -1).section(QLatin1Char('\\'), -1);
    QString out;
    for (const QChar c : std::as_const(base))
        if (c.isPrint() && c != QLatin1Char(':'))
            out += c;
    out = out.trimmed().left(120);
    while (out.startsWith(QLatin1Char('.')))
        out.remove(0, 1);
    if (out.isEmpty()) {
        static const char *const ext[] = {"", ".pcap", ".pcapng", ".gz", ".zip"};
        out = QStringLiteral("upload") + QLatin1String(ext[int(format)]);
    }
    return out;
}

QString CaptureStore::pathOf(const Record &record) const
{
    if (!record.stored)
        return record.location;
    // Stored bytes are found at their content address under this server's
    // root: servers sharing one storage folder may mount it at other paths.
    const QString here = QDir(folderOf(m_root, record.sha256)).filePath(QFileInfo(record.location).fileName());
    return QFileInfo::exists(here) ? here : record.location;
}

bool CaptureStore::remove(HistoryStore &store, const Record &record, QString *error) const
{
    // Findings and analyses go with the capture's row (ON DELETE CASCADE).
    if (!removeRow(store, record.id, error))
        return false;
    if (!record.stored)
        return true;
    // Only ever delete inside our own folder, at the capture's content address.
    const QString folder = folderOf(m_root, record.sha256);
    const QString bytes = pathOf(record);
    if (QFileInfo(bytes).absolutePath() != QDir(folder).absolutePath())
        return true;
    QMutexLocker lock(&placeMutex());
    QFile::remove(bytes);
    QDir().rmdir(folder);
    QDir().rmdir(QFileInfo(folder).absolutePath()); // the two-digit folder, when empty
    return true;
}

} // namespace packetlens
