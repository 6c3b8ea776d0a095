// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>

namespace packetlens {

// A bounds-checked, read-only view over packet bytes. Every accessor checks
// the requested range against the view's size; nothing reads past it.
class ByteView
{
public:
    ByteView() = default;
    ByteView(const uint8_t *data, size_t size) : m_data(data), m_size(size) {}

    const uint8_t *data() const { return m_data; }
    size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    bool has(size_t offset, size_t count) const
    {
        return offset <= m_size && count <= m_size - offset;
    }

    // Unchecked-by-caller accessors return false when out of range.
    bool u8(size_t off, uint8_t &out) const
    {
        if (!has(off, 1))
            return false;
        out = m_data[off];
        return true;
    }
    bool be16(size_t off, uint16_t &out) const
    {
        if (!has(off, 2))
            return false;
        out = uint16_t(m_data[off] << 8 | m_data[off + 1]);
        return true;
    }
    bool be32(size_t off, uint32_t &out) const
    {
        if (!has(off, 4))
            return false;
        out = uint32_t(m_data[off]) << 24 | uint32_t(m_data[off + 1]) << 16
            | uint32_t(m_data[off + 2]) << 8 | uint32_t(m_data[off + 3]);
        return true;
    }
    bool le32(size_t off, uint32_t &out) const
    {
        if (!has(off, 4))
            return false;
        out = uint32_t(m_data[off + 3]) << 24 | uint32_t(m_data[off + 2]) << 16
            | uint32_t(m_data[off + 1]) << 8 | uint32_t(m_data[off]);
        return true;
    }

    // Sub-view from offset; empty when offset is out of range.
    ByteView from(size_t offset) const
    {
        return offset <= m_size ? ByteView(m_data + offset, m_size - offset) : ByteView();
    }
    // Sub-view [offset, offset+count) clipped to the view.
    ByteView slice(size_t offset, size_t count) const
    {
        if (offset > m_size)
            return ByteView();
        const size_t avail = m_size - offset;
        return ByteView(m_data + offset, count < avail ? count : avail);
    }
    bool startsWith(const char *prefix, size_t len) const
    {
        if (len > m_size)
            return false;
        for (size_t i = 0; i < len; ++i)
            if (m_data[i] != uint8_t(prefix[i]))
                return false;
        return true;
    }

private:
    const uint8_t *m_data = nullptr;
    size_t m_size = 0;
};

} // namespace packetlens
