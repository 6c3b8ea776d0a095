// SPDX-License-Identifier: GPL-3.0-or-later
#include "bytesource.h"
#include "core/report/errortext.h"

#include "decompressionguard.h"

#include "../util/databasefiles.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

namespace packetlens {

FileSource::~FileSource()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool FileSource::open(const QString &path)
{
    if (DatabaseFiles::isInUse(path)) {
        m_error = DatabaseFiles::refusal(path);
        return false;
    }
    const QByteArray native = QFile::encodeName(path);
    m_fd = ::open(native.constData(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0) {
        m_error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    struct stat st {};
    if (::fstat(m_fd, &st) == 0)
        m_size = uint64_t(st.st_size);
    if (S_ISDIR(st.st_mode)) {
        m_error = errorText("error.file.is_directory");
        return false;
    }
#ifdef POSIX_FADV_SEQUENTIAL
    ::posix_fadvise(m_fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    return true;
}

int64_t FileSource::read(uint8_t *buf, int64_t n)
{
    for (;;) {
        const ssize_t got = ::read(m_fd, buf, size_t(n));
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            m_error = QString::fromLocal8Bit(std::strerror(errno));
            return -1;
        }
        m_pos += uint64_t(got);
        return got;
    }
}

GzipSource::~GzipSource()
{
    if (m_gz)
        gzclose(static_cast<gzFile>(m_gz));
}

bool GzipSource::open(const QString &path)
{
    if (DatabaseFiles::isInUse(path)) {
        m_error = DatabaseFiles::refusal(path);
        return false;
    }
    const QByteArray native = QFile::encodeName(path);
    m_size = uint64_t(QFileInfo(path).size());
    m_gz = gzopen(native.constData(), "rb");
    if (!m_gz) {
        m_error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    gzbuffer(static_cast<gzFile>(m_gz), 256 * 1024);
    return true;
}

int64_t GzipSource::read(uint8_t *buf, int64_t n)
{
    auto *gz = static_cast<gzFile>(m_gz);
    const int got = gzread(gz, buf, unsigned(n > (1 << 30) ? (1 << 30) : n));
    if (got < 0) {
        int errnum = 0;
        const char *msg = gzerror(gz, &errnum);
        m_error = errorText("error.gzip.corrupt", {QString::fromUtf8(msg)});
        return -1;
    }
    m_out += uint64_t(got);
    if (!DecompressionGuard(m_maxBytes, m_maxRatio).check(m_out, m_out, m_size, &m_error))
        return -1;
    return got;
}

uint64_t GzipSource::progressPosition() const
{
    const long off = m_gz ? gzoffset(static_cast<gzFile>(m_gz)) : 0;
    return off > 0 ? uint64_t(off) : 0;
}

BufferedSource::BufferedSource(std::unique_ptr<ByteSource> src, size_t bufSize)
    : m_src(std::move(src)), m_buf(bufSize)
{
}

size_t BufferedSource::fill(size_t n)
{
    if (available() >= n || m_eof || m_failed)
        return available();
    if (n > m_buf.size())
        m_buf.resize(n);
    if (m_start > 0) {
        std::memmove(m_buf.data(), m_buf.data() + m_start, available());
        m_end -= m_start;
        m_start = 0;
    }
    while (m_end < n && !m_eof) {
        const int64_t got = m_src->read(m_buf.data() + m_end, int64_t(m_buf.size() - m_end));
        if (got < 0) {
            m_failed = true;
            break;
        }
        if (got == 0)
            m_eof = true;
        m_end += size_t(got);
    }
    return available();
}

void BufferedSource::consume(size_t n)
{
    n = n < available() ? n : available();
    m_start += n;
    m_offset += n;
}

size_t BufferedSource::read(uint8_t *out, size_t n)
{
    if (n == 0 || (available() == 0 && fill(1) == 0))
        return 0;
    const size_t take = std::min(n, available());
    std::memcpy(out, peek(), take);
    consume(take);
    return take;
}

} // namespace packetlens
