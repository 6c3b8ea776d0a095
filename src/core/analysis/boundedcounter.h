// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../report/report.h"

#include <QString>

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

namespace packetlens {

// Counts occurrences of strings with a cap on distinct keys. When the cap is
// reached the least frequent half is dropped (their counts go to "other"),
// so memory stays bounded and frequent keys survive.
class BoundedCounter
{
public:
    explicit BoundedCounter(size_t maxKeys = 10000) : m_maxKeys(maxKeys) {}
    void add(std::string_view key, uint64_t n = 1);
    uint64_t total() const { return m_total; }
    size_t distinct() const { return m_counts.size(); }
    bool capped() const { return m_dropped > 0; }
    // [{"<keyName>": k, "count": n}, ...] most frequent first.
    std::vector<NamedCount> top(int n) const;

private:
    void shrink();
    struct Hash
    {
        using is_transparent = void; // look up by string_view, no copy
        size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>()(s); }
    };
    std::unordered_map<std::string, uint64_t, Hash, std::equal_to<>> m_counts;
    size_t m_maxKeys;
    uint64_t m_total = 0;
    uint64_t m_dropped = 0;
};

} // namespace packetlens
