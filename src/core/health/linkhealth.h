// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "itemlog.h"

#include "../flow/packetcontext.h"
#include "../report/healthsection.h"

#include <array>
#include <map>
#include <unordered_map>
#include <vector>

namespace packetlens {

// Failures below the transport: ICMP errors by the host that sends them
// (unreachable, time exceeded, fragmentation needed / packet too big), DHCP
// transactions without an ACK, ARP requests nobody answers, addresses two
// devices claim, and frames beyond the Ethernet MTU. Bounded tables.
class LinkHealth
{
public:
    static constexpr size_t kMaxEntries = 8192;
    static constexpr size_t kEvidencePerEntry = 8;
    explicit LinkHealth(ItemLog &items) : m_items(items) {}
    void add(const PacketContext &pc);
    void finish(); // unanswered ARP requests and DHCP transactions become items
    void fill(FailuresSection &f, int listCap) const;

private:
    enum IcmpKind { Unreachable, TimeExceeded, FragmentationNeeded, IcmpKinds };
    struct DhcpTxn
    {
        uint64_t clientMac = 0;
        int64_t firstNs = 0;
        bool asked = false, acked = false, nakked = false;
        std::vector<uint64_t> packets;
    };
    struct ArpAsk
    {
        uint64_t requests = 0;
        int64_t firstNs = 0, lastNs = 0;
        bool answered = false;
        std::vector<uint64_t> packets;
    };
    struct Claim
    {
        uint64_t mac = 0;
        uint64_t requests = 0;   // requests or announcements sent with the address as its own
        uint64_t firstPacket = 0;
        int64_t firstNs = 0;
    };
    void icmp(const PacketContext &pc);
    void dhcp(const PacketContext &pc);
    void arp(const PacketContext &pc);

    ItemLog &m_items;
    std::map<IpAddress, std::array<uint64_t, IcmpKinds>> m_icmp;
    std::map<uint32_t, DhcpTxn> m_dhcp;
    std::map<IpAddress, ArpAsk> m_arp;
    std::map<IpAddress, std::vector<Claim>> m_claims;
    uint64_t m_arpRequests = 0, m_fragNeeded = 0, m_oversized = 0, m_largest = 0;
    uint64_t m_dhcpTxns = 0, m_dhcpWithoutAck = 0, m_arpUnanswered = 0;
};

} // namespace packetlens
