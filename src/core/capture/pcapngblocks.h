// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "packetreader.h"

#include <cstring>
#include <functional>
#include <optional>
#include <vector>

namespace packetlens {

// What both pcapng readers (the streaming PcapngReader and the in-place
// MappedPcapngReader) share: reading a block's header and a whole block
// (SHB, IDB, EPB, SPB, OPB; other blocks skipped), the section's byte order
// and its interfaces, each with its link type and timestamp resolution and
// offset. Unlike libpcap 1.10 it reads files whose interfaces have different
// link types. The readers only differ in where the bytes come from, and say
// where a failure happened.
class PcapngBlocks : public PacketReader
{
public:
    QString formatName() const override { return QStringLiteral("pcapng"); }
    int timestampDigits() const override { return m_digits; }

    // An interface statistics block: what the capturing program counted on
    // one interface so far (a live capture's drops are read from these).
    struct InterfaceStatistics
    {
        uint32_t interfaceId = 0;
        std::optional<uint64_t> received, ifDropped, osDropped; // isb_ifrecv, isb_ifdrop, isb_osdrop
    };
    // Called from next() for each such block as it is read.
    void setStatisticsHandler(std::function<void(const InterfaceStatistics &)> handler) { m_statistics = std::move(handler); }

protected:
    enum class Step { Packet, Skip, Stop };
    static constexpr uint32_t kShb = 0x0A0D0D0A;
    static constexpr uint32_t kIdb = 1;
    static constexpr uint32_t kOpb = 2;
    static constexpr uint32_t kSpb = 3;
    static constexpr uint32_t kIsb = 5;
    static constexpr uint32_t kEpb = 6;

    struct Interface
    {
        int linkType = 0;
        uint32_t snaplen = 0;
        bool tsPow2 = false;
        uint8_t tsExp = 6; // 10^-6 by default
        int64_t tsOffset = 0;
        uint64_t div = 1000000; // units per second (decimal resolutions)
        uint64_t mul = 1000;    // ns per unit (decimal resolutions up to ns)
    };

    uint32_t get32(const uint8_t *p) const
    {
        uint32_t v;
        std::memcpy(&v, p, 4);
        return m_swap ? __builtin_bswap32(v) : v;
    }
    uint16_t get16(const uint8_t *p) const
    {
        uint16_t v;
        std::memcpy(&v, p, 2);
        return m_swap ? __builtin_bswap16(v) : v;
    }

    // The header of the block at h, `have` bytes present there (at least 12
    // when there are that many): its type and total length; false with the
    // reason in `why` when reading must stop (not for have == 0).
    bool readHeader(const uint8_t *h, size_t have, uint32_t &type, uint32_t &len, QString &why);
    // A whole block of len bytes at b, its header read: a packet into pkt,
    // or skipped (section, interface and other blocks), or a reason to stop.
    Step readBlock(uint32_t type, const uint8_t *b, uint32_t len, RawPacket &pkt, QString &why);
    bool trailerMatches(const uint8_t *b, uint32_t len) const { return get32(b + len - 4) == len; }
    static QString cutInBlock(uint64_t present, uint32_t len);

    std::vector<Interface> m_ifaces;
    bool m_swap = false;
    bool m_sawSection = false;

private:
    bool readSectionHeader(const uint8_t *block, uint32_t len, QString &why);
    bool readInterface(const uint8_t *body, uint32_t bodyLen, QString &why);
    void optionsOf(Interface &iface, const uint8_t *body, uint32_t bodyLen);
    void settleResolution(Interface &iface);
    Step readPacket(uint32_t type, const uint8_t *body, uint32_t bodyLen, RawPacket &pkt, QString &why) const;
    static void toTimestamp(const Interface &iface, uint64_t ts, RawPacket &pkt);
    void readStatistics(const uint8_t *body, uint32_t bodyLen) const;

    int m_digits = 6;
    std::function<void(const InterfaceStatistics &)> m_statistics;
};

} // namespace packetlens
