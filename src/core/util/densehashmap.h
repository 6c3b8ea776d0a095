// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "prefetch.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace packetlens {

// A hash map for the per-packet tables (endpoints, conversations): entries
// live in fixed-size chunks (reused through a free list; growing never copies
// or doubles them), and an open-addressed index of 8-byte slots (32 bits of
// hash, 32 bits of entry number; linear probing, backward-shift deletion)
// finds them. A lookup touches one slot
// and one entry, where std::unordered_map chases a bucket and a node, and
// nothing is allocated per insertion. Pointers to values stay valid until
// the next insertion. The caller passes the key's hash (computed once).
template<typename K, typename V>
class DenseHashMap
{
public:
    struct Entry
    {
        K key;
        V value;
        uint64_t hash = 0;
        bool live = false;
    };

    DenseHashMap() = default;
    DenseHashMap(DenseHashMap &&) noexcept = default;
    DenseHashMap &operator=(DenseHashMap &&) noexcept = default;
    // A deep copy (a live capture's provisional detection runs on copies of
    // the detectors' state).
    DenseHashMap(const DenseHashMap &o)
        : m_used(o.m_used), m_free(o.m_free), m_slots(o.m_slots), m_mask(o.m_mask), m_size(o.m_size)
    {
        m_chunks.reserve(o.m_chunks.size());
        for (const auto &chunk : o.m_chunks) {
            auto copy = std::make_unique<Entry[]>(size_t(1) << kChunkBits);
            std::copy(chunk.get(), chunk.get() + (size_t(1) << kChunkBits), copy.get());
            m_chunks.push_back(std::move(copy));
        }
    }
    DenseHashMap &operator=(const DenseHashMap &o)
    {
        if (this != &o)
            *this = DenseHashMap(o);
        return *this;
    }

    size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }

    V *find(const K &key, uint64_t hash)
    {
        if (m_slots.empty())
            return nullptr;
        const uint32_t tag = tagOf(hash);
        for (size_t i = hash & m_mask;; i = (i + 1) & m_mask) {
            const uint64_t s = m_slots[i];
            if (s == 0)
                return nullptr;
            if (uint32_t(s >> 32) == tag) {
                Entry &e = entry(uint32_t(s) - 1);
                if (e.key == key)
                    return &e.value;
            }
        }
    }
    const V *find(const K &key, uint64_t hash) const { return const_cast<DenseHashMap *>(this)->find(key, hash); }

    // Hints for a lookup coming soon (they change nothing): first ask for
    // the key's home slot; later, once that has arrived, for the entry it
    // names (or, when the slot is empty, the entry an insertion would take).
    PACKETLENS_PREFETCH_INLINE void prefetchSlot(uint64_t hash) const
    {
        if (!m_slots.empty())
            __builtin_prefetch(&m_slots[hash & m_mask]);
    }
    PACKETLENS_PREFETCH_INLINE void prefetchEntry(uint64_t hash)
    {
        if (m_slots.empty())
            return;
        const uint64_t s = m_slots[hash & m_mask];
        uint32_t idx;
        if (s == 0)
            idx = m_free.empty() ? m_used : m_free.back();
        else if (uint32_t(s >> 32) == tagOf(hash))
            idx = uint32_t(s) - 1;
        else
            return;
        if ((idx >> kChunkBits) >= m_chunks.size())
            return;
        const char *p = reinterpret_cast<const char *>(&entry(idx));
        for (size_t off = 0; off < sizeof(Entry); off += 64)
            __builtin_prefetch(p + off, 1);
        __builtin_prefetch(p + sizeof(Entry) - 1, 1);
    }

    // Stage 0 asks for the slot, a later stage for the entry (a batch walks
    // both a few lookups ahead).
    PACKETLENS_PREFETCH_INLINE void prefetch(uint64_t hash, int stage)
    {
        if (stage == 0)
            prefetchSlot(hash);
        else
            prefetchEntry(hash);
    }

    // The value for key, default-constructed when new; second: it is new.
    std::pair<V *, bool> tryEmplace(const K &key, uint64_t hash)
    {
        if ((m_size + 1) * 2 > m_slots.size())
            grow();
        const uint32_t tag = tagOf(hash);
        size_t i = hash & m_mask;
        for (;; i = (i + 1) & m_mask) {
            const uint64_t s = m_slots[i];
            if (s == 0)
                break;
            if (uint32_t(s >> 32) == tag) {
                Entry &e = entry(uint32_t(s) - 1);
                if (e.key == key)
                    return {&e.value, false};
            }
        }
        uint32_t idx;
        if (!m_free.empty()) {
            idx = m_free.back();
            m_free.pop_back();
        } else {
            idx = m_used++;
            if ((idx >> kChunkBits) >= m_chunks.size())
                m_chunks.push_back(std::make_unique<Entry[]>(size_t(1) << kChunkBits));
        }
        Entry &e = entry(idx);
        e.key = key;
        e.value = V{};
        e.hash = hash;
        e.live = true;
        m_slots[i] = (uint64_t(tag) << 32) | (uint64_t(idx) + 1);
        ++m_size;
        return {&e.value, true};
    }

    // Removes every entry for which pred(key, value) is true. An erased value
    // stays readable where it was until the next insertion (so a caller may
    // collect pointers to what it erases and read them before inserting).
    template<typename Pred>
    void eraseIf(Pred pred)
    {
        for (uint32_t idx = 0; idx < m_used; ++idx) {
            Entry &e = entry(idx);
            if (e.live && pred(e.key, e.value))
                eraseEntry(idx);
        }
    }

    template<typename F>
    void forEach(F f)
    {
        for (uint32_t idx = 0; idx < m_used; ++idx) {
            Entry &e = entry(idx);
            if (e.live)
                f(e.key, e.value);
        }
    }
    template<typename F>
    void forEach(F f) const
    {
        for (uint32_t idx = 0; idx < m_used; ++idx) {
            const Entry &e = const_cast<DenseHashMap *>(this)->entry(idx);
            if (e.live)
                f(e.key, e.value);
        }
    }

    // Entries handed out so far (live, or free for reuse): what the chunks hold.
    size_t capacity() const { return m_used; }

    // Gives back the memory a burst left behind (a flood's conversations,
    // retired minutes later): when at least `minEntries` entries were handed
    // out and at most a quarter of them are live, the live ones move, in the
    // order forEach() visits them, into chunks just large enough, and the
    // index shrinks to fit. Pointers to values are invalid afterwards.
    // Returns true when it moved them.
    bool compactIfSparse(size_t minEntries)
    {
        if (m_used < minEntries || m_size * 4 > m_used)
            return false;
        DenseHashMap fresh;
        size_t cap = 64;
        while ((m_size + 1) * 2 > cap)
            cap *= 2;
        fresh.m_slots.assign(cap, 0);
        fresh.m_mask = cap - 1;
        for (uint32_t idx = 0; idx < m_used; ++idx) {
            Entry &e = entry(idx);
            if (!e.live)
                continue;
            const uint32_t to = fresh.m_used++;
            if ((to >> kChunkBits) >= fresh.m_chunks.size())
                fresh.m_chunks.push_back(std::make_unique<Entry[]>(size_t(1) << kChunkBits));
            fresh.entry(to) = std::move(e);
            size_t i = e.hash & fresh.m_mask;
            while (fresh.m_slots[i] != 0)
                i = (i + 1) & fresh.m_mask;
            fresh.m_slots[i] = (uint64_t(tagOf(e.hash)) << 32) | (uint64_t(to) + 1);
        }
        fresh.m_size = m_size;
        *this = std::move(fresh);
        return true;
    }

    void clear()
    {
        m_chunks.clear();
        m_used = 0;
        m_free.clear();
        m_slots.clear();
        m_mask = 0;
        m_size = 0;
    }

private:
    static constexpr unsigned kChunkBits = 10; // 1024 entries a chunk

    Entry &entry(uint32_t idx) { return m_chunks[idx >> kChunkBits][idx & ((1u << kChunkBits) - 1)]; }
    // A slot's tag is the hash's low 32 bits: it tells the slot's home
    // (hash & mask; the index never has more than 32 bits) without reading
    // the entry, so growing and deleting touch only the slots. (A used slot
    // is never 0: its low half holds entry number + 1.)
    static uint32_t tagOf(uint64_t hash) { return uint32_t(hash); }
    size_t homeOf(uint64_t slot) const { return size_t(slot >> 32) & m_mask; }

    void grow()
    {
        const size_t cap = m_slots.empty() ? 64 : m_slots.size() * 2;
        std::vector<uint64_t> old(cap, 0);
        old.swap(m_slots);
        m_mask = cap - 1;
        for (const uint64_t s : old) {
            if (s == 0)
                continue;
            size_t i = homeOf(s);
            while (m_slots[i] != 0)
                i = (i + 1) & m_mask;
            m_slots[i] = s;
        }
    }

    void eraseEntry(uint32_t idx)
    {
        Entry &e = entry(idx);
        size_t i = e.hash & m_mask;
        while (uint32_t(m_slots[i]) != idx + 1)
            i = (i + 1) & m_mask;
        // Backward shift: move later members of the probe run into the hole.
        for (size_t j = (i + 1) & m_mask;; j = (j + 1) & m_mask) {
            const uint64_t s = m_slots[j];
            if (s == 0)
                break;
            const size_t home = homeOf(s);
            // The entry at j may fill the hole at i when its home is not in (i, j].
            const bool between = i <= j ? (home > i && home <= j) : (home > i || home <= j);
            if (!between) {
                m_slots[i] = s;
                i = j;
            }
        }
        m_slots[i] = 0;
        e.live = false;
        m_free.push_back(idx);
        --m_size;
    }

    std::vector<std::unique_ptr<Entry[]>> m_chunks;
    uint32_t m_used = 0; // entries ever handed out (live or on the free list)
    std::vector<uint32_t> m_free;
    std::vector<uint64_t> m_slots; // 0 = empty
    size_t m_mask = 0;
    size_t m_size = 0;
};

} // namespace packetlens
