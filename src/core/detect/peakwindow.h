// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace packetlens::detect {

// The busiest stretch of a stream of timed events, in constant space: counts
// per 1-second and per 10-second bucket kept by a space-saving summary (the
// busiest buckets stay, whatever order the events come in), each bucket with
// its time span and its first evidence packets. A rate is judged by its peak
// bucket, so a flood is not diluted by one packet minutes earlier.
class PeakWindow
{
public:
    // `packets` events at `ns` (packet numbers from `firstPacket` on are
    // evidence); a long stream spread from firstNs to lastNs is added in
    // equal shares across its span.
    void add(int64_t firstNs, int64_t lastNs, uint64_t packets, uint64_t firstPacket);

    struct Peak
    {
        uint64_t packets = 0;
        int64_t firstNs = 0, lastNs = 0;
        std::vector<uint64_t> evidence; // earliest packet numbers in the window
    };
    Peak second() const;     // the busiest 1-second bucket
    Peak tenSeconds() const; // the busiest 10-second bucket

private:
    struct Bucket
    {
        int64_t index = INT64_MIN; // time / width
        uint64_t count = 0;
        int64_t firstNs = 0, lastNs = 0;
        std::vector<uint64_t> evidence;
    };
    static constexpr int kBuckets = 4;
    static constexpr size_t kEvidence = 20;
    static void addTo(Bucket (&buckets)[kBuckets], int64_t width, int64_t ns, uint64_t n, uint64_t packet);
    static Peak best(const Bucket (&buckets)[kBuckets]);
    Bucket m_one[kBuckets], m_ten[kBuckets];
};

} // namespace packetlens::detect
