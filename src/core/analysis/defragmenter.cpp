// SPDX-License-Identifier: GPL-3.0-or-later
#include "defragmenter.h"

#include <algorithm>
#include <cstring>

namespace packetlens {

uint64_t Defragmenter::incomplete() const
{
    uint64_t open = 0;
    for (const auto &kv : m_table)
        open += !kv.second.done;
    return m_dropped + open;
}

void Defragmenter::expire(int64_t nowNs)
{
    for (auto it = m_table.begin(); it != m_table.end();) {
        if (nowNs - it->second.lastNs > kTimeoutNs) {
            if (!it->second.done)
                ++m_dropped;
            it = m_table.erase(it);
        } else {
            ++it;
        }
    }
    if (m_table.size() < kMaxDatagrams)
        return;
    // Still full: drop the stalest half.
    std::vector<int64_t> last;
    for (const auto &kv : m_table)
        last.push_back(kv.second.lastNs);
    auto mid = last.begin() + long(last.size() / 2);
    std::nth_element(last.begin(), mid, last.end());
    for (auto it = m_table.begin(); it != m_table.end();) {
        if (it->second.lastNs <= *mid) {
            if (!it->second.done)
                ++m_dropped;
            it = m_table.erase(it);
        } else {
            ++it;
        }
    }
}

void Defragmenter::feed(int64_t tsNs, const PacketDecoder &decoder, DecodedPacket &d)
{
    const FragmentFacts &f = d.frag;
    Key key{d.src, d.dst, f.id, f.proto};
    auto it = m_table.find(key);
    if (it == m_table.end()) {
        if (m_table.size() >= kMaxDatagrams)
            expire(tsNs);
        it = m_table.emplace(key, Datagram{}).first;
    }
    Datagram &g = it->second;
    g.lastNs = tsNs;
    if (g.done)
        return; // a duplicate of a fragment of a datagram already complete
    const uint32_t begin = f.offset;
    const uint32_t end = f.offset + f.len;
    if (!f.more)
        g.total = end;
    if (begin < kKeepBytes && f.len > 0) {
        const uint32_t stop = std::min(end, kKeepBytes);
        if (g.head.size() < stop)
            g.head.resize(stop);
        std::memcpy(g.head.data() + begin, f.data, stop - begin);
    }
    if (end > begin) {
        g.ranges.emplace_back(begin, end);
        std::sort(g.ranges.begin(), g.ranges.end());
        std::vector<std::pair<uint32_t, uint32_t>> merged;
        for (const auto &r : g.ranges) {
            if (!merged.empty() && r.first <= merged.back().second)
                merged.back().second = std::max(merged.back().second, r.second);
            else
                merged.push_back(r);
        }
        g.ranges.swap(merged);
    }
    const bool complete = g.total >= 0 && g.ranges.size() == 1 && g.ranges[0].first == 0
                          && int64_t(g.ranges[0].second) >= g.total;
    if (!complete)
        return;
    g.done = true;
    const uint32_t have = uint32_t(std::min<int64_t>(g.total, int64_t(g.head.size())));
    // The decoded packet points into the datagram's bytes: keep them alive
    // until the next packet, and free the table entry's copy.
    m_completed.swap(g.head);
    g.head = std::vector<uint8_t>();
    g.ranges.clear();
    decoder.decodeReassembled(f.proto, m_completed.data(), have, have < g.total, d);
}

} // namespace packetlens
