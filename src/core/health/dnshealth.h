// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "itemlog.h"
#include "latencybook.h"

#include "../flow/packetcontext.h"
#include "../report/healthsection.h"

#include <array>
#include <unordered_map>

namespace packetlens {

// DNS response times (dns.time: a response's time since its query, matched
// by conversation and transaction id as Wireshark matches them), queries
// that got no response, and SERVFAIL, REFUSED and NXDOMAIN answers by client
// and by server. mDNS and LLMNR get response times but are not counted as
// failures (their answers go to other addresses). Bounded: at most
// kMaxPending transactions are followed at once.
class DnsHealth
{
public:
    static constexpr size_t kMaxPending = 65536;
    static constexpr size_t kMaxHosts = 8192;
    DnsHealth(ItemLog &items, LatencyBook &latency) : m_items(items), m_latency(latency) {}
    void add(PacketContext &pc);
    void finish(); // queries still without a response count as unanswered
    void fill(FailuresSection &f, int listCap) const;

private:
    enum Failure { Unanswered, Servfail, Refused, Nxdomain, FailureKinds };
    struct Txn
    {
        int64_t queryNs = 0;
        uint64_t queryPacket = 0;
        IpAddress client, server;
        bool answered = false;
        bool counted = false; // a real DNS query (not mDNS/LLMNR)
    };
    void query(const PacketContext &pc, uint64_t key, bool counted);
    void response(PacketContext &pc, uint64_t key, bool counted);
    void sweep(int64_t nowNs, bool all);
    void fail(Failure kind, const IpAddress &client, const IpAddress &server, uint64_t packet, int64_t tsNs);

    ItemLog &m_items;
    LatencyBook &m_latency;
    std::unordered_map<uint64_t, Txn> m_pending; // conversation id << 16 | transaction id
    int64_t m_lastSweepNs = 0;
    uint64_t m_queries = 0, m_counts[FailureKinds] = {};
    std::unordered_map<IpAddress, std::array<uint64_t, FailureKinds>> m_clients, m_servers;
};

} // namespace packetlens
