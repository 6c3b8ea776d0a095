#pragma once

#include "detector.h"

#include <array>
#include <map>

namespace packetlens {

// arp_spoofing: one IP address claimed by several MAC addresses while both are
// active, and bursts of gratuitous or unsolicited ARP replies. The source is
// the MAC address (layer 2).
class ArpSpoofDetector : public Detector
{
public:
    explicit ArpSpoofDetector(const DetectionSettings &s);
    uint32_t interests() const override { return Arp | RemoteSource; }
    void onPacket(const PacketContext &pc) override;
    void finish(std::vector<Finding> &out) override;

private:
    using Mac = std::array<uint8_t, 6>;
    struct Claim
    {
        int64_t firstNs = 0, lastNs = 0;
        uint64_t count = 0, unsolicited = 0;
        std::vector<uint64_t> evidence;
    };
    struct Sender
    {
        std::vector<int64_t> gratuitous; // times of gratuitous/unsolicited replies
        std::vector<uint64_t> evidence;
        std::map<std::string, int> ips;
    };
    std::unordered_map<IpAddress, std::map<Mac, Claim>> m_claims;
    std::map<Mac, Sender> m_senders;
    std::unordered_map<detect::PairKey, int64_t, detect::PairKeyHash> m_requests; // (asker, asked-for) -> time
    // Remote (non-private) IPv4 sources and the MACs that delivered them: two
    // MACs delivering the same remote addresses means one of them relays (MITM).
    struct Relay
    {
        Mac mac;
        uint64_t firstPacket = 0;
    };
    std::unordered_map<IpAddress, std::vector<Relay>> m_remote;
    // Most packets repeat a recent (remote IP, MAC) pair: a small direct-mapped
    // cache of pairs already recorded skips the table lookup.
    // (Remote sources are IPv4: 12 bytes a slot, 48 KiB in all.)
    struct Recent
    {
        uint32_t ip = 0; // 0.0.0.0 is private, never a remote source
        uint8_t mac[6] = {};
    };
    std::vector<Recent> m_recent = std::vector<Recent>(4096);
    size_t m_burst;
    int64_t m_burstWindowNs;
    size_t m_maxTracked;
};

} // namespace packetlens
