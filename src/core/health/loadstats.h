// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../flow/conversation.h"
#include "../flow/packetcontext.h"
#include "../report/healthsection.h"
#include "../util/densehashmap.h"

#include <vector>

namespace packetlens {

// Load: the capture's busiest second, each host's busiest second (the devices
// causing load), the fastest conversations (bytes per second while active)
// and the broadcast and multicast share.
//
// A host's traffic per second is summed per conversation first, in a small
// direct-mapped table of the second's conversations, and reaches the host
// table once per conversation and second (not once per packet). Bounded:
// kMaxHosts hosts.
class LoadStats
{
public:
    static constexpr size_t kSlots = 4096;
    static constexpr size_t kMaxHosts = 100000;
    LoadStats();
    // Returns whether the packet goes to everyone (broadcast or multicast).
    bool add(const PacketContext &pc);
    void retire(const Conv &c);
    void finish(); // closes the last second (once, after the last packet)
    LoadSection section(int topN) const;

private:
    struct Slot
    {
        uint64_t convId = 0; // 0: free
        IpAddress a, b;
        uint64_t hashA = 0, hashB = 0;
        uint64_t bytes = 0, packets = 0;
    };
    struct HostLoad
    {
        uint64_t bytes = 0, packets = 0;
        int64_t second = INT64_MIN;
        uint64_t secondBytes = 0, secondPackets = 0;
        int64_t peakSecond = 0;
        uint64_t peakBytes = 0, peakBytesPackets = 0, peakPackets = 0;
        void close();
    };
    void addToSlot(const PacketContext &pc);
    void startSecond(int64_t second);
    void flush(Slot &s);
    void addToHost(const IpAddress &ip, uint64_t hash, uint64_t bytes, uint64_t packets);

    std::vector<Slot> m_slots;
    std::vector<uint32_t> m_used; // slots taken this second
    int64_t m_second = INT64_MIN;
    uint64_t m_secondBytes = 0, m_secondPackets = 0;
    int64_t m_peakSecond = 0;
    uint64_t m_peakBytes = 0, m_peakPackets = 0;
    bool m_any = false;
    DenseHashMap<IpAddress, HostLoad> m_hosts; // one slot and one entry a lookup
    uint64_t m_packets = 0, m_bcastPackets = 0, m_bcastBytes = 0, m_mcastPackets = 0, m_mcastBytes = 0;
    std::vector<ConversationRate> m_fastest;
};

} // namespace packetlens
