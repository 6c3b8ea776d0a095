// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "healthkinds.h"

#include "../decode/ipaddress.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace packetlens {

// What a health item concerns: an IP address, or a text (a MAC, "host/uri"),
// or nothing (the whole capture).
struct HealthSubject
{
    IpAddress ip;
    std::string text;
    bool operator==(const HealthSubject &) const = default;
    std::string toString() const { return ip.isValid() ? ip.toString() : text; }
};

// Occurrences of health items by kind and subject, each with its count, time
// span and the earliest packets that show it. Bounded: at most kMaxSubjects
// pairs are kept; occurrences beyond are counted per kind only.
class ItemLog
{
public:
    static constexpr size_t kMaxEvidence = 50;
    static constexpr size_t kMaxSubjects = 8192;
    struct Entry
    {
        HealthKind kind = HealthKind::Count;
        HealthSubject subject;
        uint64_t count = 0;
        int64_t firstNs = 0, lastNs = 0;
        std::vector<uint64_t> evidence; // the earliest packet numbers, ascending
    };
    ItemLog() = default;
    ItemLog(const ItemLog &) = delete; // m_captureWide points into m_entries
    ItemLog &operator=(const ItemLog &) = delete;
    // `packet` 0 adds no evidence.
    void add(HealthKind kind, const HealthSubject &subject, uint64_t packet, int64_t tsNs, uint64_t n = 1);
    std::vector<Entry> entries() const; // unordered
    uint64_t total(HealthKind kind) const { return m_totals[int(kind)]; }

private:
    struct Key
    {
        HealthKind kind;
        HealthSubject subject;
        bool operator==(const Key &) const = default;
    };
    struct KeyHash
    {
        size_t operator()(const Key &k) const noexcept;
    };
    Entry *find(HealthKind kind, const HealthSubject &subject, int64_t tsNs);
    std::unordered_map<Key, Entry, KeyHash> m_entries;
    uint64_t m_totals[kHealthKindCount] = {};
    // The capture-wide entry of each kind (no subject: most TCP analysis
    // flags), found without hashing (the map's nodes never move).
    Entry *m_captureWide[kHealthKindCount] = {};
};

} // namespace packetlens
