// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/flow/streamnumbering.h"

#include <QPair>
#include <QVector>

#include <mutex>
#include <vector>

namespace packetlens::gui {

// Each packet's TCP stream (4 bytes a packet) and each stream's state, as
// the worker numbered them, so that the list and the details show relative
// sequence numbers, the scaled window and tcp.stream as Wireshark does. The
// GUI thread appends; row, filter and sort jobs read from any thread.
class StreamTable
{
public:
    using Update = QPair<uint32_t, StreamNumbering::TcpStream>;
    void append(const QVector<uint32_t> &packetStreams, const QVector<Update> &updates);
    // The packet's position in its TCP stream; false when it has none.
    bool position(uint32_t index, const DecodedPacket &d, StreamPosition &out) const;
    // The tcp.stream of a packet, -1 when it is not TCP.
    int64_t streamOf(uint32_t index) const;

private:
    mutable std::mutex m_mutex;
    std::vector<uint32_t> m_packets; // stream + 1, 0 when none
    std::vector<StreamNumbering::TcpStream> m_streams;
};

} // namespace packetlens::gui
