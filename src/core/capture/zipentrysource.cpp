// SPDX-License-Identifier: GPL-3.0-or-later
#include "zipentrysource.h"
#include "core/report/errortext.h"

#include "decompressionguard.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>

#include <vector>

namespace packetlens {

ZipEntrySource::ZipEntrySource(std::unique_ptr<QuaZipFile> file, uint64_t compressedSize,
                               uint64_t archiveSize, uint64_t *archiveTotalOut, uint64_t maxTotal,
                               double maxRatio)
    : m_file(std::move(file)), m_compressed(compressedSize), m_archiveSize(archiveSize),
      m_totalOut(archiveTotalOut), m_maxTotal(maxTotal), m_maxRatio(maxRatio)
{
}

ZipEntrySource::~ZipEntrySource()
{
    if (m_file && m_file->isOpen())
        m_file->close();
}

int64_t ZipEntrySource::read(uint8_t *buf, int64_t n)
{
    const qint64 got = m_file->read(reinterpret_cast<char *>(buf), n);
    if (got < 0) {
        m_error = errorText("error.zip.entry_corrupt", {QString::number(m_file->getZipError())});
        return -1;
    }
    m_hash.update(buf, size_t(got));
    m_out += uint64_t(got);
    *m_totalOut += uint64_t(got);
    if (!DecompressionGuard(m_maxTotal, m_maxRatio).check(*m_totalOut, m_out, m_compressed, &m_error))
        return -1;
    return got;
}

uint64_t ZipEntrySource::progressPosition() const
{
    QIODevice *dev = m_file->getZip() ? m_file->getZip()->getIoDevice() : nullptr;
    return dev ? uint64_t(dev->pos()) : 0;
}

QString ZipEntrySource::drainAndHash()
{
    std::vector<uint8_t> buf(1 << 16);
    while (read(buf.data(), int64_t(buf.size())) > 0) {
    }
    return m_hash.finalHex();
}

} // namespace packetlens
