// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../flow/packetcontext.h"

#include "../util/densehashmap.h"

#include "../report/report.h"

namespace packetlens {

// Per-IP traffic counters. Packets inside conversations arrive folded, one
// conversation at a time, so a packet costs no lookup here. Bounded: past
// maxEntries the least active half is dropped (and the table says it was capped).
class EndpointTable
{
public:
    struct Stats
    {
        uint64_t packetsSent = 0, packetsReceived = 0;
        uint64_t bytesSent = 0, bytesReceived = 0;
        int64_t firstNs = 0, lastNs = 0;
    };

    explicit EndpointTable(size_t maxEntries = 200000) : m_max(maxEntries) {}
    // A packet that belongs to no conversation (conversations are counted
    // when they end: addConversation).
    void add(const PacketContext &pc);
    // Folds a conversation's totals into its two endpoints.
    void addConversation(const IpAddress &orig, const IpAddress &resp, uint64_t origPackets, uint64_t origBytes,
                         uint64_t respPackets, uint64_t respBytes, int64_t firstNs, int64_t lastNs);
    // Hints that addConversation() for this address comes soon: stage 0 asks
    // for its slot, stage 1 (a little later) for its entry.
    PACKETLENS_PREFETCH_INLINE void prefetch(const IpAddress &ip, int stage)
    {
        if (ip.isValid())
            m_table.prefetch(ip.hash(), stage);
    }
    size_t size() const { return m_table.size(); }
    bool capped() const { return m_evicted > 0; }
    uint64_t evicted() const { return m_evicted; }
    // Endpoints by total bytes, at most `limit`.
    std::vector<Endpoint> top(int limit) const; // largest first

private:
    Stats &touch(const IpAddress &ip, int64_t ts);
    void evict();
    DenseHashMap<IpAddress, Stats> m_table;
    size_t m_max;
    uint64_t m_evicted = 0;
};

} // namespace packetlens
