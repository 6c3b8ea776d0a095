#pragma once

#include "../decode/decodedpacket.h"

#include <unordered_map>

namespace packetlens {

// Follows each TCP direction's sequence numbers so that, as in Wireshark,
// retransmitted data is not counted again as application data, and TLS and
// HTTP are shown on the segments where a record or message completes.
// Bounded: idle directions are dropped; when full, the stalest half goes.
class TcpStreams
{
public:
    explicit TcpStreams(size_t maxDirections = 500000) : m_max(maxDirections) {}
    // Adjusts d's application layer; call after decoding, before counting.
    void process(int64_t tsNs, DecodedPacket &d);
    uint64_t retransmissions() const { return m_retransmissions; }
    uint64_t evicted() const { return m_evicted; }

private:
    struct Key
    {
        IpAddress src, dst;
        uint16_t sport = 0, dport = 0;
        bool operator==(const Key &o) const
        {
            return sport == o.sport && dport == o.dport && src == o.src && dst == o.dst;
        }
    };
    struct KeyHash
    {
        size_t operator()(const Key &k) const noexcept
        {
            return size_t(k.src.hash() ^ (k.dst.hash() * 3) ^ (uint64_t(k.sport) << 16 | k.dport) * 0x9e3779b97f4a7c15ull);
        }
    };
    enum class Mode : uint8_t { Unknown, Tls, HttpBody, HttpUntilClose };
    struct Direction
    {
        uint32_t nextSeq = 0;
        int64_t lastNs = 0;
        uint32_t tlsNeed = 0; // bytes left in the current TLS record's body
        uint64_t httpNeed = 0; // bytes left in the current HTTP message body
        uint8_t hdrHave = 0;  // bytes of a record header split across segments
        uint8_t hdr[5] = {};
        Mode mode = Mode::Unknown;
    };
    // Walks TLS records over new in-order bytes; true when one completes.
    static bool walkTls(Direction &dir, const uint8_t *p, uint32_t n, bool &desync);
    static void setApp(DecodedPacket &d, Proto app);
    // HTTP messages are shown where they complete (after their body), as Wireshark does.
    static void followHttp(Direction &dir, const uint8_t *p, uint32_t n, DecodedPacket &d);
    void evict(int64_t nowNs);

    std::unordered_map<Key, Direction, KeyHash> m_dirs;
    size_t m_max;
    uint64_t m_retransmissions = 0;
    uint64_t m_evicted = 0;
    uint64_t m_sinceSweep = 0;
};

} // namespace packetlens
