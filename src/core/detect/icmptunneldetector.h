// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detector.h"
#include "oncecache.h"

namespace packetlens {

// icmp_tunneling: data carried in ICMP echo messages between two hosts
// (ptunnel, icmpsh, icmptunnel, Hans). A ping echoes its request: the reply
// carries the same bytes, a few dozen of them in a fixed pattern. A tunnel
// answers with other data, or carries kilobytes of varied, random-looking
// (encrypted or compressed) data. Per pair of requester and responder; the
// requester is the source (usually the inside end).
class IcmpTunnelDetector : public Detector
{
public:
    explicit IcmpTunnelDetector(const DetectionSettings &s);
    uint32_t interests() const override { return Icmp; }
    void onPacket(const PacketContext &pc) override;
    void finish(std::vector<Finding> &out) override;

    // Whether `n` bytes look random (entropy near the most they can have) and
    // not like a ping's fill pattern (a byte sequence with a constant step).
    static bool randomLooking(const uint8_t *data, size_t n);

private:
    // Kept small: a ping sweep makes one of these for every host that answers.
    struct Pair
    {
        int64_t firstNs = 0, lastNs = 0;
        uint64_t dataBytes = 0; // echo data (after identifier and sequence), both ways
        uint64_t sizeBins = 0;  // data sizes seen, in 64 bins of 24 bytes
        uint32_t requests = 0, replies = 0;
        uint32_t randomData = 0, sampled = 0; // payloads that look random, of those looked at
        uint32_t matched = 0, differing = 0;  // replies whose request was seen; those whose data differed
        uint32_t maxData = 0;
        uint8_t next = 0;
        // The latest requests: identifier and sequence, and a hash of their
        // data (0: a free place).
        struct Asked
        {
            uint32_t idSeq = 0;
            uint32_t hash = 0;
        } asked[8];
        std::vector<uint64_t> evidence;
    };
    // One echo message as it counts (data: its bytes while the packet is
    // at hand, null for one held in the cache).
    struct Echo
    {
        int64_t ns = 0;
        uint64_t packet = 0;
        uint64_t hash = 0; // of its data; 0 when cut by the snap length
        uint32_t idSeq = 0, len = 0;
        bool request = false;
        const uint8_t *data = nullptr;
    };
    void add(Pair &p, const Echo &e);
    // Which of the three signs of a tunnel a pair shows.
    struct Signals
    {
        bool differing = false, random = false, bulk = false;
        int count() const { return int(differing) + int(random) + int(bulk); }
    };
    Signals signalsOf(const Pair &p) const;
    Finding raise(const detect::PairKey &key, const Pair &p, const Signals &s) const;

    DenseHashMap<detect::PairKey, Pair> m_pairs; // (requester, responder, v6)
    // A pair's first two messages, until a third comes: a ping sweep (one
    // request and its reply per host) makes no state.
    struct Early
    {
        Echo first, second;
        uint8_t count = 0;
    };
    detect::OnceCache<Early> m_early{13};
    size_t m_minPackets;
    uint64_t m_minBytes;
    double m_differingRatio;
    size_t m_maxTracked;
};

} // namespace packetlens
