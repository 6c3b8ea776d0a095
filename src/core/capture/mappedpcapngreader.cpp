// SPDX-License-Identifier: GPL-3.0-or-later
#include "mappedpcapngreader.h"
#include "core/report/errortext.h"

#include <algorithm>

namespace packetlens {

namespace {
constexpr uint64_t kReleaseEvery = 4u << 20; // drop consumed pages from RSS in 4 MiB steps
constexpr uint32_t kAheadRecords = 4;        // how far the look-ahead hint (RawPacket::aheadData) runs
constexpr uint64_t kPrefetchAhead = 8192;    // as MappedPcapReader

QString cutByOther()
{
    return errorText("error.file.cut_by_other");
}
} // namespace

MappedPcapngReader::MappedPcapngReader(std::shared_ptr<MappedFile> file) : m_file(std::move(file)) {}

MappedPcapngReader::~MappedPcapngReader()
{
    if (m_file)
        m_file->finishConsumer();
}

void MappedPcapngReader::finish()
{
    m_done = true;
    m_file->finishConsumer();
}

// Stops at `at` (where the streaming reader would stand) with why, or with
// the cut-short message when another program cut the file there.
bool MappedPcapngReader::fail(uint64_t at, const QString &why)
{
    finish();
    stopAt(at, cutShort(at + 12) ? cutByOther() : why);
    return false;
}

bool MappedPcapngReader::cutShort(uint64_t end) const
{
    return m_file->shrank() && end > m_file->intactBytes();
}

// Asks for every cache line up to kPrefetchAhead bytes ahead (see MappedPcapReader).
void MappedPcapngReader::prefetchAhead(uint64_t size)
{
    const uint64_t want = std::min(m_offset + kPrefetchAhead, size) & ~uint64_t(63);
    if (m_prefetched < m_offset)
        m_prefetched = m_offset & ~uint64_t(63);
    for (; m_prefetched < want; m_prefetched += 64)
        __builtin_prefetch(m_file->data() + m_prefetched);
}

bool MappedPcapngReader::next(RawPacket &pkt)
{
    if (m_done || !m_file || !m_file->data())
        return false;
    const uint64_t size = m_file->size();
    while (m_offset < size) {
        const uint64_t at = m_offset, left = size - at;
        const uint8_t *b = m_file->data() + at;
        prefetchAhead(size);
        uint32_t type = 0, len = 0;
        QString why;
        if (!readHeader(b, size_t(std::min<uint64_t>(left, 12)), type, len, why))
            return fail(at, why);
        if (len > left)
            return fail(at, cutInBlock(left, len));
        // Its last byte first: a page past a cut faults here, not in the decoder.
        (void)*static_cast<const volatile uint8_t *>(b + len - 1);
        if (cutShort(at + len))
            return fail(at, cutByOther());
        if (!trailerMatches(b, len))
            return fail(at, errorText("error.pcapng.trailer"));
        m_offset += len;
        const Step step = readBlock(type, b, len, pkt, why);
        if (step == Step::Stop)
            return fail(m_offset, why);
        if (step == Step::Skip)
            continue;
        showAhead(pkt, size);
        if (at - m_released > kReleaseEvery) { // see MappedPcapReader::next
            m_file->consumed(m_released, at);
            m_released = at;
        }
        return true;
    }
    if (!m_sawSection)
        return fail(m_offset, errorText("error.pcapng.no_section"));
    finish();
    return false;
}

// The packet block at `at`, if it is one the look-ahead can vouch for: its
// length and, for a packet block, its data. Stops at a section or interface
// block (the interfaces may change there) and at anything damaged.
bool MappedPcapngReader::packetAhead(uint64_t at, uint64_t size, uint32_t &blockLen, RawPacket &ahead) const
{
    if (at + 12 > size)
        return false;
    const uint8_t *b = m_file->data() + at;
    uint32_t raw;
    std::memcpy(&raw, b, 4);
    const uint32_t type = get32(b), len = get32(b + 4);
    if (raw == kShb || type == kIdb || len < 12 || len % 4 != 0 || len > size - at)
        return false;
    blockLen = len;
    ahead.data = nullptr;
    if (type == kEpb && len >= 32) {
        const uint32_t ifId = get32(b + 8), caplen = get32(b + 20);
        if (ifId >= m_ifaces.size() || caplen > len - 32)
            return false;
        ahead.data = b + 28;
        ahead.caplen = caplen;
        ahead.linkType = m_ifaces[ifId].linkType;
    } else if (type == kSpb || type == kOpb || type == kEpb) {
        return false; // rare: the hints end here
    }
    return true;
}

// Shows the analysis the packet kAheadRecords further on (RawPacket::aheadData),
// when its interface has the same link type; only a hint.
void MappedPcapngReader::showAhead(RawPacket &pkt, uint64_t size)
{
    if (m_aheadRecords > 0 && m_ahead >= m_offset)
        --m_aheadRecords;
    else {
        m_aheadRecords = 0;
        m_ahead = m_offset;
    }
    pkt.aheadData = nullptr;
    pkt.aheadCaplen = 0;
    RawPacket ahead;
    uint32_t len = 0;
    while (m_aheadRecords < kAheadRecords && packetAhead(m_ahead, size, len, ahead)) {
        m_ahead += len;
        if (!ahead.data)
            continue;
        if (++m_aheadRecords == kAheadRecords && ahead.linkType == pkt.linkType) {
            pkt.aheadData = ahead.data;
            pkt.aheadCaplen = ahead.caplen;
        }
    }
}

} // namespace packetlens
