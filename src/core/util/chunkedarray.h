// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace packetlens {

// An array that grows a fixed-size chunk at a time: growing never copies or
// doubles what is there (a std::vector of 100 000 two-cache-line records
// holds up to twice their size, and three times while it moves them), and
// elements never move. Indexing is a shift and a mask.
template<typename T, unsigned ChunkBits = 12>
class ChunkedArray
{
public:
    size_t size() const { return m_size; }
    T &operator[](size_t i) { return m_chunks[i >> ChunkBits][i & kMask]; }
    const T &operator[](size_t i) const { return m_chunks[i >> ChunkBits][i & kMask]; }
    T &emplaceBack()
    {
        if ((m_size >> ChunkBits) >= m_chunks.size())
            m_chunks.push_back(std::make_unique<T[]>(kChunk));
        T &t = (*this)[m_size++];
        t = T{};
        return t;
    }
    // Gives all memory back.
    void release()
    {
        std::vector<std::unique_ptr<T[]>>().swap(m_chunks);
        m_size = 0;
    }

private:
    static constexpr size_t kChunk = size_t(1) << ChunkBits;
    static constexpr size_t kMask = kChunk - 1;
    std::vector<std::unique_ptr<T[]>> m_chunks;
    size_t m_size = 0;
};

} // namespace packetlens
