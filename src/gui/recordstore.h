// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "packetrecord.h"

#include "core/flow/packetexpert.h"

#include <atomic>
#include <memory>
#include <vector>

namespace packetlens::gui {

// Items in fixed chunks that never move once written: the GUI thread
// appends while filter and sort jobs on other threads read the items that
// were there when they started.
template<typename T, uint32_t ChunkBits>
class ChunkStore
{
public:
    static constexpr uint32_t kChunkBits = ChunkBits;
    static constexpr uint32_t kChunk = 1u << kChunkBits;
    static constexpr uint32_t kMaxChunks = uint32_t((uint64_t(1) << 32) >> kChunkBits); // 4 G items

    ChunkStore() : m_chunks(kMaxChunks) {}
    uint32_t size() const { return m_size.load(std::memory_order_acquire); }
    const T &at(uint32_t i) const { return m_chunks[i >> kChunkBits][i & (kChunk - 1)]; }
    bool append(const T &r)
    {
        const uint32_t n = m_size.load(std::memory_order_relaxed);
        const uint32_t c = n >> kChunkBits;
        if (c >= kMaxChunks)
            return false;
        if (!m_chunks[c])
            m_chunks[c] = std::make_unique<T[]>(kChunk);
        m_chunks[c][n & (kChunk - 1)] = r;
        m_size.store(n + 1, std::memory_order_release);
        return true;
    }
    size_t memoryBytes() const { return size_t((size() + kChunk - 1) / kChunk) * kChunk * sizeof(T); }

private:
    std::vector<std::unique_ptr<T[]>> m_chunks;
    std::atomic<uint32_t> m_size{0};
};

using RecordStore = ChunkStore<PacketRecord, 16>;

// The analysis' generated fields (tcp.analysis.*, dns.time, http.time) of the
// packets that have any, by row, in row order: what the display filter asks
// of them. Kept apart from the 28-byte records since most packets have none.
struct ExpertEntry
{
    uint32_t row = 0;
    PacketExpert expert;
};
class ExpertStore : public ChunkStore<ExpertEntry, 12>
{
public:
    // The entry of `row` among the first `n` (a size() read before), or null.
    const PacketExpert *find(uint32_t row, uint32_t n) const
    {
        uint32_t lo = 0, hi = n;
        while (lo < hi) {
            const uint32_t mid = lo + (hi - lo) / 2;
            if (at(mid).row < row)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo < n && at(lo).row == row ? &at(lo).expert : nullptr;
    }
};

} // namespace packetlens::gui
