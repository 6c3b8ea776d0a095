// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detector.h"
#include "oncecache.h"

#include "../util/densehashmap.h"

#include <array>
#include <cstring>
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
    struct MacHash
    {
        size_t operator()(const Mac &m) const noexcept
        {
            uint64_t v = 0;
            std::memcpy(&v, m.data(), 6);
            v *= 0x9e3779b97f4a7c15ull;
            return size_t(v ^ (v >> 29));
        }
    };
    // One MAC's claims to an address.
    struct Claim
    {
        Mac mac = {};
        int64_t firstNs = 0, lastNs = 0;
        uint64_t count = 0, unsolicited = 0;
        uint64_t framed = 0; // claims whose frame came from the claimed MAC (Ethernet source = ARP sender)
        std::vector<uint64_t> evidence;
        // A claimant worth believing: it claimed more than once, or from its
        // own frame (a single ARP whose sender differs from the frame's source
        // is a damaged packet, not a second host).
        bool credible() const { return count >= 2 || framed > 0; }
    };
    // The MACs claiming one address: up to kKeptClaimants are kept. Once
    // they are all taken, a new MAC is only remembered (m_newcomers) and, if
    // credible, counted; when it claims the address again it takes the
    // place of the weakest one kept. So a storm of random MACs claiming once
    // each leaves the owner and a spoofer that repeats itself in place.
    struct Claimants
    {
        std::vector<Claim> kept;
        // Credible claimants not kept (one forgotten by the cache and coming
        // back counts again: beyond the kept ones the count is an estimate).
        uint64_t otherMacs = 0;
    };
    static constexpr size_t kKeptClaimants = 8;
    // A newcomer's first claim, while it waits to claim again.
    struct FirstClaim
    {
        int64_t ns = 0;
        uint64_t packet = 0;
        bool framed = false, unsolicited = false;
    };
    detect::OnceCache<FirstClaim> m_newcomers{14};
    // A MAC sending gratuitous or unsolicited replies.
    struct Sender
    {
        uint64_t replies = 0;
        int64_t firstNs = 0, lastNs = 0;
        // The newest reply times, oldest first from `head` (at most
        // kWindowTimes): those within the burst window of the newest.
        std::vector<int64_t> window;
        size_t head = 0;
        size_t maxInWindow = 0; // the most replies seen within one window (at most kWindowTimes)
        std::vector<uint64_t> evidence;
        std::vector<IpAddress> ips; // the first kListedIps addresses claimed
        void addReply(int64_t ns, int64_t windowNs, size_t most);
    };
    static constexpr size_t kWindowTimes = 256, kListedIps = 50;
    static constexpr size_t kAlsoSaid = 5; // further addresses a claim's summary names
    using RelayMap = std::map<Mac, std::pair<std::set<std::string>, std::set<Mac>>>;
    void claim(const IpAddress &ip, const Mac &mac, const PacketContext &pc, bool framed, bool unsolicited);
    void reportClaims(std::vector<Finding> &out, std::map<Mac, size_t> &reported) const;
    Finding claimFinding(const IpAddress &ip, const std::vector<const Claim *> &macs, const Claim &suspect,
                         uint64_t otherMacs) const;
    RelayMap relaysByMac(std::map<Mac, std::vector<uint64_t>> &evidence) const;
    Finding relayFinding(const Mac &mac, const Sender &s, const std::pair<std::set<std::string>, std::set<Mac>> &rel,
                         const std::vector<uint64_t> &relayEvidence) const;
    bool burstFinding(const Mac &mac, const Sender &s, Finding &f) const;
    static QStringList claimedIps(const Sender &s);

    std::unordered_map<IpAddress, Claimants> m_claims;
    std::unordered_map<Mac, Sender, MacHash> m_senders;
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
