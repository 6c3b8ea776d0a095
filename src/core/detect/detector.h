// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detectionsettings.h"
#include "finding.h"

#include "../flow/conversation.h"
#include "../objects/exportobjects.h"
#include "../flow/packetcontext.h"
#include "../util/densehashmap.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <unordered_map>
#include <vector>

namespace packetlens {

// One streaming detector. It sees every packet (and every conversation as it
// ends), keeps bounded state, and turns it into findings at the end.
class Detector
{
public:
    // Kinds of packets a detector wants to see (the engine calls onPacket only
    // for those, so a packet costs nothing in detectors it cannot interest).
    enum Interest : uint32_t {
        Arp = 1, Icmp = 2, Udp = 4, TcpPayload = 8, Tcp = 16, Dns = 32, Dhcp = 64,
        Malformed = 128,     // malformed, a land attack, or SYN+FIN / SYN+RST
        RemoteSource = 256,  // a public IPv4 source seen with its MAC (who delivers remote traffic)
        NameService = 512,   // LLMNR and NBT-NS (local name lookups)
        Nothing = 0, Everything = 0xffffffffu,
    };
    virtual ~Detector() = default;
    virtual uint32_t interests() const { return Nothing; }
    virtual void onPacket(const PacketContext &) {}
    virtual void onConversation(const Conv &) {}
    // A hint that onConversation(c) comes soon (conversations retire in
    // batches): ask memory for the state it will touch. Changes nothing.
    // Stage 0 comes a few conversations ahead (ask for index slots), stage 1
    // closer (ask for the entries those slots name).
    virtual void prefetchConversation(const Conv &, int /*stage*/) {}
    // Whether onConversation does anything (the engine calls only those that do).
    virtual bool wantsConversations() const { return false; }
    // A file the capture carried, as the analysis hashes it (in the order
    // files complete, not by frame; all before finish()): its bytes are
    // gone, its SHA-256 is there.
    virtual void onObject(const CapturedObject &) {}
    virtual void finish(std::vector<Finding> &out) = 0;
    void setCaptureSpan(int64_t firstNs, int64_t lastNs)
    {
        m_captureFirstNs = firstNs;
        m_captureLastNs = lastNs;
    }
    // For a live capture's provisional findings (drawn up on a copy, once a
    // second): a detector that may find thousands (one per pair) draws up
    // only those of its `sources` worst sources and at most `perSource` of
    // each, as the report's aggregation will list them, instead of all of
    // them every second. The final report never sets it.
    void setProvisionalLimit(size_t sources, size_t perSource)
    {
        m_provisionalSources = sources;
        m_provisionalPerSource = perSource;
    }
    // Calls its argument with each conversation still open.
    using OpenConversations = std::function<void(const std::function<void(const Conv &)> &)>;
    struct ProvisionalScope
    {
        size_t sources = SIZE_MAX, perSource = SIZE_MAX; // as setProvisionalLimit
        int64_t firstNs = 0, lastNs = 0;                 // as setCaptureSpan
    };
    // For a provisional evaluation: the findings this detector would report
    // if the open conversations ended now, drawn up from its own state
    // without copying it (it may reorder what it holds, never change what it
    // will report); false when it does not offer this, and the engine asks
    // a copy of it instead. On the thread that feeds it packets.
    virtual bool findProvisionally(const OpenConversations &, const ProvisionalScope &, std::vector<Finding> &)
    {
        return false;
    }

protected:
    int64_t m_captureFirstNs = 0, m_captureLastNs = 0;
    size_t m_provisionalSources = SIZE_MAX, m_provisionalPerSource = SIZE_MAX;
};

namespace detect {

constexpr int64_t kSecond = 1000000000;
// Average frame size below which packets spread over many ports look like
// scan probes (nmap's UDP probes are 42- to about 100-byte frames; floods
// carry payload). Shared by the port-scan and flood detectors.
constexpr uint64_t kMaxProbeFrameBytes = 200;

inline QString ipText(const IpAddress &ip)
{
    return QString::fromStdString(ip.toString());
}

bool isPrivate(const IpAddress &ip);
bool isMulticastOrBroadcast(const IpAddress &ip);

// Where an address lives: the same host, the local link, a private network
// (RFC 1918, CGNAT, ULA), or the outside world.
enum class Scope : uint8_t { Loopback, LinkLocal, Private, Public };
Scope scopeOf(const IpAddress &ip);
// The wider of two addresses' scopes (a conversation is as external as its
// most external end).
inline Scope widerScope(const IpAddress &a, const IpAddress &b) { return std::max(scopeOf(a), scopeOf(b)); }

// The median of the weights (moved about): a capped map drops what weighs no
// more. 0 for none (a cap of 0 reaches an empty map).
inline double medianWeight(std::vector<double> &w)
{
    if (w.empty())
        return 0;
    auto mid = w.begin() + long(w.size() / 2);
    std::nth_element(w.begin(), mid, w.end());
    return *mid;
}

// Bounds a map: when it reaches `cap` entries the half with the lowest
// `weight(value)` is dropped (per-source state of a spoofed flood cannot grow).
template<typename Map, typename Weight>
void capMap(Map &m, size_t cap, Weight weight)
{
    if (m.size() < cap)
        return;
    std::vector<double> w;
    w.reserve(m.size());
    for (const auto &kv : m)
        w.push_back(double(weight(kv.second)));
    const double cut = medianWeight(w);
    for (auto it = m.begin(); it != m.end() && m.size() > cap / 2;) {
        if (double(weight(it->second)) <= cut)
            it = m.erase(it);
        else
            ++it;
    }
}

// The same for a DenseHashMap (entries dropped are emptied at once, so
// their memory goes back before the slot is reused).
template<typename K, typename V, typename Weight>
void capMap(DenseHashMap<K, V> &m, size_t cap, Weight weight)
{
    if (m.size() < cap)
        return;
    std::vector<double> w;
    w.reserve(m.size());
    m.forEach([&](const K &, const V &v) { w.push_back(double(weight(v))); });
    const double cut = medianWeight(w);
    m.eraseIf([&](const K &, V &v) {
        if (m.size() <= cap / 2 || double(weight(v)) > cut)
            return false;
        v = V{};
        return true;
    });
}

// Largest number of events within any window of `windowNs` (times sorted in place).
size_t maxInWindow(std::vector<int64_t> &times, int64_t windowNs, int64_t *start = nullptr, int64_t *end = nullptr);

// Shannon entropy of n bytes, in bits per byte.
double entropy(const uint8_t *p, size_t n);

// A set of hashes kept as a sorted vector of at most `cap` (small sets a
// detector keeps per key: distinct names, passwords, domains).
enum class Distinct { Seen, Added, Full }; // Full: new, but the set is full
Distinct addDistinct(std::vector<uint64_t> &sorted, uint64_t hash, size_t cap);

struct PairKey
{
    IpAddress a, b;
    uint32_t extra = 0;
    bool operator==(const PairKey &o) const { return extra == o.extra && a == o.a && b == o.b; }
};
struct PairKeyHash
{
    size_t operator()(const PairKey &k) const noexcept
    {
        return size_t(k.a.hash() ^ (k.b.hash() * 0x9e3779b97f4a7c15ull) ^ (uint64_t(k.extra) * 0xff51afd7ed558ccdull));
    }
};


} // namespace detect

} // namespace packetlens
