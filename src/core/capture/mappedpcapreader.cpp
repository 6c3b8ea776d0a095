// SPDX-License-Identifier: GPL-3.0-or-later
#include "mappedpcapreader.h"
#include "core/report/errortext.h"

#include "captureformat.h"

#include <pcap/pcap.h>

#include <algorithm>
#include <cstring>

namespace packetlens {

namespace {
constexpr uint32_t kMagicUs = 0xa1b2c3d4;
constexpr uint32_t kMagicNs = 0xa1b23c4d;
constexpr uint32_t kMaxSnaplen = 262144; // libpcap's MAXIMUM_SNAPLEN
constexpr uint64_t kReleaseEvery = 4u << 20; // drop consumed pages from RSS in 4 MiB steps
constexpr uint32_t kAheadRecords = 4;       // how far the look-ahead hint (RawPacket::aheadData) runs
constexpr uint64_t kPrefetchAhead = 8192;    // a dozen packets of a typical mix (3 to 32 KiB measured alike)

bool decodedLinkType(int dlt)
{
    switch (dlt) {
    case DLT_NULL: case DLT_EN10MB: case DLT_RAW: case 14: case DLT_LINUX_SLL: case DLT_LOOP:
    case DLT_IPV4: case DLT_IPV6: case DLT_LINUX_SLL2:
        return true;
    default:
        return false;
    }
}
} // namespace

uint32_t MappedPcapReader::get32(const uint8_t *p) const
{
    uint32_t v;
    std::memcpy(&v, p, 4);
    return m_swap ? __builtin_bswap32(v) : v;
}

MappedPcapReader::~MappedPcapReader()
{
    if (m_file)
        m_file->finishConsumer();
}

void MappedPcapReader::finish()
{
    m_done = true;
    m_file->finishConsumer();
}

bool MappedPcapReader::open(std::shared_ptr<MappedFile> file)
{
    // The header as libpcap reads it (sf-pcap.c): the common layout only
    // (version 2.4, no FCS or reserved bits in the link-type field, a link
    // type the decoder knows); anything else goes to libpcap's own reader,
    // which is the authority on odd headers and their messages.
    PcapHeader h;
    if (!file || !readPcapHeader(file->data(), size_t(std::min<uint64_t>(file->size(), 24)), h))
        return false;
    if (h.major != 2 || h.minor != 4 || (h.linkTypeField & 0xffff0000u) != 0)
        return false;
    // LINKTYPE_ values to DLT_ values: they differ for raw IP only here.
    const int dlt = h.linkTypeField == 101 ? DLT_RAW : int(h.linkTypeField);
    if (!decodedLinkType(dlt))
        return false;
    m_file = std::move(file);
    m_linkType = dlt;
    // libpcap (1.10) keeps the header's snapshot length unless it is 0 or
    // does not fit an int; then it takes its maximum for the link type.
    m_snapshot = h.snaplen == 0 || h.snaplen > uint32_t(INT32_MAX) ? kMaxSnaplen : h.snaplen;
    m_swap = h.swapped;
    m_nano = h.nano;
    noteLinkType(m_linkType);
    return true;
}

// Asks for every cache line up to kPrefetchAhead bytes ahead: the hardware
// prefetcher stops at page boundaries, and each byte is read once, so without
// this each packet's first touch waits for memory (measured: about a quarter
// of the whole analysis time on the 1 GB bench mix; README, "Performance").
void MappedPcapReader::prefetchAhead(uint64_t size)
{
    const uint64_t want = std::min(m_offset + kPrefetchAhead, size) & ~uint64_t(63);
    if (m_prefetched < m_offset)
        m_prefetched = m_offset & ~uint64_t(63);
    for (; m_prefetched < want; m_prefetched += 64)
        __builtin_prefetch(m_file->data() + m_prefetched);
}

// Shows the analysis the record kAheadRecords further on (RawPacket::aheadData)
// for its conversation look-ahead; the cursor walks the same records with the
// same bounds (a record it cannot vouch for ends the hints).
void MappedPcapReader::showAhead(RawPacket &pkt, uint64_t size)
{
    if (m_aheadRecords > 0)
        --m_aheadRecords;
    else
        m_ahead = m_offset;
    pkt.aheadData = nullptr;
    pkt.aheadCaplen = 0;
    while (m_aheadRecords < kAheadRecords && m_ahead + 16 <= size) {
        const uint8_t *a = m_file->data() + m_ahead;
        const uint32_t acap = get32(a + 8);
        if (acap > m_snapshot || m_ahead + 16 + acap > size)
            break;
        if (++m_aheadRecords == kAheadRecords) {
            pkt.aheadData = a + 16;
            pkt.aheadCaplen = acap;
        }
        m_ahead += 16 + acap;
    }
}

bool MappedPcapReader::next(RawPacket &pkt)
{
    if (m_done || !m_file || !m_file->data())
        return false;
    const uint64_t size = m_file->size();
    const uint64_t left = size - m_offset;
    if (left < 16) {
        finish();
        if (left > 0)
            stopAt(m_offset, errorText("error.pcap.cut_record_header", {QString::number(left)}));
        return false;
    }
    const uint8_t *h = m_file->data() + m_offset;
    prefetchAhead(size);
    const uint32_t sec = get32(h), frac = get32(h + 4);
    uint32_t caplen = get32(h + 8);
    const uint32_t len = get32(h + 12);
    // Another program cut the file short (found here or by the hash running
    // ahead): what was read stands; a record past the cut reads as zeros.
    // Its last byte is touched first, so that a page past the cut faults
    // here rather than in the decoder.
    const uint64_t end = m_offset + 16 + uint64_t(caplen);
    if (end <= size)
        (void)*static_cast<const volatile uint8_t *>(m_file->data() + end - 1);
    if (m_file->shrank() && end > m_file->intactBytes()) {
        finish();
        stopAt(m_offset, errorText("error.file.cut_by_other"));
        return false;
    }
    uint64_t skip = 0; // bytes past the snapshot length, discarded as libpcap does
    if (caplen > kMaxSnaplen) {
        finish();
        stopAt(m_offset, caplen > m_snapshot
                             ? errorText("error.pcap.caplen_snaplen", {QString::number(caplen), QString::number(m_snapshot)})
                             : errorText("error.pcap.caplen_max", {QString::number(caplen), QString::number(kMaxSnaplen)}));
        return false;
    }
    if (caplen > m_snapshot) {
        skip = caplen - m_snapshot;
        caplen = m_snapshot;
    }
    if (left - 16 < uint64_t(caplen) + skip) {
        finish();
        const uint64_t got = left - 16;
        stopAt(m_offset, errorText("error.pcap.cut_record", {QString::number(uint64_t(caplen) + skip), QString::number(got)}));
        return false;
    }
    pkt.tsSec = sec;
    pkt.tsNsec = m_nano ? frac : uint32_t(uint64_t(frac) * 1000);
    pkt.caplen = caplen;
    pkt.len = len;
    pkt.linkType = m_linkType;
    pkt.data = h + 16;
    pkt.recordOffset = m_offset;
    m_offset += 16 + uint64_t(caplen) + skip;
    showAhead(pkt, size);
    // The earlier packets' bytes are no longer in use: drop them from the
    // process' resident set (the pages stay in the page cache), now or, with
    // a steward (the file hash), once it has passed them too.
    if (pkt.recordOffset - m_released > kReleaseEvery) {
        m_file->consumed(m_released, pkt.recordOffset);
        m_released = pkt.recordOffset;
    }
    return true;
}

} // namespace packetlens
