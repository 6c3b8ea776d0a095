// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "packetreader.h"

#include "../util/mappedfile.h"

#include <QString>

#include <memory>

namespace packetlens {

// A classic pcap file read in place through a read-only memory map: no copy
// of the packet bytes (libpcap's file reader copies each packet twice, once
// in the kernel and once out of stdio's buffer). It reads the file header as
// libpcap does and walks the records with the same checks libpcap makes
// (caplen against the snapshot length and the 256 KiB maximum, truncated
// header or data) and the same messages.
//
// Used for the common, modern layout only (standard magics, version 2.4,
// link types PacketLens decodes); open() returns false for anything else,
// and the caller falls back to libpcap's own reader.
class MappedPcapReader : public PacketReader
{
public:
    // The file the capture opener mapped; false when its header is not the
    // common layout (use libpcap's reader then).
    bool open(std::shared_ptr<MappedFile> file);
    ~MappedPcapReader() override;
    // The mapping, for a steward thread to share (see MappedFile::steward).
    std::shared_ptr<MappedFile> mapping() const { return m_file; }
    int linkType() const { return m_linkType; }
    uint32_t snapshot() const { return m_snapshot; }

    bool next(RawPacket &pkt) override;
    QString formatName() const override { return m_nano ? QStringLiteral("pcap-ns") : QStringLiteral("pcap"); }
    int timestampDigits() const override { return m_nano ? 9 : 6; }
    uint64_t progressPosition() const override { return m_offset; }
    uint64_t progressTotal() const override { return m_file ? m_file->size() : 0; }

private:
    uint32_t get32(const uint8_t *p) const;
    void finish();
    void prefetchAhead(uint64_t size);
    void showAhead(RawPacket &pkt, uint64_t size);

    std::shared_ptr<MappedFile> m_file; // survives the file being cut short (see MappedFile)
    uint64_t m_offset = 24;
    uint64_t m_prefetched = 0; // cache lines up to here were asked for
    uint64_t m_ahead = 24;       // a record kAheadRecords past the next one (or the end)
    uint32_t m_aheadRecords = 0; // records between m_offset and m_ahead
    uint64_t m_released = 0; // pages before this offset were dropped from the process (RSS)
    uint32_t m_snapshot = 0;
    int m_linkType = 0;
    bool m_swap = false;
    bool m_nano = false;
    bool m_done = false;
};

} // namespace packetlens
