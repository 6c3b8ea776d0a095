// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../flow/conversation.h"
#include "../flow/packetcontext.h"

#include "../util/densehashmap.h"

#include "../report/report.h"

#include <functional>
#include <vector>

namespace packetlens {

// Bidirectional conversations (5-tuples) with Zeek's conn_state. Bounded:
// finished and idle flows are retired (only the largest are kept for the
// report); when the table is still full the stalest half is retired early.
class ConversationTable
{
public:
    struct Key
    {
        IpAddress a, b;
        uint16_t pa = 0, pb = 0;
        uint8_t proto = 0;
        bool operator==(const Key &o) const
        {
            return proto == o.proto && pa == o.pa && pb == o.pb && a == o.a && b == o.b;
        }
    };
    struct KeyHash
    {
        size_t operator()(const Key &k) const noexcept;
    };
    using Conv = packetlens::Conv; // (flow/conversation.h)

    explicit ConversationTable(size_t maxFlows = 250000, int64_t idleTimeoutNs = 300ll * 1000000000,
                               size_t keepFinished = 1000);
    // Counts the packet; returns its conversation (valid until the next call)
    // and whether it travels from the originator, or nullptr when it has none.
    Conv *add(const PacketContext &pc, bool &fromOrig, bool &isNew);
    // The key add() looks a decoded packet up by; false when it has none.
    static bool keyOf(const DecodedPacket &d, Key &k);
    // Look-ahead for a packet a few records before add() gets it: reads its
    // Ethernet/VLAN/IP/port headers (bounds-checked, nothing decoded) and
    // gives the hash of the conversation key add() will look up, or false
    // when the packet has none or is not plain enough to tell. Only a hint:
    // a wrong or missing one costs time, never a result.
    static bool hintHash(int linkType, const uint8_t *data, uint32_t caplen, uint64_t &hash);
    // Asks memory for the table slot of that hash (stage 0), and later, once
    // it has arrived, for the entry it names (stage 1).
    PACKETLENS_PREFETCH_INLINE void prefetch(uint64_t hash, int stage)
    {
        m_table.prefetch(hash, stage);
    }
    // Called with each conversation as it is retired (and, from
    // retireAll(), with those still active at the end).
    void setRetireHook(std::function<void(const Conv &)> hook) { m_retireHook = std::move(hook); }
    // Told of each conversation a few retirements before the retire hook
    // gets it (stage 0 eight ahead, stage 1 four ahead), to ask memory early
    // for what the hook will touch.
    void setPrefetchHook(std::function<void(const Conv &, int stage)> hook) { m_prefetchHook = std::move(hook); }
    // Called after a sweep left the table sparse and its conversations were
    // moved into less memory (see DenseHashMap::compactIfSparse): side
    // tables indexed through a Conv (the health analysis' slots) compact too.
    void setCompactHook(std::function<void()> hook) { m_compactHook = std::move(hook); }
    // After the last packet: every open conversation goes to the hook once
    // and joins the retired ones (its state counted, kept if among the
    // largest); the hook is dropped and the table's memory given back. The
    // report's lists and counts are as they were before.
    void closeAll();
    uint64_t total() const { return m_total; }
    size_t active() const { return m_table.size(); }
    bool capped() const { return m_forcedEvictions > 0; }
    uint64_t forcedEvictions() const { return m_forcedEvictions; }
    // Visits every conversation still held (active and the largest retired).
    template<typename F>
    void forEach(F f) const
    {
        m_table.forEach([&f](const Key &, const Conv &c) { f(c); });
        for (const Conv &c : m_finished)
            f(c);
    }
    // Visits the conversations still open only.
    template<typename F>
    void forEachActive(F f) const
    {
        m_table.forEach([&f](const Key &, const Conv &c) { f(c); });
    }
    template<typename F>
    void forEachActive(F f)
    {
        m_table.forEach([&f](const Key &, Conv &c) { f(c); });
    }
    // Entries the table's memory holds (active or free for reuse).
    size_t capacity() const { return m_table.capacity(); }
    std::vector<Conversation> top(int limit) const; // largest first
    std::vector<NamedCount> stateCounts() const;  // conversations per Zeek conn_state

private:
    void sweep(int64_t nowNs, bool force);
    void retire(const Conv &c);
    void retireCollected();

    DenseHashMap<Key, Conv> m_table;
    std::vector<Conv> m_finished; // heap, front ranks last (smallest, then latest); at most m_keepFinished
    uint64_t m_retiredStates[ConnStateCount] = {};
    std::function<void(const Conv &)> m_retireHook;
    std::function<void(const Conv &, int)> m_prefetchHook;
    std::function<void()> m_compactHook;
    std::vector<const Conv *> m_collected; // erased by a sweep, retired after it (still readable: no insertion between)
    size_t m_max;
    int64_t m_idleNs;
    size_t m_keepFinished;
    uint64_t m_total = 0;
    uint64_t m_forcedEvictions = 0;
    int64_t m_lastSweepNs = 0;
    bool m_swept = false;
};

} // namespace packetlens
