// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/capture/recordaccess.h"

#include <QString>

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

namespace packetlens::gui {

struct PacketRecord;

// The captured bytes of every packet of one analysis, for the packet list to
// read back at random from any thread (pread). A plain classic-pcap file is
// read in place (records point at the file); other captures (pcapng, gzip,
// zip, which have no cheap random access) are appended by the engine thread
// to an unlinked temporary file. Either way the list keeps only compact
// records in memory.
class PacketSpool
{
public:
    PacketSpool();
    ~PacketSpool();
    PacketSpool(const PacketSpool &) = delete;
    PacketSpool &operator=(const PacketSpool &) = delete;

    bool open(QString *error);
    // Packets of a capture the core can read again in place (a plain
    // classic-pcap file): records marked InFile are read through it.
    void setRecordAccess(std::shared_ptr<const RecordAccess> records);

    // Writer side (one thread): returns the packet's offset.
    uint64_t append(int linkType, const uint8_t *data, uint32_t caplen);
    bool flush(); // makes everything appended readable

    // Reader side (any thread).
    struct Packet
    {
        int linkType = 0;
        std::vector<uint8_t> bytes;
    };
    bool read(uint64_t offset, Packet &out) const;
    bool read(const PacketRecord &r, Packet &out) const;

private:
    int m_writeFd = -1;
    int m_readFd = -1;
    mutable std::mutex m_recordsLock;
    std::shared_ptr<const RecordAccess> m_records;
    uint64_t m_size = 0;
    std::vector<uint8_t> m_buffer;
};

} // namespace packetlens::gui
