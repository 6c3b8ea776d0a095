#pragma once

#include "detector.h"

#include <unordered_set>

namespace packetlens {

// syn_flood, udp_flood, icmp_flood and ddos: unsolicited traffic at a high rate
// towards one target that does not (or cannot) answer it. Only packets from a
// conversation's originator count, so downloads (QUIC included) and a busy
// DNS resolver's answers are not floods. Also catches SYN floods whose sources
// and destinations are both random, and DHCP floods (many transaction IDs).
// Works on conversations as they end (one update per conversation, none per
// packet), except for DHCP, whose transaction IDs are read from the packets.
class FloodDetector : public Detector
{
public:
    explicit FloodDetector(const DetectionSettings &s);
    uint32_t interests() const override { return Dhcp; }
    void onPacket(const PacketContext &pc) override;
    void onConversation(const Conv &c) override;
    bool wantsConversations() const override { return true; }
    void finish(std::vector<Finding> &out) override;

private:
    // Constant-size, allocation-free counters: distinct sources and ports are
    // estimated with 512-bit linear-counting bitmaps, the top source with a
    // small heavy-hitter summary (Misra-Gries), so a spoofed flood costs the
    // same memory per target as one client.
    struct Counter
    {
        uint64_t packets = 0, bytes = 0, replies = 0;
        int64_t firstNs = 0, lastNs = 0;
        uint64_t sourceBits[8] = {};
        uint64_t portBits[8] = {};
        struct Heavy
        {
            IpAddress ip;
            uint64_t count = 0;
        } heavy[4];
        IpAddress firstSource; // shown when no source stands out among real ones
        std::vector<uint64_t> evidence;
        void hit(const PacketContext &pc, const IpAddress &src);
        void add(const Conv &c);
        void count(const IpAddress &src, uint16_t port, uint64_t n);
        size_t sourceCount() const;
        size_t portCount() const;
        double rate() const;
        IpAddress topSource() const;
    };
    struct Thresholds
    {
        double minRate = 0, minPackets = 0, maxReply = 0;
        // From this rate on a flood is high (below it medium); streams (to a
        // multicast group or broadcast, or from one or two senders to one or
        // two ports) need it to count at all. 0: minRate.
        double highRate = 0;
    };
    struct Target
    {
        Counter syn, udp, icmp, all;
        uint64_t synCompleted = 0; // ACKs from sources: handshakes that completed
    };
    bool answersOwnFlood(const IpAddress &target, const Counter &icmp) const;
    Target *target(const IpAddress &ip, bool create);
    bool raise(const QString &category, const IpAddress &target, const Counter &c, double replyRatio,
               const Thresholds &t, std::vector<Finding> &out, const QString &what);

    std::unordered_map<IpAddress, Target> m_targets;
    Counter m_globalSyn;          // half-open SYNs regardless of target
    std::unordered_set<IpAddress> m_globalSynTargets;
    uint64_t m_globalSynCompleted = 0;
    uint64_t m_globalSynHalfOpen = 0;
    Counter m_dhcp;
    std::unordered_set<uint32_t> m_dhcpXids;
    std::unordered_set<uint64_t> m_dhcpClients;
    Thresholds m_syn, m_udp, m_icmp, m_ddos;
    double m_ddosMinSources = 0;
    size_t m_scanMinPorts = 0;
    size_t m_maxTracked;
};

} // namespace packetlens
