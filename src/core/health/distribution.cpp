// SPDX-License-Identifier: GPL-3.0-or-later
#include "distribution.h"

#include <algorithm>
#include <cmath>

namespace packetlens {

namespace {
constexpr double kNsPerS = 1e9;

double nearestRank(const std::vector<int64_t> &sorted, double q)
{
    const size_t rank = size_t(std::ceil(q * double(sorted.size())));
    return double(sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1]) / kNsPerS;
}
} // namespace

void Distribution::add(int64_t ns)
{
    if (ns < 0)
        ns = 0; // timestamps out of order: the answer came "at once"
    ++m_count;
    m_max = std::max(m_max, ns);
    if (m_samples.size() < m_keep) {
        m_samples.push_back(ns);
        return;
    }
    // xorshift64*: the same sequence on every run.
    m_rng ^= m_rng >> 12;
    m_rng ^= m_rng << 25;
    m_rng ^= m_rng >> 27;
    const uint64_t j = (m_rng * 0x2545f4914f6cdd1dull) % m_count;
    if (j < m_keep)
        m_samples[size_t(j)] = ns;
}

double medianSeconds(std::vector<int64_t> &values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? double(values[n / 2]) / kNsPerS : (double(values[n / 2 - 1]) + double(values[n / 2])) / 2 / kNsPerS;
}

LatencyStats Distribution::stats() const
{
    LatencyStats s;
    s.count = qint64(m_count);
    if (m_samples.empty())
        return s;
    std::vector<int64_t> sorted = m_samples;
    s.medianS = medianSeconds(sorted);
    s.p95S = nearestRank(sorted, 0.95);
    s.maxS = double(m_max) / kNsPerS;
    s.sampled = m_count > m_samples.size();
    return s;
}

} // namespace packetlens
