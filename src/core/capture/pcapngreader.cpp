// SPDX-License-Identifier: GPL-3.0-or-later
#include "pcapngreader.h"

#include <cstring>

namespace packetlens {

namespace {
constexpr uint32_t kShb = 0x0A0D0D0A;
constexpr uint32_t kIdb = 1;
constexpr uint32_t kOpb = 2;
constexpr uint32_t kSpb = 3;
constexpr uint32_t kEpb = 6;
constexpr uint32_t kMaxBlock = 16u << 20; // libpcap's limit as well
constexpr uint32_t kMaxInterfaces = 65536;

uint32_t swap32(uint32_t v) { return __builtin_bswap32(v); }
} // namespace

PcapngReader::PcapngReader(std::unique_ptr<BufferedSource> src) : m_src(std::move(src)) {}

uint32_t PcapngReader::get32(const uint8_t *p) const
{
    uint32_t v;
    std::memcpy(&v, p, 4);
    return m_swap ? swap32(v) : v;
}

uint16_t PcapngReader::get16(const uint8_t *p) const
{
    uint16_t v;
    std::memcpy(&v, p, 2);
    return m_swap ? __builtin_bswap16(v) : v;
}

bool PcapngReader::fail(const QString &why)
{
    stopAt(m_src->offset(), why);
    m_done = true;
    return false;
}

bool PcapngReader::readSectionHeader(const uint8_t *block, uint32_t len)
{
    if (len < 28)
        return fail(QStringLiteral("section header block shorter than 28 bytes"));
    const uint16_t major = get16(block + 12);
    const uint16_t minor = get16(block + 14);
    if (major != 1)
        return fail(QStringLiteral("unsupported pcapng version %1.%2").arg(major).arg(minor));
    if (minor != 0 && minor != 2) // 1.2 was written by some old tools; 1.1 never existed
        m_warnings << QStringLiteral("section header says pcapng version 1.%1, which is not a published version; read as 1.0")
                          .arg(minor);
    m_ifaces.clear(); // a new section starts a new interface list
    m_sawSection = true;
    return true;
}

bool PcapngReader::readInterface(const uint8_t *body, uint32_t bodyLen)
{
    if (bodyLen < 8)
        return fail(QStringLiteral("interface description block too short"));
    if (m_ifaces.size() >= kMaxInterfaces)
        return fail(QStringLiteral("more than %1 interfaces").arg(kMaxInterfaces));
    Interface iface;
    iface.linkType = get16(body);
    iface.snaplen = get32(body + 4);
    // Options: code(2) length(2) value padded to 4.
    uint32_t off = 8;
    while (off + 4 <= bodyLen) {
        const uint16_t code = get16(body + off);
        const uint16_t olen = get16(body + off + 2);
        if (code == 0)
            break;
        if (olen > bodyLen - off - 4) {
            m_warnings << QStringLiteral("interface %1: option %2 longer than its block; ignored")
                              .arg(m_ifaces.size())
                              .arg(code);
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
    if (!iface.tsPow2 && iface.tsExp > 18)
        m_warnings << QStringLiteral("interface %1: timestamp resolution 10^-%2 not supported; using µs")
                          .arg(m_ifaces.size())
                          .arg(iface.tsExp);
    if (iface.tsPow2 && iface.tsExp > 63)
        iface.tsExp = 63;
    if (!iface.tsPow2 && iface.tsExp > 18)
        iface.tsExp = 6;
    const int digits = iface.tsPow2 ? (iface.tsExp > 20 ? 9 : (iface.tsExp * 3 + 9) / 10)
                                    : (iface.tsExp > 9 ? 9 : iface.tsExp);
    if (m_ifaces.empty() || digits > m_digits)
        m_digits = digits < 1 ? 0 : digits;
    noteLinkType(iface.linkType);
    m_ifaces.push_back(iface);
    return true;
}

void PcapngReader::toTimestamp(const Interface &iface, uint64_t ts, RawPacket &pkt) const
{
    if (iface.tsPow2) {
        const uint64_t sec = iface.tsExp >= 64 ? 0 : ts >> iface.tsExp;
        const uint64_t frac = ts & ((uint64_t(1) << iface.tsExp) - 1);
        pkt.tsSec = int64_t(sec);
        pkt.tsNsec = uint32_t((unsigned __int128)frac * 1000000000u >> iface.tsExp);
    } else {
        uint64_t div = 1;
        for (int i = 0; i < iface.tsExp; ++i)
            div *= 10;
        pkt.tsSec = int64_t(ts / div);
        const uint64_t frac = ts % div;
        if (iface.tsExp <= 9) {
            uint64_t mul = 1;
            for (int i = iface.tsExp; i < 9; ++i)
                mul *= 10;
            pkt.tsNsec = uint32_t(frac * mul);
        } else {
            pkt.tsNsec = uint32_t(frac / (div / 1000000000u));
        }
    }
    pkt.tsSec += iface.tsOffset;
}

bool PcapngReader::next(RawPacket &pkt)
{
    while (!m_done) {
        const size_t have = m_src->fill(8);
        if (have == 0) {
            if (m_src->failed())
                return fail(QStringLiteral("read error: %1").arg(m_src->error()));
            if (!m_sawSection)
                return fail(QStringLiteral("no section header block"));
            m_done = true;
            return false;
        }
        if (have < 8)
            return fail(QStringLiteral("capture cut in a block header (%1 of 8 bytes)").arg(have));
        const uint8_t *h = m_src->peek();
        uint32_t type;
        std::memcpy(&type, h, 4);
        if (type == kShb) { // byte order comes from this block's magic
            if (m_src->fill(12) < 12)
                return fail(QStringLiteral("capture cut in a section header"));
            uint32_t bom;
            std::memcpy(&bom, m_src->peek() + 8, 4);
            if (bom == 0x1A2B3C4D)
                m_swap = false;
            else if (bom == 0x4D3C2B1A)
                m_swap = true;
            else
                return fail(QStringLiteral("section header has an invalid byte-order magic"));
            h = m_src->peek();
        } else if (!m_sawSection) {
            return fail(QStringLiteral("capture does not start with a section header block"));
        }
        type = get32(h);
        const uint32_t len = get32(h + 4);
        if (len < 12 || len % 4 != 0 || len > kMaxBlock)
            return fail(QStringLiteral("block of type 0x%1 has an invalid length %2")
                            .arg(type, 0, 16)
                            .arg(len));
        if (m_src->fill(len) < len)
            return fail(QStringLiteral("capture cut inside a block (%1 of %2 bytes present)")
                            .arg(m_src->available())
                            .arg(len));
        // The block stays valid in the buffer until the next fill(), i.e.
        // until the caller asks for the next packet.
        const uint8_t *b = m_src->peek();
        if (get32(b + len - 4) != len)
            return fail(QStringLiteral("block trailer length does not match its header"));
        const uint8_t *body = b + 8;
        const uint32_t bodyLen = len - 12;
        m_src->consume(len);

        if (type == kShb) {
            if (!readSectionHeader(b, len))
                return false;
            continue;
        }
        if (type == kIdb) {
            if (!readInterface(body, bodyLen))
                return false;
            continue;
        }
        uint32_t ifId = 0, caplen = 0, wireLen = 0;
        uint64_t ts = 0;
        const uint8_t *data = nullptr;
        if (type == kEpb || type == kOpb) {
            // Same layout after the interface id: 32 bits in an EPB, 16 (+16 drop count) in the obsolete OPB.
            if (bodyLen < 20)
                return fail(QStringLiteral("packet block too short"));
            ifId = type == kEpb ? get32(body) : get16(body);
            ts = uint64_t(get32(body + 4)) << 32 | get32(body + 8);
            caplen = get32(body + 12);
            wireLen = get32(body + 16);
            if (caplen > bodyLen - 20)
                return fail(QStringLiteral("packet length %1 exceeds its block").arg(caplen));
            data = body + 20;
        } else if (type == kSpb) {
            if (bodyLen < 4)
                return fail(QStringLiteral("simple packet block too short"));
            wireLen = get32(body);
            caplen = wireLen < bodyLen - 4 ? wireLen : bodyLen - 4;
            data = body + 4;
        } else {
            continue; // name resolution, statistics, secrets, custom blocks
        }
        if (ifId >= m_ifaces.size())
            return fail(QStringLiteral("packet refers to undefined interface %1").arg(ifId));
        const Interface &iface = m_ifaces[ifId];
        toTimestamp(iface, ts, pkt);
        pkt.caplen = caplen;
        pkt.len = wireLen;
        pkt.linkType = iface.linkType;
        pkt.data = data;
        return true;
    }
    return false;
}

} // namespace packetlens
