// SPDX-License-Identifier: GPL-3.0-or-later
#include "pcapngblocks.h"
#include "core/report/errortext.h"

namespace packetlens {

namespace {
constexpr uint32_t kMaxBlock = 16u << 20; // libpcap's limit as well
constexpr uint32_t kMaxInterfaces = 65536;
} // namespace

QString PcapngBlocks::cutInBlock(uint64_t present, uint32_t len)
{
    return errorText("error.pcapng.cut_in_block", {QString::number(present), QString::number(len)});
}

bool PcapngBlocks::readHeader(const uint8_t *h, size_t have, uint32_t &type, uint32_t &len, QString &why)
{
    if (have < 8) {
        why = errorText("error.pcapng.cut_block_header", {QString::number(have)});
        return false;
    }
    std::memcpy(&type, h, 4);
    if (type == kShb) { // byte order comes from this block's magic
        if (have < 12) {
            why = errorText("error.pcapng.cut_section");
            return false;
        }
        uint32_t bom;
        std::memcpy(&bom, h + 8, 4);
        if (bom != 0x1A2B3C4D && bom != 0x4D3C2B1A) {
            why = errorText("error.pcapng.bad_byte_order");
            return false;
        }
        m_swap = bom == 0x4D3C2B1A;
    } else if (!m_sawSection) {
        why = errorText("error.pcapng.no_leading_section");
        return false;
    }
    type = get32(h);
    len = get32(h + 4);
    if (len < 12 || len % 4 != 0 || len > kMaxBlock) {
        why = errorText("error.pcapng.bad_block_length", {QString::number(type, 16), QString::number(len)});
        return false;
    }
    return true;
}

PcapngBlocks::Step PcapngBlocks::readBlock(uint32_t type, const uint8_t *b, uint32_t len, RawPacket &pkt, QString &why)
{
    if (type == kShb)
        return readSectionHeader(b, len, why) ? Step::Skip : Step::Stop;
    if (type == kIdb)
        return readInterface(b + 8, len - 12, why) ? Step::Skip : Step::Stop;
    if (type == kEpb || type == kOpb || type == kSpb)
        return readPacket(type, b + 8, len - 12, pkt, why);
    if (type == kIsb && m_statistics)
        readStatistics(b + 8, len - 12);
    return Step::Skip; // name resolution, statistics, secrets, custom blocks
}

void PcapngBlocks::readStatistics(const uint8_t *body, uint32_t bodyLen) const
{
    if (bodyLen < 12)
        return;
    InterfaceStatistics s;
    s.interfaceId = get32(body);
    for (uint32_t off = 12; off + 4 <= bodyLen;) { // options after the id and the timestamp
        const uint16_t code = get16(body + off);
        const uint16_t olen = get16(body + off + 2);
        if (code == 0 || olen > bodyLen - off - 4)
            break;
        if (olen == 8 && (code == 4 || code == 5 || code == 7)) {
            uint64_t v;
            std::memcpy(&v, body + off + 4, 8);
            v = m_swap ? __builtin_bswap64(v) : v;
            (code == 4 ? s.received : code == 5 ? s.ifDropped : s.osDropped) = v;
        }
        off += 4 + ((uint32_t(olen) + 3) & ~3u);
    }
    m_statistics(s);
}

bool PcapngBlocks::readSectionHeader(const uint8_t *block, uint32_t len, QString &why)
{
    if (len < 28) {
        why = errorText("error.pcapng.short_section");
        return false;
    }
    const uint16_t major = get16(block + 12);
    const uint16_t minor = get16(block + 14);
    if (major != 1) {
        why = errorText("error.pcapng.version", {QString::number(major), QString::number(minor)});
        return false;
    }
    if (minor != 0 && minor != 2) // 1.2 was written by some old tools; 1.1 never existed
        m_warnings << errorText("error.pcapng.unpublished_version", {QString::number(minor)});
    m_ifaces.clear(); // a new section starts a new interface list
    m_sawSection = true;
    return true;
}

bool PcapngBlocks::readInterface(const uint8_t *body, uint32_t bodyLen, QString &why)
{
    if (bodyLen < 8) {
        why = errorText("error.pcapng.short_interface");
        return false;
    }
    if (m_ifaces.size() >= kMaxInterfaces) {
        why = errorText("error.pcapng.too_many_interfaces", {QString::number(kMaxInterfaces)});
        return false;
    }
    Interface iface;
    iface.linkType = get16(body);
    iface.snaplen = get32(body + 4);
    optionsOf(iface, body, bodyLen);
    settleResolution(iface);
    noteLinkType(iface.linkType);
    m_ifaces.push_back(iface);
    return true;
}

// Options: code(2) length(2) value padded to 4; if_tsresol and if_tsoffset kept.
void PcapngBlocks::optionsOf(Interface &iface, const uint8_t *body, uint32_t bodyLen)
{
    uint32_t off = 8;
    while (off + 4 <= bodyLen) {
        const uint16_t code = get16(body + off);
        const uint16_t olen = get16(body + off + 2);
        if (code == 0)
            break;
        if (olen > bodyLen - off - 4) {
            m_warnings << errorText("error.pcapng.long_option", {QString::number(m_ifaces.size()), QString::number(code)});
            break;
        }
        const uint8_t *val = body + off + 4;
        if (code == 9 && olen >= 1) { // if_tsresol
            iface.tsPow2 = val[0] & 0x80;
            iface.tsExp = val[0] & 0x7f;
        } else if (code == 14 && olen >= 8) { // if_tsoffset (seconds)
            uint64_t v;
            std::memcpy(&v, val, 8);
            if (m_swap)
                v = __builtin_bswap64(v);
            iface.tsOffset = int64_t(v);
        }
        off += 4 + ((uint32_t(olen) + 3) & ~3u);
    }
}

// Clamps an interface's resolution to what is supported, works out its
// divisors once, and widens the capture's digits to it.
void PcapngBlocks::settleResolution(Interface &iface)
{
    if (!iface.tsPow2 && iface.tsExp > 18)
        m_warnings << errorText("error.pcapng.tsresol", {QString::number(m_ifaces.size()), QString::number(iface.tsExp)});
    if (iface.tsPow2 && iface.tsExp > 63)
        iface.tsExp = 63;
    if (!iface.tsPow2 && iface.tsExp > 18)
        iface.tsExp = 6;
    iface.div = 1;
    for (int i = 0; i < iface.tsExp; ++i)
        iface.div *= 10;
    iface.mul = 1;
    for (int i = iface.tsExp; i < 9; ++i)
        iface.mul *= 10;
    const int digits = iface.tsPow2 ? (iface.tsExp > 20 ? 9 : (iface.tsExp * 3 + 9) / 10)
                                    : (iface.tsExp > 9 ? 9 : iface.tsExp);
    if (m_ifaces.empty() || digits > m_digits)
        m_digits = digits < 1 ? 0 : digits;
}

PcapngBlocks::Step PcapngBlocks::readPacket(uint32_t type, const uint8_t *body, uint32_t bodyLen, RawPacket &pkt,
                                            QString &why) const
{
    uint32_t ifId = 0, caplen = 0, wireLen = 0;
    uint64_t ts = 0;
    const uint8_t *data = nullptr;
    if (type == kSpb) {
        if (bodyLen < 4) {
            why = errorText("error.pcapng.short_simple_packet");
            return Step::Stop;
        }
        wireLen = get32(body);
        caplen = wireLen < bodyLen - 4 ? wireLen : bodyLen - 4;
        data = body + 4;
    } else {
        // Same layout after the interface id: 32 bits in an EPB, 16 (+16 drop count) in the obsolete OPB.
        if (bodyLen < 20) {
            why = errorText("error.pcapng.short_packet");
            return Step::Stop;
        }
        ifId = type == kEpb ? get32(body) : get16(body);
        ts = uint64_t(get32(body + 4)) << 32 | get32(body + 8);
        caplen = get32(body + 12);
        wireLen = get32(body + 16);
        if (caplen > bodyLen - 20) {
            why = errorText("error.pcapng.caplen", {QString::number(caplen)});
            return Step::Stop;
        }
        data = body + 20;
    }
    if (ifId >= m_ifaces.size()) {
        why = errorText("error.pcapng.undefined_interface", {QString::number(ifId)});
        return Step::Stop;
    }
    const Interface &iface = m_ifaces[ifId];
    toTimestamp(iface, ts, pkt);
    pkt.caplen = caplen;
    pkt.len = wireLen;
    pkt.linkType = iface.linkType;
    pkt.data = data;
    return Step::Packet;
}

void PcapngBlocks::toTimestamp(const Interface &iface, uint64_t ts, RawPacket &pkt)
{
    if (iface.tsPow2) {
        const uint64_t sec = iface.tsExp >= 64 ? 0 : ts >> iface.tsExp;
        const uint64_t frac = ts & ((uint64_t(1) << iface.tsExp) - 1);
        pkt.tsSec = int64_t(sec);
        pkt.tsNsec = uint32_t((unsigned __int128)frac * 1000000000u >> iface.tsExp);
    } else {
        pkt.tsSec = int64_t(ts / iface.div);
        const uint64_t frac = ts % iface.div;
        pkt.tsNsec = iface.tsExp <= 9 ? uint32_t(frac * iface.mul) : uint32_t(frac / (iface.div / 1000000000u));
    }
    pkt.tsSec += iface.tsOffset;
}

} // namespace packetlens
