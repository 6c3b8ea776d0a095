// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

namespace packetlens {

// Reads a packet again later, from any thread, by the RawPacket::recordOffset
// its reader gave: what a packet list needs to show a packet's bytes without
// keeping them. Handed out by the capture opener for captures whose records
// can be read in place (a plain classic pcap file); others have none, and a
// face spools the bytes itself.
class RecordAccess
{
public:
    virtual ~RecordAccess() = default;
    struct Packet
    {
        int linkType = 0;
        std::vector<uint8_t> bytes;
    };
    virtual bool read(uint64_t recordOffset, Packet &out) const = 0;
};

// A classic pcap file's records, by pread on a descriptor of its own.
class PcapRecordAccess : public RecordAccess
{
public:
    // The header was read already (the opener's one sniff): byte order and link type.
    static std::shared_ptr<PcapRecordAccess> open(const QString &path, bool swapped, int linkType);
    ~PcapRecordAccess() override;
    bool read(uint64_t recordOffset, Packet &out) const override;

private:
    PcapRecordAccess(int fd, bool swapped, int linkType) : m_fd(fd), m_swapped(swapped), m_linkType(linkType) {}
    int m_fd = -1;
    bool m_swapped = false;
    int m_linkType = 0;
};

} // namespace packetlens
