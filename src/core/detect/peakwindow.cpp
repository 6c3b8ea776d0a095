// SPDX-License-Identifier: GPL-3.0-or-later
#include "peakwindow.h"

#include "finding.h"

#include <algorithm>
#include <cmath>

namespace packetlens::detect {

namespace {
constexpr int64_t kSecond = 1000000000;
constexpr int64_t kMaxChunks = 32;

int64_t floorDiv(int64_t a, int64_t b)
{
    return a >= 0 ? a / b : -((-a + b - 1) / b);
}
} // namespace

void PeakWindow::addTo(Bucket (&buckets)[kBuckets], int64_t width, int64_t ns, uint64_t n, uint64_t packet)
{
    if (n == 0)
        return;
    const int64_t index = floorDiv(ns, width);
    Bucket *slot = nullptr;
    for (Bucket &b : buckets)
        if (b.count && b.index == index)
            slot = &b;
    if (!slot) {
        // Space-saving: a new bucket takes the place of the smallest, and
        // inherits its count (an over-estimate by at most that count).
        slot = &*std::min_element(std::begin(buckets), std::end(buckets),
                                  [](const Bucket &a, const Bucket &b) { return a.count < b.count; });
        slot->index = index; // (the count stays: inherited)
        slot->firstNs = slot->lastNs = ns;
        slot->evidence.clear(); // (keeps its storage: a busy stream replaces buckets often)
    }
    slot->count += n;
    slot->firstNs = std::min(slot->firstNs, ns);
    slot->lastNs = std::max(slot->lastNs, ns);
    if (packet)
        packetlens::addEvidence(slot->evidence, packet, kEvidence);
}

void PeakWindow::add(int64_t firstNs, int64_t lastNs, uint64_t packets, uint64_t firstPacket)
{
    const int64_t span = lastNs - firstNs;
    if (span < kSecond) {
        addTo(m_one, kSecond, firstNs, packets, firstPacket);
        addTo(m_ten, 10 * kSecond, firstNs, packets, firstPacket);
        return;
    }
    // A long stream: its average rate over its span, in chunks of a second
    // or more (at most kMaxChunks).
    const double seconds = double(span) / double(kSecond);
    const int64_t chunks = std::min<int64_t>(kMaxChunks, int64_t(std::ceil(seconds)));
    const double rate = double(packets) / seconds, chunkSeconds = seconds / double(chunks);
    for (int64_t k = 0; k < chunks; ++k) {
        const int64_t at = firstNs + int64_t(double(span) * double(k) / double(chunks));
        const uint64_t evidence = k == 0 ? firstPacket : 0;
        addTo(m_one, kSecond, at, uint64_t(std::llround(rate)), evidence);
        addTo(m_ten, 10 * kSecond, at, uint64_t(std::llround(rate * chunkSeconds)), evidence);
    }
}

PeakWindow::Peak PeakWindow::best(const Bucket (&buckets)[kBuckets])
{
    const Bucket &b = *std::max_element(std::begin(buckets), std::end(buckets),
                                        [](const Bucket &x, const Bucket &y) { return x.count < y.count; });
    Peak p;
    p.packets = b.count;
    p.firstNs = b.firstNs;
    p.lastNs = b.lastNs;
    p.evidence = b.evidence;
    std::sort(p.evidence.begin(), p.evidence.end());
    return p;
}

PeakWindow::Peak PeakWindow::second() const
{
    return best(m_one);
}

PeakWindow::Peak PeakWindow::tenSeconds() const
{
    return best(m_ten);
}

} // namespace packetlens::detect
