// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "packetrecord.h"

#include <atomic>
#include <memory>
#include <vector>

namespace packetlens::gui {

// Packet records in fixed chunks that never move once written: the GUI
// thread appends while filter and sort jobs on other threads read the
// records that were there when they started.
class RecordStore
{
public:
    static constexpr uint32_t kChunkBits = 16;
    static constexpr uint32_t kChunk = 1u << kChunkBits;
    static constexpr uint32_t kMaxChunks = 1u << 16; // 4 G packets

    RecordStore() : m_chunks(kMaxChunks) {}
    uint32_t size() const { return m_size.load(std::memory_order_acquire); }
    const PacketRecord &at(uint32_t i) const { return m_chunks[i >> kChunkBits][i & (kChunk - 1)]; }
    bool append(const PacketRecord &r)
    {
        const uint32_t n = m_size.load(std::memory_order_relaxed);
        const uint32_t c = n >> kChunkBits;
        if (c >= kMaxChunks)
            return false;
        if (!m_chunks[c])
            m_chunks[c] = std::make_unique<PacketRecord[]>(kChunk);
        m_chunks[c][n & (kChunk - 1)] = r;
        m_size.store(n + 1, std::memory_order_release);
        return true;
    }
    size_t memoryBytes() const { return size_t((size() + kChunk - 1) / kChunk) * kChunk * sizeof(PacketRecord); }

private:
    std::vector<std::unique_ptr<PacketRecord[]>> m_chunks;
    std::atomic<uint32_t> m_size{0};
};

} // namespace packetlens::gui
