#pragma once

#include "packetreader.h"

#include "../util/mappedfile.h"

#include <QString>

#include <memory>

namespace packetlens {

// A classic pcap file read in place through a read-only memory map: no copy
// of the packet bytes (libpcap's file reader copies each packet twice, once
// in the kernel and once out of stdio's buffer). libpcap still validates the
// file header and names the link type; this reader walks the records with
// the same checks libpcap makes (caplen against the snapshot length and the
// 256 KiB maximum, truncated header or data) and the same messages.
//
// Used for the common, modern layout only (standard magics, version 2.4,
// link types PacketLens decodes); open() returns false without an error for
// anything else, and the caller falls back to libpcap's own reader.
class MappedPcapReader : public PacketReader
{
public:
    // False with openError() empty: not suitable, use libpcap. False with
    // openError() set: libpcap rejected the header.
    bool open(const QString &path);
    QString openError() const { return m_openError; }
    ~MappedPcapReader() override;
    // The mapping, for a steward thread to share (see MappedFile::steward).
    std::shared_ptr<MappedFile> mapping() const { return m_file; }

    bool next(RawPacket &pkt) override;
    QString formatName() const override { return m_nano ? QStringLiteral("pcap-ns") : QStringLiteral("pcap"); }
    int timestampDigits() const override { return m_nano ? 9 : 6; }
    uint64_t progressPosition() const override { return m_offset; }
    uint64_t progressTotal() const override { return m_file->size(); }

private:
    uint32_t get32(const uint8_t *p) const;
    void finish();

    std::shared_ptr<MappedFile> m_file = std::make_shared<MappedFile>(); // survives the file being cut short (see MappedFile)
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
    QString m_openError;
};

} // namespace packetlens
