// SPDX-License-Identifier: GPL-3.0-or-later
#include "itemlog.h"

#include <algorithm>
#include <functional>

namespace packetlens {

size_t ItemLog::KeyHash::operator()(const Key &k) const noexcept
{
    const size_t h = k.subject.ip.isValid() ? size_t(k.subject.ip.hash()) : std::hash<std::string>()(k.subject.text);
    return h * 31 + size_t(k.kind);
}

// The entry of the pair, made when there is room; null when there is not.
ItemLog::Entry *ItemLog::find(HealthKind kind, const HealthSubject &subject, int64_t tsNs)
{
    const bool wide = !subject.ip.isValid() && subject.text.empty();
    if (wide && m_captureWide[int(kind)])
        return m_captureWide[int(kind)];
    auto it = m_entries.find(Key{kind, subject});
    if (it == m_entries.end()) {
        if (m_entries.size() >= kMaxSubjects)
            return nullptr;
        it = m_entries.emplace(Key{kind, subject}, Entry{kind, subject, 0, tsNs, tsNs, {}}).first;
    }
    if (wide)
        m_captureWide[int(kind)] = &it->second;
    return &it->second;
}

void ItemLog::add(HealthKind kind, const HealthSubject &subject, uint64_t packet, int64_t tsNs, uint64_t n)
{
    m_totals[int(kind)] += n;
    Entry *found = find(kind, subject, tsNs);
    if (!found)
        return;
    Entry &e = *found;
    e.count += n;
    e.firstNs = std::min(e.firstNs, tsNs);
    e.lastNs = std::max(e.lastNs, tsNs);
    if (packet == 0)
        return;
    // Keep the earliest kMaxEvidence (packets mostly come in order; conversations
    // that end may report older ones).
    std::vector<uint64_t> &ev = e.evidence;
    if (ev.size() >= kMaxEvidence) {
        if (packet >= ev.back())
            return;
        ev.pop_back();
    }
    ev.insert(std::upper_bound(ev.begin(), ev.end(), packet), packet);
}

std::vector<ItemLog::Entry> ItemLog::entries() const
{
    std::vector<Entry> out;
    out.reserve(m_entries.size());
    for (const auto &[key, e] : m_entries)
        out.push_back(e);
    return out;
}

} // namespace packetlens
