// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../flow/packetcontext.h"

#include "../report/report.h"

#include <vector>

namespace packetlens {

// Packets and bytes over time in at most kMaxBuckets buckets. The bucket width
// grows through round values (1 ms … 1 day …) as the capture gets longer, so the
// timeline is built in one pass without knowing the duration in advance.
class Timeline
{
public:
    static constexpr size_t kMaxBuckets = 1000;
    void add(const PacketContext &pc);
    TimelineSection section() const;
    int64_t bucketNs() const { return m_widthNs; }

private:
    void widen(int64_t needSpanNs);
    struct Bucket
    {
        uint64_t packets = 0;
        uint64_t bytes = 0;
    };
    bool m_started = false;
    int64_t m_originNs = 0;
    int64_t m_widthNs = 1000000; // 1 ms
    std::vector<Bucket> m_buckets;
};

} // namespace packetlens
