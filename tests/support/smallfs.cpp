// SPDX-License-Identifier: GPL-3.0-or-later
#include "smallfs.h"

#include <QFile>

#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace packetlens::test {

namespace {
QString systemError(const char *what)
{
    return QStringLiteral("%1: %2").arg(QLatin1String(what), QString::fromLocal8Bit(std::strerror(errno)));
}
} // namespace

SmallFilesystem::~SmallFilesystem()
{
    if (m_mounted)
        ::umount2(QFile::encodeName(m_dir.path()).constData(), MNT_DETACH);
}

bool SmallFilesystem::mount(qint64 bytes, QString *why)
{
    if (::geteuid() != 0) {
        *why = QStringLiteral("mounting a small tmpfs needs root (this test runs as uid %1)").arg(::geteuid());
        return false;
    }
    if (!m_dir.isValid()) {
        *why = QStringLiteral("no temporary folder");
        return false;
    }
    const QByteArray options = "size=" + QByteArray::number(bytes) + ",mode=0700";
    if (::mount("tmpfs", QFile::encodeName(m_dir.path()).constData(), "tmpfs", MS_NOSUID | MS_NODEV, options.constData()) != 0) {
        *why = systemError("mount -t tmpfs");
        return false;
    }
    m_mounted = true;
    return true;
}

bool SmallFilesystem::setReadOnly(bool readOnly, QString *why)
{
    const unsigned long flags = MS_REMOUNT | MS_NOSUID | MS_NODEV | (readOnly ? MS_RDONLY : 0);
    if (::mount(nullptr, QFile::encodeName(m_dir.path()).constData(), nullptr, flags, nullptr) != 0) {
        *why = systemError(readOnly ? "remount read-only" : "remount read-write");
        return false;
    }
    return true;
}

bool SmallFilesystem::fill(qint64 leave, QString *why)
{
    QFile filler(filePath(QStringLiteral(".filler")));
    if (!filler.open(QIODevice::WriteOnly | QIODevice::Append)) {
        *why = filler.errorString();
        return false;
    }
    const QByteArray block(4096, 'f');
    while (freeBytes() > leave) {
        const qint64 n = qMin<qint64>(block.size(), freeBytes() - leave);
        if (filler.write(block.constData(), n) != n || !filler.flush())
            break; // full: what matters is that the space is taken
    }
    return true;
}

void SmallFilesystem::free()
{
    QFile::remove(filePath(QStringLiteral(".filler")));
}

qint64 SmallFilesystem::freeBytes() const
{
    struct statvfs s = {};
    if (::statvfs(QFile::encodeName(m_dir.path()).constData(), &s) != 0)
        return 0;
    return qint64(s.f_bavail) * qint64(s.f_frsize);
}

} // namespace packetlens::test
