// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "bytesource.h"
#include "packetreader.h"

#include <memory>
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

    std::unique_ptr<BufferedSource> m_src;
    std::vector<Interface> m_ifaces;
    bool m_swap = false;
    bool m_sawSection = false;
    bool m_done = false;
    int m_digits = 6;
};

} // namespace packetlens
