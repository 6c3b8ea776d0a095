// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../report/healthsection.h"

#include <cstdint>
#include <vector>

namespace packetlens {

// A distribution of durations in bounded memory: every value up to `keep` of
// them, then a uniform sample of that size (reservoir sampling with a fixed
// seed, so the same capture always gives the same report). Count and
// maximum are always exact; the median and 95th percentile are exact while
// the count stays within `keep`.
class Distribution
{
public:
    explicit Distribution(uint32_t keep = 65536) : m_keep(keep) {}
    void add(int64_t ns);
    uint64_t count() const { return m_count; }
    LatencyStats stats() const;

private:
    std::vector<int64_t> m_samples;
    uint64_t m_count = 0;
    int64_t m_max = 0;
    uint64_t m_rng = 0x9e3779b97f4a7c15ull;
    uint32_t m_keep;
};

// The median (the mean of the two middle values of an even count) and the
// 95th percentile (nearest rank) of `values`, in seconds; sorts them.
double medianSeconds(std::vector<int64_t> &values);

} // namespace packetlens
