// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../decode/decodedpacket.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace packetlens {

// Where one packet sits in its stream, numbered as Wireshark numbers
// tcp.stream and udp.stream (from 0, in order of first packet).
struct StreamPosition
{
    int64_t stream = -1; // -1: not TCP or UDP
    bool tcp = false;
    uint8_t dir = 0;     // 0: from the side that sent the stream's first packet
    // Relative TCP sequence and acknowledgment numbers, as Wireshark shows them
    // by default (the first segment of a direction seen mid-stream is 1).
    uint32_t relSeq = 0, relAck = 0;
    // The window, scaled when both SYNs carried a window-scale option.
    uint32_t window = 0;
};

// Numbers the TCP and UDP streams of one capture. A TCP SYN (without ACK)
// whose sequence number differs from its direction's first one starts a new
// stream on the same addresses and ports, as in Wireshark. Unbounded, like
// Wireshark's table: meant for a viewer or a one-stream pass, not the
// analysis' bounded tables.
class StreamNumbering
{
public:
    // What a packet's relative numbers are computed from, per TCP stream.
    struct TcpStream
    {
        IpAddress first;
        uint16_t firstPort = 0;
        uint32_t base[2] = {};
        bool baseSet[2] = {};
        int8_t shift[2] = {-1, -1}; // window scale from each SYN; -2: SYN without one
    };
    // A packet's position from its stream's state (the same as assign()
    // gave it, once the stream's first packets were seen): lets a viewer keep
    // 4 bytes per packet (the stream) and the streams' table.
    static StreamPosition position(const TcpStream &s, int64_t stream, const DecodedPacket &d);
    const TcpStream *tcpStream(int64_t id) const { return id >= 0 && id < int64_t(m_tcp.size()) ? &m_tcp[size_t(id)] : nullptr; }

    StreamPosition assign(const DecodedPacket &d);
    int64_t tcpStreams() const { return int64_t(m_tcp.size()); }
    int64_t udpStreams() const { return m_udpCount; }

private:
    struct Key
    {
        IpAddress a, b;
        uint16_t pa = 0, pb = 0;
        bool operator==(const Key &o) const { return a == o.a && b == o.b && pa == o.pa && pb == o.pb; }
    };
    struct KeyHash
    {
        size_t operator()(const Key &k) const noexcept
        {
            return size_t(k.a.hash() * 31 + k.b.hash() * 17 + (uint64_t(k.pa) << 16 | k.pb));
        }
    };
    static Key keyOf(const DecodedPacket &d);
    StreamPosition assignTcp(const DecodedPacket &d);
    uint32_t newTcpStream(const Key &k, const DecodedPacket &d);

    std::unordered_map<Key, uint32_t, KeyHash> m_tcpIndex, m_udpIndex;
    std::vector<TcpStream> m_tcp;
    int64_t m_udpCount = 0;
};

} // namespace packetlens
