// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../util/prefetch.h"
#include "../util/zeroedpages.h"

#include <cstdint>

namespace packetlens::detect {

// Keeps the first event of keys seen only once, in a fixed-size direct-mapped
// table, so that one-packet flows (a spoofed flood sends millions) create no
// per-key state. A key earns real state when it shows up a second time; its
// first event is handed back then. A colliding key overwrites a slot: at worst
// the first event of a key is forgotten.
template<typename Event>
class OnceCache
{
public:
    // slotBits: the table has 2^slotBits slots.
    explicit OnceCache(unsigned slotBits = 16) : m_slots(size_t(1) << slotBits), m_mask((size_t(1) << slotBits) - 1) {}
    // A hint that seenBefore(hash, ...) comes soon.
    PACKETLENS_PREFETCH_INLINE void prefetch(uint64_t hash) const { __builtin_prefetch(&m_slots[slotOf(hash)]); }
    // True when `hash` was seen before (and `first` holds its first event).
    bool seenBefore(uint64_t hash, const Event &event, Event &first)
    {
        Slot &s = m_slots[slotOf(hash)];
        if (s.used && s.hash == hash) {
            first = s.event;
            s.used = false;
            return true;
        }
        s = Slot{hash, event, true};
        return false;
    }

    // The event held for `hash`, to be changed in place; null if none.
    Event *held(uint64_t hash)
    {
        Slot &s = m_slots[slotOf(hash)];
        return s.used && s.hash == hash ? &s.event : nullptr;
    }

    // The first event of `hash` if it is held (nothing changes).
    bool peek(uint64_t hash, Event &first) const
    {
        const Slot &s = m_slots[slotOf(hash)];
        if (!s.used || s.hash != hash)
            return false;
        first = s.event;
        return true;
    }

private:
    size_t slotOf(uint64_t hash) const { return size_t((hash * 0x9e3779b97f4a7c15ull) >> 20) & m_mask; }
    struct Slot
    {
        uint64_t hash = 0;
        Event event{};
        bool used = false;
    };
    // Large and fixed: straight from the kernel, in 2 MiB pages where
    // allowed. A slot of zero bytes is unused.
    ZeroedArray<Slot> m_slots;
    size_t m_mask;
};

} // namespace packetlens::detect
