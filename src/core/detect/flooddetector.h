#pragma once

#include "detector.h"

#include <unordered_set>

namespace packetlens {

// syn_flood, udp_flood, icmp_flood and ddos: unsolicited traffic at a high rate
// towards one target that does not (or cannot) answer it. Only packets from a
// conversation's originator count, so downloads (QUIC included) and a busy
// DNS resolver's answers are not floods. Also catches SYN floods whose sources
// and destinations are both random, and DHCP floods (many transaction IDs).
class FloodDetector : public Detector
{
public:
    explicit FloodDetector(const DetectionSettings &s);
    void onPacket(const PacketContext &pc) override;
    void finish(std::vector<Finding> &out) override;

private:
    struct Counter
    {
        uint64_t packets = 0, bytes = 0, replies = 0;
        int64_t firstNs = 0, lastNs = 0;
        std::unordered_set<IpAddress> sources; // capped
        uint64_t sourcesDropped = 0;
        std::unordered_map<IpAddress, uint64_t> perSource; // capped
        std::vector<uint64_t> evidence;
        std::unordered_set<uint16_t> ports; // capped
        void hit(const PacketContext &pc, const IpAddress &src);
        size_t sourceCount() const { return sources.size() + sourcesDropped; }
        double rate() const;
        IpAddress topSource() const;
    };
    struct Target
    {
        Counter syn, udp, icmp, all;
        uint64_t synCompleted = 0; // ACKs from sources: handshakes that completed
    };
    Target *target(const IpAddress &ip, bool create);
    bool raise(const QString &category, const IpAddress &target, const Counter &c, double replyRatio,
              double minRate, double minPackets, double maxReply, std::vector<Finding> &out, const QString &what);

    std::unordered_map<IpAddress, Target> m_targets;
    Counter m_globalSyn;          // half-open SYNs regardless of target
    std::unordered_set<IpAddress> m_globalSynTargets;
    uint64_t m_globalSynCompleted = 0;
    Counter m_dhcp;
    std::unordered_set<uint32_t> m_dhcpXids;
    std::unordered_set<uint64_t> m_dhcpClients;
    const DetectionSettings &m_s;
    size_t m_maxTracked;
};

} // namespace packetlens
