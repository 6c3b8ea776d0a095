// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../decode/packetdecoder.h"

#include <unordered_map>
#include <vector>

namespace packetlens {

// Reassembles IPv4/IPv6 fragments far enough to decode the transport and
// application headers. Like Wireshark, the datagram's protocols are shown on
// the packet that completes it; duplicate fragments are ignored. Only the
// first kKeepBytes of each datagram are kept, and at most kMaxDatagrams are in
// progress (stalest dropped first), so memory is bounded.
class Defragmenter
{
public:
    static constexpr uint32_t kKeepBytes = 4096;
    static constexpr size_t kMaxDatagrams = 4096;
    static constexpr int64_t kTimeoutNs = 60ll * 1000000000;

    // Call for packets with d.fragment set; decodes the transport into d when
    // this packet completes its datagram.
    void feed(int64_t tsNs, const PacketDecoder &decoder, DecodedPacket &d);
    // Datagrams that never completed (timed out, dropped, or still open).
    uint64_t incomplete() const;

private:
    struct Key
    {
        IpAddress src, dst;
        uint32_t id = 0;
        uint8_t proto = 0;
        bool operator==(const Key &o) const
        {
            return id == o.id && proto == o.proto && src == o.src && dst == o.dst;
        }
    };
    struct KeyHash
    {
        size_t operator()(const Key &k) const noexcept
        {
            return size_t(k.src.hash() ^ (k.dst.hash() * 7) ^ (uint64_t(k.id) << 8) ^ k.proto);
        }
    };
    struct Datagram
    {
        std::vector<std::pair<uint32_t, uint32_t>> ranges; // [begin, end), merged
        int64_t total = -1;
        std::vector<uint8_t> head;
        int64_t lastNs = 0;
        bool done = false;
    };
    void expire(int64_t nowNs);

    std::unordered_map<Key, Datagram, KeyHash> m_table;
    std::vector<uint8_t> m_completed; // bytes of the datagram completed last
    uint64_t m_dropped = 0;
};

} // namespace packetlens
