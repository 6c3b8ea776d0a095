// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bytesource.h"
#include "../util/sha256.h"

#include <memory>

class QuaZipFile;

namespace packetlens {

// One zip entry, decompressed as it is read, hashed on the way, and stopped
// when the archive's decompressed total or the entry's ratio passes its limit.
class ZipEntrySource : public ByteSource
{
public:
    ZipEntrySource(std::unique_ptr<QuaZipFile> file, uint64_t compressedSize, uint64_t archiveSize,
                   uint64_t *archiveTotalOut, uint64_t maxTotal, double maxRatio);
    ~ZipEntrySource() override;
    int64_t read(uint8_t *buf, int64_t n) override;
    uint64_t progressPosition() const override;
    uint64_t progressTotal() const override { return m_archiveSize; }
    QString drainAndHash(); // reads what is left, returns the entry's SHA-256

private:
    std::unique_ptr<QuaZipFile> m_file;
    uint64_t m_compressed;
    uint64_t m_archiveSize;
    uint64_t *m_totalOut;
    uint64_t m_maxTotal;
    double m_maxRatio;
    uint64_t m_out = 0;
    Sha256 m_hash;
};

} // namespace packetlens
