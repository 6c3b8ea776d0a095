#pragma once

#include "bytesource.h"
#include "packetreader.h"

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace packetlens {

// A bounds-checked pcapng block reader (SHB, IDB, EPB, SPB, OPB; other blocks
// skipped). Unlike libpcap 1.10 it reads files whose interfaces have different
// link types, and honours each interface's timestamp resolution and offset.
class PcapngReader : public PacketReader
{
public:
    explicit PcapngReader(std::unique_ptr<BufferedSource> src);

    bool next(RawPacket &pkt) override;
    QString formatName() const override { return QStringLiteral("pcapng"); }
    int timestampDigits() const override { return m_digits; }
    uint64_t progressPosition() const override { return m_src->source().progressPosition(); }
    uint64_t progressTotal() const override { return m_src->source().progressTotal(); }

    // An interface statistics block: what the capturing program counted on
    // one interface so far (a live capture's drops are read from these).
    struct InterfaceStatistics
    {
        uint32_t interfaceId = 0;
        std::optional<uint64_t> received, ifDropped, osDropped; // isb_ifrecv, isb_ifdrop, isb_osdrop
    };
    // Called from next() for each such block as it is read.
    void setStatisticsHandler(std::function<void(const InterfaceStatistics &)> handler) { m_statistics = std::move(handler); }

private:
    struct Interface
    {
        int linkType = 0;
        uint32_t snaplen = 0;
        bool tsPow2 = false;
        uint8_t tsExp = 6; // 10^-6 by default
        int64_t tsOffset = 0;
    };

    uint32_t get32(const uint8_t *p) const;
    uint16_t get16(const uint8_t *p) const;
    bool readSectionHeader(const uint8_t *block, uint32_t len);
    bool readInterface(const uint8_t *body, uint32_t bodyLen);
    void toTimestamp(const Interface &iface, uint64_t ts, RawPacket &pkt) const;
    bool fail(const QString &why);
    void readStatistics(const uint8_t *body, uint32_t bodyLen);

    std::unique_ptr<BufferedSource> m_src;
    std::vector<Interface> m_ifaces;
    bool m_swap = false;
    bool m_sawSection = false;
    bool m_done = false;
    int m_digits = 6;
    std::function<void(const InterfaceStatistics &)> m_statistics;
};

} // namespace packetlens
