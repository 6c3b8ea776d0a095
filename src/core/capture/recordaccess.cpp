// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordaccess.h"

#include "../util/databasefiles.h"

#include <QFile>

#include <fcntl.h>
#include <unistd.h>

namespace packetlens {

namespace {
constexpr uint32_t kMaxRecordBytes = 256u << 20; // a corrupt length is no reason to allocate gigabytes
} // namespace

std::shared_ptr<PcapRecordAccess> PcapRecordAccess::open(const QString &path, bool swapped, int linkType)
{
    if (DatabaseFiles::isInUse(path))
        return nullptr;
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return nullptr;
    return std::shared_ptr<PcapRecordAccess>(new PcapRecordAccess(fd, swapped, linkType));
}

PcapRecordAccess::~PcapRecordAccess()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool PcapRecordAccess::read(uint64_t offset, Packet &out) const
{
    uint32_t h[4]; // ts_sec, ts_frac, incl_len, orig_len
    if (::pread(m_fd, h, sizeof h, off_t(offset)) != ssize_t(sizeof h))
        return false;
    const uint32_t caplen = m_swapped ? __builtin_bswap32(h[2]) : h[2];
    if (caplen > kMaxRecordBytes)
        return false;
    out.linkType = m_linkType;
    out.bytes.resize(caplen);
    return caplen == 0 || ::pread(m_fd, out.bytes.data(), caplen, off_t(offset + sizeof h)) == ssize_t(caplen);
}

} // namespace packetlens
