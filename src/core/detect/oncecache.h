#pragma once

#include <cstdint>
#include <vector>

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
    explicit OnceCache(size_t slotCount = 1 << 16) : m_slots(slotCount) {}
    // True when `hash` was seen before (and `first` holds its first event).
    bool seenBefore(uint64_t hash, const Event &event, Event &first)
    {
        Slot &s = m_slots[(hash * 0x9e3779b97f4a7c15ull >> 20) % m_slots.size()];
        if (s.used && s.hash == hash) {
            first = s.event;
            s.used = false;
            return true;
        }
        s = Slot{hash, event, true};
        return false;
    }

private:
    struct Slot
    {
        uint64_t hash = 0;
        Event event{};
        bool used = false;
    };
    std::vector<Slot> m_slots;
};

} // namespace packetlens::detect
