// SPDX-License-Identifier: GPL-3.0-or-later
#include "boundedcounter.h"

#include <algorithm>
#include <vector>

namespace packetlens {

void BoundedCounter::add(std::string_view key, uint64_t n)
{
    m_total += n;
    auto it = m_counts.find(key);
    if (it != m_counts.end()) {
        it->second += n;
        return;
    }
    if (m_counts.size() >= m_maxKeys)
        shrink();
    m_counts.emplace(key, n);
}

void BoundedCounter::shrink()
{
    std::vector<uint64_t> values;
    values.reserve(m_counts.size());
    for (const auto &kv : m_counts)
        values.push_back(kv.second);
    auto mid = values.begin() + long(values.size() / 2);
    std::nth_element(values.begin(), mid, values.end());
    const uint64_t cut = *mid;
    for (auto it = m_counts.begin(); it != m_counts.end() && m_counts.size() > m_maxKeys / 2;) {
        if (it->second <= cut) {
            m_dropped += it->second;
            it = m_counts.erase(it);
        } else {
            ++it;
        }
    }
}

std::vector<NamedCount> BoundedCounter::top(int n) const
{
    std::vector<std::pair<std::string, uint64_t>> v(m_counts.begin(), m_counts.end());
    const size_t k = std::min(v.size(), size_t(n < 0 ? 0 : n));
    std::partial_sort(v.begin(), v.begin() + long(k), v.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    std::vector<NamedCount> out;
    out.reserve(k);
    for (size_t i = 0; i < k; ++i)
        out.push_back({QString::fromStdString(v[i].first), qint64(v[i].second)});
    return out;
}

} // namespace packetlens
