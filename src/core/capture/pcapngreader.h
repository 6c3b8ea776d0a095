// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bytesource.h"
#include "pcapngblocks.h"

#include <memory>

namespace packetlens {

// pcapng read from a stream (a gzip or zip entry, a file that cannot be
// mapped) through a bounds-checked buffer; a mapped file is read in place by
// MappedPcapngReader. The blocks are read by PcapngBlocks.
class PcapngReader : public PcapngBlocks
{
public:
    explicit PcapngReader(std::unique_ptr<BufferedSource> src);

    bool next(RawPacket &pkt) override;
    uint64_t progressPosition() const override { return m_src->source().progressPosition(); }
    uint64_t progressTotal() const override { return m_src->source().progressTotal(); }

private:
    bool atEnd();
    bool fail(const QString &why);

    std::unique_ptr<BufferedSource> m_src;
    bool m_done = false;
};

} // namespace packetlens
