// SPDX-License-Identifier: GPL-3.0-or-later
// CaptureStore's writer: uploads streamed into a locked temporary file in
// the storage folder, hashed on the way, and moved to their content address.
#include "capturestore.h"

#include "../util/privatefiles.h"
#include "../util/sha256.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QRandomGenerator>

#include <algorithm>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace packetlens {

namespace {
constexpr qint64 kSniffBytes = 64;
} // namespace


CaptureStore::Writer::Writer(const QString &root, const QString &tempPath, std::unique_ptr<QFile> file)
    : m_root(root), m_tempPath(tempPath), m_file(std::move(file)), m_hash(std::make_unique<Sha256>())
{
}

CaptureStore::Writer::~Writer()
{
    discard();
}

void CaptureStore::Writer::discard()
{
    if (m_file) {
        ::unlink(QFile::encodeName(m_tempPath).constData()); // while still locked
        m_file->close();
        m_file.reset();
    }
}

std::unique_ptr<CaptureStore::Writer> CaptureStore::beginWrite(QString *error) const
{
    if (!PrivateFiles::makeFolder(m_root, false, nullptr, error))
        return nullptr;
    // Owner-only from the start (0600), and locked while it is written: a
    // server starting later removes only the temporary files nobody holds.
    const QString path = QDir(m_root).filePath(
        QStringLiteral(".upload-%1").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0')));
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 || ::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        *error = QStringLiteral("cannot create a file in %1: %2").arg(m_root, QString::fromLocal8Bit(std::strerror(errno)));
        if (fd >= 0) {
            ::close(fd);
            ::unlink(QFile::encodeName(path).constData());
        }
        return nullptr;
    }
    auto file = std::make_unique<QFile>();
    if (!file->open(fd, QIODevice::WriteOnly | QIODevice::Unbuffered, QFileDevice::AutoCloseHandle)) {
        *error = QStringLiteral("cannot create a file in %1: %2").arg(m_root, file->errorString());
        ::close(fd);
        ::unlink(QFile::encodeName(path).constData());
        return nullptr;
    }
    return std::unique_ptr<Writer>(new Writer(m_root, path, std::move(file)));
}

int CaptureStore::removeStaleUploads(QStringList *warnings) const
{
    // A writer holds its file locked (flock) from the moment it exists; a file
    // that can be locked belongs to a writer that is gone. Files are opened
    // here, never a database: this cannot touch SQLite's locks.
    int removed = 0;
    const QFileInfoList files = QDir(m_root).entryInfoList({QStringLiteral(".upload-*")}, QDir::Files | QDir::Hidden | QDir::System);
    for (const QFileInfo &f : files) {
        const QByteArray name = QFile::encodeName(f.absoluteFilePath());
        const int fd = ::open(name.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0)
            continue;
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::unlink(name.constData()) == 0)
            ++removed;
        ::close(fd);
    }
    if (removed > 0 && warnings)
        *warnings << QStringLiteral("removed %1 unfinished upload(s) left in %2 by a server that stopped").arg(removed).arg(m_root);
    return removed;
}

bool CaptureStore::Writer::write(const char *data, qint64 n, QString *error)
{
    if (!m_file) {
        *error = QStringLiteral("upload already finished");
        return false;
    }
    if (m_head.size() < kSniffBytes)
        m_head.append(data, std::min(n, kSniffBytes - m_head.size()));
    m_hash->update(data, size_t(n));
    qint64 done = 0;
    while (done < n) {
        const qint64 w = m_file->write(data + done, n - done);
        if (w <= 0) {
            *error = QStringLiteral("cannot write the upload: %1").arg(m_file->errorString());
            discard();
            return false;
        }
        done += w;
    }
    m_size += n;
    return true;
}

bool CaptureStore::Writer::finish(const QString &name, Stored *out, WriteError *kind, QString *error)
{
    *kind = WriteError::None;
    if (!m_file) {
        *kind = WriteError::Io;
        *error = QStringLiteral("upload already finished");
        return false;
    }
    if (m_size == 0) {
        discard();
        *kind = WriteError::Empty;
        *error = QStringLiteral("the upload is empty");
        return false;
    }
    QString why;
    const CaptureFormat format = sniffCapture(reinterpret_cast<const uint8_t *>(m_head.constData()), size_t(m_head.size()), &why);
    if (format == CaptureFormat::Unknown) {
        discard();
        *kind = WriteError::NotACapture;
        *error = why;
        return false;
    }
    if (::fsync(m_file->handle()) != 0) {
        *kind = WriteError::Io;
        *error = QStringLiteral("cannot write the upload: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        discard();
        return false;
    }
    out->sha256 = m_hash->finalHex();
    out->format = format;
    out->sizeBytes = m_size;
    const QString folder = CaptureStore::folderOf(m_root, out->sha256);
    QMutexLocker lock(&CaptureStore::placeMutex());
    const QStringList existing = QDir(folder).entryList(QDir::Files);
    if (!existing.isEmpty()) { // the same bytes are stored already
        out->existed = true;
        out->name = existing.first();
        out->path = QDir(folder).filePath(out->name);
        discard();
        return true;
    }
    out->name = safeName(name, format);
    out->path = QDir(folder).filePath(out->name);
    // Renamed while still open and locked, so that no cleanup takes it for
    // an abandoned upload in between; closed once it has its final name.
    QString why2;
    if (!PrivateFiles::makeFolder(folder, false, nullptr, &why2)
        || ::rename(QFile::encodeName(m_tempPath).constData(), QFile::encodeName(out->path).constData()) != 0) {
        *kind = WriteError::Io;
        *error = QStringLiteral("cannot store the upload as %1: %2")
                     .arg(out->path, why2.isEmpty() ? QString::fromLocal8Bit(std::strerror(errno)) : why2);
        discard();
        QDir().rmdir(folder);
        return false;
    }
    m_file->close();
    m_file.reset(); // kept
    return true;
}

} // namespace packetlens
