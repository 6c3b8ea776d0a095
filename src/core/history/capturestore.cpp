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

namespace {
uint32_t read32(const char *p, bool bigEndian)
{
    const auto *u = reinterpret_cast<const uint8_t *>(p);
    return bigEndian ? uint32_t(u[0]) << 24 | uint32_t(u[1]) << 16 | uint32_t(u[2]) << 8 | u[3]
                     : uint32_t(u[3]) << 24 | uint32_t(u[2]) << 16 | uint32_t(u[1]) << 8 | u[0];
}
} // namespace

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

CaptureFormat CaptureStore::sniff(const char *head, qint64 n, QString *why)
{
    const CaptureFormat f = detectFormat(reinterpret_cast<const uint8_t *>(head), size_t(std::max<qint64>(n, 0)));
    auto cut = [&](const char *what, int need) {
        *why = QStringLiteral("truncated %1 header (%2 of %3 bytes)").arg(QLatin1String(what)).arg(n).arg(need);
        return CaptureFormat::Unknown;
    };
    switch (f) {
    case CaptureFormat::Unknown:
        *why = n == 0 ? QStringLiteral("empty") : QStringLiteral("not a capture (pcap, pcapng, gzip or zip): %1")
                                                       .arg(describeHead(reinterpret_cast<const uint8_t *>(head), size_t(n)));
        return f;
    case CaptureFormat::Pcap:
        return n < 24 ? cut("pcap", 24) : f;
    case CaptureFormat::Pcapng: {
        if (n < 28)
            return cut("pcapng", 28);
        const bool big = read32(head + 8, true) == 0x1a2b3c4d;
        if (!big && read32(head + 8, false) != 0x1a2b3c4d) {
            *why = QStringLiteral("pcapng section header without its byte-order magic");
            return CaptureFormat::Unknown;
        }
        const uint32_t len = read32(head + 4, big);
        if (len < 28 || len % 4 != 0) {
            *why = QStringLiteral("pcapng section header with a bad length (%1)").arg(len);
            return CaptureFormat::Unknown;
        }
        return f;
    }
    case CaptureFormat::Gzip:
        return n < 18 ? cut("gzip", 18) : f;
    case CaptureFormat::Zip:
        return n < 22 ? cut("zip", 22) : f;
    }
    return CaptureFormat::Unknown;
}

QString CaptureStore::formatName(CaptureFormat f)
{
    switch (f) {
    case CaptureFormat::Pcap: return QStringLiteral("pcap");
    case CaptureFormat::Pcapng: return QStringLiteral("pcapng");
    case CaptureFormat::Gzip: return QStringLiteral("gzip");
    case CaptureFormat::Zip: return QStringLiteral("zip");
    case CaptureFormat::Unknown: break;
    }
    return {};
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
