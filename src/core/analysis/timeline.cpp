// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeline.h"

namespace packetlens {

namespace {
// Each width is a multiple of the one before, so buckets merge exactly.
constexpr int64_t kMs = 1000000;
constexpr int64_t kS = 1000 * kMs;
constexpr int64_t kWidths[] = {kMs,      2 * kMs,   10 * kMs,  20 * kMs,   100 * kMs,
                               200 * kMs, kS,       2 * kS,    10 * kS,    20 * kS,
                               60 * kS,  120 * kS,  600 * kS,  1200 * kS,  3600 * kS,
                               7200 * kS, 21600 * kS, 43200 * kS, 86400 * kS};

int64_t floorTo(int64_t v, int64_t w)
{
    int64_t q = v / w;
    if (v % w < 0)
        --q;
    return q * w;
}
} // namespace

void Timeline::widen(int64_t needSpanNs)
{
    int64_t next = m_widthNs;
    while (needSpanNs / next >= int64_t(kMaxBuckets)) {
        int64_t candidate = 0;
        for (int64_t w : kWidths)
            if (w > next) {
                candidate = w;
                break;
            }
        next = candidate ? candidate : next * 2;
    }
    const int64_t newOrigin = floorTo(m_originNs, next);
    std::vector<Bucket> merged;
    for (size_t i = 0; i < m_buckets.size(); ++i) {
        const int64_t t = m_originNs + int64_t(i) * m_widthNs;
        const size_t j = size_t((t - newOrigin) / next);
        if (j >= merged.size())
            merged.resize(j + 1);
        merged[j].packets += m_buckets[i].packets;
        merged[j].bytes += m_buckets[i].bytes;
    }
    m_buckets.swap(merged);
    m_originNs = newOrigin;
    m_widthNs = next;
}

void Timeline::add(const PacketContext &pc)
{
    if (!m_started) {
        m_started = true;
        m_originNs = floorTo(pc.tsNs, m_widthNs);
    }
    int64_t offset = pc.tsNs - m_originNs;
    if (offset < 0)
        offset = 0; // out-of-order packet before the first: count in the first bucket
    if (offset / m_widthNs >= int64_t(kMaxBuckets)) {
        widen(offset);
        offset = pc.tsNs - m_originNs;
    }
    const size_t idx = size_t(offset / m_widthNs);
    if (idx >= m_buckets.size())
        m_buckets.resize(idx + 1);
    m_buckets[idx].packets++;
    m_buckets[idx].bytes += pc.len;
}

TimelineSection Timeline::section() const
{
    TimelineSection t;
    t.bucketS = double(m_widthNs) / 1e9;
    t.points.reserve(m_buckets.size());
    for (size_t i = 0; i < m_buckets.size(); ++i)
        t.points.push_back({m_originNs + int64_t(i) * m_widthNs, qint64(m_buckets[i].packets), qint64(m_buckets[i].bytes)});
    return t;
}

} // namespace packetlens
