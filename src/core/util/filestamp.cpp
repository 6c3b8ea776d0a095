// SPDX-License-Identifier: GPL-3.0-or-later
#include "filestamp.h"

#include <QFile>

#include <sys/stat.h>

namespace packetlens {

namespace {
FileStamp fromStat(const struct stat &st)
{
    FileStamp s;
    s.valid = true;
    s.device = uint64_t(st.st_dev);
    s.inode = uint64_t(st.st_ino);
    s.size = int64_t(st.st_size);
    s.modifiedNs = int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    return s;
}
} // namespace

FileStamp FileStamp::ofPath(const QString &path)
{
    struct stat st {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? fromStat(st) : FileStamp();
}

FileStamp FileStamp::ofDescriptor(int fd)
{
    struct stat st {};
    return fd >= 0 && ::fstat(fd, &st) == 0 ? fromStat(st) : FileStamp();
}

} // namespace packetlens
