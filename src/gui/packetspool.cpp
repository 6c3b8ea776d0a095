// SPDX-License-Identifier: GPL-3.0-or-later
#include "packetspool.h"

#include "packetrecord.h"

#include <QDir>
#include <QTemporaryFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace packetlens::gui {

namespace {
constexpr size_t kHeader = 8; // caplen (u32), link type (u32)
constexpr size_t kFlushAt = 1 << 20;

bool writeAll(int fd, const uint8_t *p, size_t n)
{
    while (n) {
        const ssize_t w = ::write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += w;
        n -= size_t(w);
    }
    return true;
}
} // namespace

PacketSpool::PacketSpool() = default;

PacketSpool::~PacketSpool()
{
    if (m_writeFd >= 0)
        ::close(m_writeFd);
    if (m_readFd >= 0)
        ::close(m_readFd);
}

void PacketSpool::setRecordAccess(std::shared_ptr<const RecordAccess> records)
{
    std::lock_guard lock(m_recordsLock);
    m_records = std::move(records);
}

bool PacketSpool::read(const PacketRecord &r, Packet &out) const
{
    if (!(r.flags & PacketRecord::InFile))
        return read(r.spool, out);
    std::shared_ptr<const RecordAccess> records;
    {
        std::lock_guard lock(m_recordsLock);
        records = m_records;
    }
    RecordAccess::Packet p;
    if (!records || !records->read(r.spool, p))
        return false;
    out.linkType = p.linkType;
    out.bytes = std::move(p.bytes);
    return true;
}

bool PacketSpool::open(QString *error)
{
    QTemporaryFile tmp(QDir::tempPath() + QStringLiteral("/packetlens-spool-XXXXXX"));
    if (!tmp.open()) {
        *error = tmp.errorString();
        return false;
    }
    const QByteArray name = QFile::encodeName(tmp.fileName());
    m_writeFd = ::open(name.constData(), O_WRONLY | O_CLOEXEC);
    m_readFd = ::open(name.constData(), O_RDONLY | O_CLOEXEC);
    // Unlinked at once: the bytes go away with the process, even after a crash.
    tmp.close();
    tmp.remove();
    if (m_writeFd < 0 || m_readFd < 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    m_buffer.reserve(kFlushAt + 65536 + kHeader);
    return true;
}

uint64_t PacketSpool::append(int linkType, const uint8_t *data, uint32_t caplen)
{
    const uint64_t at = m_size + m_buffer.size();
    uint32_t h[2] = {caplen, uint32_t(linkType)};
    const auto *hp = reinterpret_cast<const uint8_t *>(h);
    m_buffer.insert(m_buffer.end(), hp, hp + kHeader);
    m_buffer.insert(m_buffer.end(), data, data + caplen);
    if (m_buffer.size() >= kFlushAt)
        flush();
    return at;
}

bool PacketSpool::flush()
{
    if (m_buffer.empty())
        return true;
    const bool ok = writeAll(m_writeFd, m_buffer.data(), m_buffer.size());
    m_size += m_buffer.size();
    m_buffer.clear();
    return ok;
}

bool PacketSpool::read(uint64_t offset, Packet &out) const
{
    uint32_t h[2];
    if (::pread(m_readFd, h, kHeader, off_t(offset)) != ssize_t(kHeader) || h[0] > (256u << 20))
        return false;
    out.linkType = int(h[1]);
    out.bytes.resize(h[0]);
    return h[0] == 0 || ::pread(m_readFd, out.bytes.data(), h[0], off_t(offset + kHeader)) == ssize_t(h[0]);
}

} // namespace packetlens::gui
