// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "itemlog.h"
#include "latencybook.h"
#include "tcpsequence.h"

#include "../flow/conversation.h"
#include "../flow/packetcontext.h"
#include "../report/healthsection.h"
#include "../util/chunkedarray.h"
#include "../util/densehashmap.h"

#include <memory>
#include <unordered_map>
#include <vector>

namespace packetlens {

struct WebConvState; // webhealth.h

// TCP health: Wireshark's sequence analysis of every TCP segment (the
// tcp.analysis.* flags, set on the packet for the listeners), resets,
// refused and unanswered connection attempts, handshake times, and the
// conversations and hosts with the most problems.
//
// State lives in a side table indexed by Conv::healthSlot (TCP conversations
// only), freed when the conversation retires: bounded by the conversation
// table. Its hot part (the sequence state, two cache lines) is apart from the
// cold part (problem counts and evidence, HTTP/TLS state), which exists only
// for conversations that need it.
class TcpHealth
{
public:
    static constexpr size_t kMaxConvEvidence = 50;
    static constexpr size_t kMaxHosts = 20000;
    static constexpr size_t kCompactFrom = 16384; // slots (2 MiB) before compact() looks

    TcpHealth(ItemLog &items, LatencyBook &latency) : m_items(items), m_latency(latency) {}
    ~TcpHealth();
    void add(PacketContext &pc, Conv &conv);
    // Asks memory for the conversation's sequence state, which add() reads
    // a little later (after the statistics modules had the packet).
    void prefetch(const Conv &conv) const
    {
        if (conv.healthSlot) {
            const char *p = reinterpret_cast<const char *>(&m_hot[conv.healthSlot - 1]);
            __builtin_prefetch(p);
            __builtin_prefetch(p + 64);
        }
    }
    void retire(const Conv &c);
    // After the conversation table compacted (a burst of conversations
    // retired): when at most a quarter of the slots are in use, the open
    // conversations' state moves into arrays just large enough, their slots
    // renumbered in the order forEachConv visits them, and the rest of the
    // memory goes back. forEachConv(f) calls f(Conv &) for every open
    // conversation (every slot in use belongs to one).
    template<typename ForEachConv>
    void compact(ForEachConv forEachConv)
    {
        const size_t inUse = m_hot.size() - m_free.size();
        if (m_hot.size() < kCompactFrom || inUse * 4 > m_hot.size())
            return;
        ChunkedArray<Hot> hot;
        ChunkedArray<Cold> cold;
        forEachConv([&](Conv &c) {
            if (!c.healthSlot)
                return;
            hot.emplaceBack() = m_hot[c.healthSlot - 1];
            cold.emplaceBack() = std::move(m_cold[c.healthSlot - 1]);
            c.healthSlot = uint32_t(hot.size());
        });
        m_hot = std::move(hot);
        m_cold = std::move(cold);
        std::vector<uint32_t>().swap(m_free);
    }
    // After the last conversation retired: the per-conversation state's
    // memory goes back (the section needs none of it).
    void finish();
    TcpHealthSection section(int listCap) const;
    // The conversation's HTTP/TLS state (created when asked), or null; and
    // WebHealth's flag byte, which says when that state needs a look (read
    // with the sequence state, so that most packets never touch the rest).
    WebConvState *web(Conv &conv, bool create);
    uint8_t &webFlags(Conv &conv) { return m_hot[slotOf(conv) - 1].web; }

private:
    struct HostTcp
    {
        uint64_t counts[kTcpAnalysisFlagCount] = {};
        uint64_t bad = 0, resetsSent = 0, refused = 0, unanswered = 0;
    };
    struct Problems
    {
        uint32_t counts[kTcpAnalysisFlagCount] = {};
        uint32_t bad = 0;
        std::vector<uint64_t> evidence;
        // Each direction's sender in the host table, looked up once per
        // conversation (null: the table was full).
        HostTcp *sender[2] = {};
        bool senderKnown[2] = {};
    };
    struct Cold
    {
        std::unique_ptr<Problems> problems;
        std::unique_ptr<WebConvState> web;
    };
    struct alignas(64) Hot
    {
        TcpSequenceState seq;
        uint8_t web = 0; // WebHealth's flags: whether its state needs a look
    };
    static_assert(sizeof(Hot) == 128, "two cache lines");
    uint32_t slotOf(Conv &conv);
    void noteHandshake(const TcpSequenceState &s, const Conv &conv);
    void countFlags(const PacketContext &pc, uint16_t flags, Cold &cold);
    void countReset(const PacketContext &pc);
    HostTcp *host(const IpAddress &ip);
    void keepWorst(const Conv &c, const Problems &p, const TcpSequenceState &s);

    ItemLog &m_items;
    LatencyBook &m_latency;
    ChunkedArray<Hot> m_hot;   // [slot - 1]
    ChunkedArray<Cold> m_cold; // [slot - 1]
    std::vector<uint32_t> m_free;
    uint64_t m_flagFrames[kTcpAnalysisFlagCount] = {}; // as the display filter counts (retransmission: all three kinds)
    uint64_t m_connections = 0, m_resets = 0, m_resetsOrig = 0, m_resetsResp = 0, m_refused = 0, m_unanswered = 0;
    DenseHashMap<IpAddress, HostTcp> m_hosts; // its entries never move (Problems::sender points at them)
    std::vector<TcpConversationHealth> m_worst; // trimmed to the worst as it grows
};

// Frames that count as problems: any flag but window updates, keep-alives and
// their ACKs (Wireshark's "Bad TCP" colouring rule).
inline constexpr uint16_t kTcpProblemFlags =
    uint16_t(~(TcpWindowUpdate | TcpKeepAlive | TcpKeepAliveAck) & ((1u << kTcpAnalysisFlagCount) - 1));

// The segment's payload length as Wireshark counts it (from the IP length).
uint32_t tcpSegmentLength(const PacketContext &pc);
// A SYN's window-scale option shift, -1 when it has none.
int8_t tcpWindowShift(const DecodedPacket &d);

} // namespace packetlens
