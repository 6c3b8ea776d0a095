// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detector.h"

#include "../util/densehashmap.h"

#include <array>
#include <map>
#include <set>
#include <string>
#include <vector>

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
        uint64_t framed = 0; // claims whose frame came from the claimed MAC (Ethernet source = ARP sender)
        std::vector<uint64_t> evidence;
        // A claimant worth believing: it claimed more than once, or from its
        // own frame (a single ARP whose sender differs from the frame's source
        // is a damaged packet, not a second host).
        bool credible() const { return count >= 2 || framed > 0; }
    };
    struct Sender
    {
        std::vector<int64_t> gratuitous; // times of gratuitous/unsolicited replies
        std::vector<uint64_t> evidence;
        std::map<std::string, int> ips;
    };
    using RelayMap = std::map<Mac, std::pair<std::set<std::string>, std::set<Mac>>>;
    void reportClaims(std::vector<Finding> &out, std::map<Mac, size_t> &reported) const;
    Finding claimFinding(const IpAddress &ip, const std::map<Mac, Claim> &macs, const Mac &suspect) const;
    RelayMap relaysByMac(std::map<Mac, std::vector<uint64_t>> &evidence) const;
    Finding relayFinding(const Mac &mac, const Sender &s, const std::pair<std::set<std::string>, std::set<Mac>> &rel,
                         const std::vector<uint64_t> &relayEvidence) const;
    bool burstFinding(const Mac &mac, Sender &s, Finding &f) const;

    std::unordered_map<IpAddress, std::map<Mac, Claim>> m_claims;
    std::map<Mac, Sender> m_senders;
    std::unordered_map<detect::PairKey, int64_t, detect::PairKeyHash> m_requests; // (asker, asked-for) -> time
    // Remote (non-private) IPv4 sources and the MACs that delivered them: two
    // MACs delivering the same remote addresses means one of them relays (MITM).
    struct Relays
    {
        uint8_t count = 0; // at most 4 MACs are kept
        Mac mac[4] = {};
        uint64_t firstPacket[4] = {};
    };
    DenseHashMap<IpAddress, Relays> m_remote; // one slot and one entry a lookup, nothing allocated per address
    // Remote address -> a MAC already recorded for it, direct-mapped (96 KiB,
    // stays in cache): a new conversation through the usual router answers
    // here, without the table's two memory round trips.
    struct Known
    {
        uint32_t ip = 0;
        uint16_t mac[3] = {}; // a free slot has ip 0, which no remote address has
        bool operator==(const Known &o) const
        {
            return ip == o.ip && mac[0] == o.mac[0] && mac[1] == o.mac[1] && mac[2] == o.mac[2];
        }
    };
    std::vector<Known> m_known = std::vector<Known>(8192);
    size_t m_burst;
    int64_t m_burstWindowNs;
    size_t m_maxTracked;
};

} // namespace packetlens
