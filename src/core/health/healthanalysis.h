// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dnshealth.h"
#include "itemlog.h"
#include "latencybook.h"
#include "linkhealth.h"
#include "loadstats.h"
#include "tcphealth.h"
#include "webhealth.h"

#include "../flow/conversation.h"
#include "../flow/packetcontext.h"
#include "../report/healthsection.h"

namespace packetlens {

// Network health (the report's `health` section): TCP analysis, response
// times, failures and load, and the items that sum them up with their
// evidence. One of the analyzer's modules: it sees each packet after the
// conversation table (with its conversation) and before the listeners, whom
// it leaves Wireshark's generated fields in PacketContext::expert.
class HealthAnalysis
{
public:
    // Response times above these make a server's answers "slow".
    static constexpr double kSlowDnsS = 0.5, kSlowHttpS = 2.0;
    static constexpr int kItemsPerKind = 10;

    HealthAnalysis();
    void add(PacketContext &pc, Conv *conv); // conv: the packet's conversation, or null
    void prefetch(const Conv &conv) const { m_tcp.prefetch(conv); } // as soon as the conversation is known
    void retire(const Conv &c);
    // See TcpHealth::compact.
    template<typename ForEachConv>
    void compact(ForEachConv forEachConv) { m_tcp.compact(forEachConv); }
    void finish(); // after the last conversation retired (once)
    HealthSection section(int listCap) const;

private:
    void noteSlow(const PacketContext &pc);
    std::vector<HealthItem> items() const;                        // healthitems.cpp
    HealthItem makeItem(const ItemLog::Entry &e, size_t subjectsOfKind) const;
    QJsonValue detailOf(const ItemLog::Entry &e, size_t subjectsOfKind) const; // a phrase, or ""

    ItemLog m_items;
    LatencyBook m_latency;
    TcpHealth m_tcp;
    WebHealth m_web;
    DnsHealth m_dns;
    LinkHealth m_link;
    LoadStats m_load;
};

} // namespace packetlens
