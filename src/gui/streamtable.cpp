// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamtable.h"

namespace packetlens::gui {

void StreamTable::append(const QVector<uint32_t> &packetStreams, const QVector<Update> &updates)
{
    std::lock_guard lock(m_mutex);
    m_packets.insert(m_packets.end(), packetStreams.begin(), packetStreams.end());
    for (const Update &u : updates) {
        if (u.first >= m_streams.size())
            m_streams.resize(size_t(u.first) + 1);
        m_streams[u.first] = u.second;
    }
}

int64_t StreamTable::streamOf(uint32_t index) const
{
    std::lock_guard lock(m_mutex);
    return index < m_packets.size() ? int64_t(m_packets[index]) - 1 : -1;
}

bool StreamTable::position(uint32_t index, const DecodedPacket &d, StreamPosition &out) const
{
    std::lock_guard lock(m_mutex);
    if (index >= m_packets.size() || !m_packets[index] || d.l4 != Proto::Tcp)
        return false;
    const uint32_t id = m_packets[index] - 1;
    if (id >= m_streams.size())
        return false;
    out = StreamNumbering::position(m_streams[id], id, d);
    return true;
}

} // namespace packetlens::gui
