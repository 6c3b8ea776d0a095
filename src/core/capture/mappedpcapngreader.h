// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "pcapngblocks.h"

#include "../util/mappedfile.h"

#include <memory>

namespace packetlens {

// A pcapng file read in place through a read-only memory map, as
// MappedPcapReader reads a classic pcap: packet blocks (EPB, SPB, OPB) are
// walked in the mapped bytes and handed on without a copy, every interface's
// link type, timestamp resolution and offset honoured, other blocks skipped
// (PcapngBlocks). Damaged and truncated blocks stop it with the streaming
// PcapngReader's messages and offsets. Memory is asked for ahead of the
// reader, consumed pages are dropped from the resident set, and a steward
// (the file hash) may share the mapping (see MappedFile).
class MappedPcapngReader : public PcapngBlocks
{
public:
    explicit MappedPcapngReader(std::shared_ptr<MappedFile> file);
    ~MappedPcapngReader() override;

    bool next(RawPacket &pkt) override;
    uint64_t progressPosition() const override { return m_offset; }
    uint64_t progressTotal() const override { return m_file ? m_file->size() : 0; }

private:
    bool fail(uint64_t at, const QString &why);
    bool cutShort(uint64_t end) const;
    void prefetchAhead(uint64_t size);
    void showAhead(RawPacket &pkt, uint64_t size);
    bool packetAhead(uint64_t at, uint64_t size, uint32_t &blockLen, RawPacket &ahead) const;
    void finish();

    std::shared_ptr<MappedFile> m_file; // survives the file being cut short (see MappedFile)
    uint64_t m_offset = 0;
    uint64_t m_prefetched = 0;   // cache lines up to here were asked for
    uint64_t m_ahead = 0;        // where the look-ahead walk stands
    uint32_t m_aheadRecords = 0; // packet blocks between m_offset and m_ahead
    uint64_t m_released = 0;     // pages before this offset were dropped from the process (RSS)
    bool m_done = false;
};

} // namespace packetlens
