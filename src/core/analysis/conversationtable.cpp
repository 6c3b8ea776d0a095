// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversationtable.h"

#include "../util/heaptrim.h"

#include "../decode/vlanwalk.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace packetlens {

namespace {
constexpr uint8_t kSyn = 0x02, kFin = 0x01, kRst = 0x04, kAck = 0x10;
constexpr int64_t kUdpIdleNs = 60ll * 1000000000;
constexpr int64_t kSweepIntervalNs = 60ll * 1000000000; // capture time between idle sweeps
constexpr size_t kCompactFrom = 32768; // entries handed out before a sparse table is compacted (~7 MiB)
constexpr int64_t kClosedLingerNs = 5ll * 1000000000;   // a closed flow's late packets (final ACKs, retransmissions)

// Larger first, then earlier: a total order, so which conversations the
// report keeps does not depend on the order they were retired in.
bool ranksBefore(const ConversationTable::Conv &a, const ConversationTable::Conv &b)
{
    return a.bytes() != b.bytes() ? a.bytes() > b.bytes() : a.firstPacket < b.firstPacket;
}

bool isClosed(const ConversationTable::Conv &c)
{
    const bool bothFin = (c.flags & OrigFin) && (c.flags & RespFin);
    return c.proto == 6 && (bothFin || (c.flags & (OrigRst | RespRst)));
}

// The key's hash from its addresses as words (two per address, zero-padded
// for IPv4), ports, protocol and family: multiply-xorshift rounds. KeyHash
// and hintHash() both come here, so that they always agree.
inline uint64_t mixKey(const uint64_t (&w)[4], uint16_t pa, uint16_t pb, uint8_t proto, uint8_t family)
{
    uint64_t h = (uint64_t(pa) << 48) ^ (uint64_t(pb) << 32) ^ (uint64_t(proto) << 8) ^ family;
    for (uint64_t x : w) {
        h = (h ^ x) * 0x9e3779b97f4a7c15ull;
        h ^= h >> 29;
    }
    h *= 0xff51afd7ed558ccdull;
    return h ^ (h >> 32);
}

inline uint64_t load64(const uint8_t *p)
{
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}

inline uint64_t load32(const uint8_t *p)
{
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}

// The packet's own ports as a conversation counts them (0 for protocols
// without ports).
void portsOf(const DecodedPacket &d, uint16_t &sp, uint16_t &dp)
{
    const bool ports = d.l4 == Proto::Tcp || d.l4 == Proto::Udp;
    sp = ports ? d.sport : 0;
    dp = ports ? d.dport : 0;
}
} // namespace

size_t ConversationTable::KeyHash::operator()(const Key &k) const noexcept
{
    uint64_t w[4];
    std::memcpy(&w[0], k.a.bytes, 8);
    std::memcpy(&w[1], k.a.bytes + 8, 8);
    std::memcpy(&w[2], k.b.bytes, 8);
    std::memcpy(&w[3], k.b.bytes + 8, 8);
    return size_t(mixKey(w, k.pa, k.pb, k.proto, k.a.family));
}

bool ConversationTable::hintHash(int linkType, const uint8_t *p, uint32_t caplen, uint64_t &hash)
{
    // The common layouts only, keyed as add() keys them: Ethernet with up to
    // two VLAN tags, or raw IP; IPv4 unfragmented, IPv6 whose first next
    // header is the transport. The addresses are read as words, the way
    // IpAddress holds them (no IpAddress is built: that costs more here
    // than the lookup it speeds up).
    uint32_t at = 0;
    if (linkType == 1) {
        if (caplen < 14)
            return false;
        uint16_t type = uint16_t(p[12] << 8 | p[13]);
        size_t tagBytes = 0;
        if (vlan::walk(ByteView(p + 14, caplen - 14), type, tagBytes, 2, [](uint16_t, size_t) {}) != vlan::Stop::Done)
            return false;
        at = uint32_t(14 + tagBytes);
        if (type != 0x0800 && type != 0x86dd)
            return false;
    } else if (linkType != 101 && linkType != 12 && linkType != 14) {
        return false;
    }
    if (caplen < at + 20)
        return false;
    const uint8_t *ip = p + at;
    uint64_t s0, s1, d0, d1;
    uint8_t proto, family;
    uint32_t l4;
    if ((ip[0] >> 4) == 4) {
        const uint32_t ihl = uint32_t(ip[0] & 0x0f) * 4;
        if (ihl < 20 || (ip[6] & 0x3f) != 0 || ip[7] != 0) // a fragment, or no header
            return false;
        proto = ip[9];
        family = 4;
        s0 = load32(ip + 12);
        d0 = load32(ip + 16);
        s1 = d1 = 0;
        l4 = at + ihl;
    } else if ((ip[0] >> 4) == 6) {
        if (caplen < at + 40)
            return false;
        proto = ip[6];
        if (proto != 6 && proto != 17 && proto != 58)
            return false;
        family = 6;
        s0 = load64(ip + 8);
        s1 = load64(ip + 16);
        d0 = load64(ip + 24);
        d1 = load64(ip + 32);
        l4 = at + 40;
    } else {
        return false;
    }
    uint16_t sp = 0, dp = 0;
    if (proto == 6 || proto == 17) {
        if (caplen < l4 + 4)
            return false;
        sp = uint16_t(p[l4] << 8 | p[l4 + 1]);
        dp = uint16_t(p[l4 + 2] << 8 | p[l4 + 3]);
    }
    // IpAddress' order: the words compared as big-endian numbers.
    const uint64_t bs0 = __builtin_bswap64(s0), bd0 = __builtin_bswap64(d0);
    const uint64_t bs1 = __builtin_bswap64(s1), bd1 = __builtin_bswap64(d1);
    const bool srcFirst = bs0 != bd0 ? bs0 < bd0 : bs1 != bd1 ? bs1 < bd1 : sp <= dp;
    const uint64_t w[4] = {srcFirst ? s0 : d0, srcFirst ? s1 : d1, srcFirst ? d0 : s0, srcFirst ? d1 : s1};
    hash = mixKey(w, srcFirst ? sp : dp, srcFirst ? dp : sp, proto, family);
    return true;
}

ConversationTable::ConversationTable(size_t maxFlows, int64_t idleTimeoutNs, size_t keepFinished)
    : m_max(maxFlows), m_idleNs(idleTimeoutNs), m_keepFinished(keepFinished)
{
}

bool ConversationTable::keyOf(const DecodedPacket &d, Key &k)
{
    if (!d.src.isValid() || (d.fragment && !d.reassembled))
        return false;
    if ((d.l4 == Proto::Tcp || d.l4 == Proto::Udp) && d.malformed && d.malformedAt == d.l4)
        return false;
    uint16_t sp, dp;
    portsOf(d, sp, dp);
    const bool srcFirst = d.src < d.dst || (d.src == d.dst && sp <= dp);
    k.proto = d.ipProto;
    // Word by word: the lookup reads the key back that way right away.
    k.a.setFrom(srcFirst ? d.src : d.dst);
    k.b.setFrom(srcFirst ? d.dst : d.src);
    k.pa = srcFirst ? sp : dp;
    k.pb = srcFirst ? dp : sp;
    return true;
}

ConversationTable::Conv *ConversationTable::add(const PacketContext &pc, bool &fromOrigOut, bool &isNew)
{
    const DecodedPacket &d = *pc.d;
    Key k;
    if (!keyOf(d, k))
        return nullptr;
    const uint8_t proto = k.proto;
    uint16_t sp, dp;
    portsOf(d, sp, dp);

    if (!m_swept) {
        m_swept = true;
        m_lastSweepNs = pc.tsNs;
    } else if (pc.tsNs - m_lastSweepNs > kSweepIntervalNs) {
        m_lastSweepNs = pc.tsNs;
        sweep(pc.tsNs, false);
    }
    const uint64_t hash = KeyHash{}(k);
    Conv *found = m_table.find(k, hash);
    isNew = found == nullptr;
    if (isNew) {
        if (m_table.size() >= m_max) {
            sweep(pc.tsNs, true);
        }
        // Filled in place (the entry comes value-initialized): a Conv built
        // aside and copied in stalls the copy's wide loads on its narrow stores.
        found = m_table.tryEmplace(k, hash).first;
        Conv &c = *found;
        c.proto = proto;
        // A SYN-ACK seen first means the other side opened the connection.
        const bool flip = d.l4 == Proto::Tcp && (d.tcpFlags & (kSyn | kAck)) == (kSyn | kAck);
        c.orig = flip ? d.dst : d.src;
        c.resp = flip ? d.src : d.dst;
        c.origPort = flip ? dp : sp;
        c.respPort = flip ? sp : dp;
        c.firstNs = c.lastNs = pc.tsNs;
        c.firstPacket = pc.number;
        ++m_total;
    }
    Conv &c = *found;
    const bool fromOrig = d.src == c.orig && sp == c.origPort;
    fromOrigOut = fromOrig;
    if (fromOrig) {
        c.origPackets++;
        c.origBytes += pc.len;
    } else {
        c.respPackets++;
        c.respBytes += pc.len;
    }
    if (pc.tsNs > c.lastNs)
        c.lastNs = pc.tsNs;
    if (pc.tsNs < c.firstNs)
        c.firstNs = pc.tsNs;
    if (d.l4 == Proto::Tcp) {
        const uint8_t f = d.tcpFlags;
        if (d.payloadLen > 0)
            c.flags |= fromOrig ? OrigData : RespData;
        if (fromOrig) {
            if ((f & kSyn) && !(f & kAck))
                c.flags |= OrigSyn;
            if ((f & kAck) && !(f & kSyn))
                c.flags |= OrigAck;
            if (f == 0 || f == kFin || ((f & 0x29) == 0x29 && !(f & (kSyn | kAck)))) // NULL, FIN, XMAS
                c.flags |= OrigStealth;
            if (f & kFin)
                c.flags |= OrigFin;
            if (f & kRst)
                c.flags |= OrigRst;
        } else {
            if ((f & kSyn) && (f & kAck))
                c.flags |= RespSynAck;
            else if (f & kSyn)
                c.flags |= RespSynOnly;
            if (f & kFin)
                c.flags |= RespFin;
            if (f & kRst)
                c.flags |= RespRst;
        }
    }
    return &c;
}

void ConversationTable::closeAll()
{
    m_table.forEach([this](const Key &, const Conv &c) { retire(c); });
    m_retireHook = {};
    m_prefetchHook = {};
    m_table = DenseHashMap<Key, Conv>();
}

void ConversationTable::retire(const Conv &c)
{
    m_retiredStates[connState(c)]++;
    if (m_retireHook)
        m_retireHook(c);
    if (m_keepFinished == 0)
        return;
    if (m_finished.size() < m_keepFinished) {
        m_finished.push_back(c);
        std::push_heap(m_finished.begin(), m_finished.end(), ranksBefore);
    } else if (ranksBefore(c, m_finished.front())) {
        std::pop_heap(m_finished.begin(), m_finished.end(), ranksBefore);
        m_finished.back() = c;
        std::push_heap(m_finished.begin(), m_finished.end(), ranksBefore);
    }
}

void ConversationTable::retireCollected()
{
    // The hooks touch other tables at random (endpoints, detector state): a
    // batch lets each be asked for a few conversations ahead.
    constexpr size_t kSlotsAhead = 8, kEntriesAhead = 4;
    const size_t n = m_collected.size();
    if (m_prefetchHook)
        for (size_t i = 0; i < std::min(n, kSlotsAhead); ++i)
            m_prefetchHook(*m_collected[i], 0);
    for (size_t i = 0; i < n; ++i) {
        if (m_prefetchHook) {
            if (i + kSlotsAhead < n)
                m_prefetchHook(*m_collected[i + kSlotsAhead], 0);
            if (i + kEntriesAhead < n)
                m_prefetchHook(*m_collected[i + kEntriesAhead], 1);
        }
        retire(*m_collected[i]);
    }
    m_collected.clear();
}

void ConversationTable::sweep(int64_t nowNs, bool force)
{
    // One pass retires idle and finished flows and notes the survivors' ages.
    // (An erased conversation stays readable until the next insertion: they
    // are retired in the order erased, a batch at a time during the pass,
    // while the pass has just brought them into cache.)
    constexpr size_t kRetireBatch = 32;
    std::vector<int64_t> last;
    if (force)
        last.reserve(m_table.size());
    m_table.eraseIf([&](const Key &, const Conv &c) {
        // Like Zeek: UDP and ICMP "connections" go idle after a minute.
        const int64_t timeout = c.proto == 6 ? m_idleNs : std::min<int64_t>(m_idleNs, kUdpIdleNs);
        const bool idle = nowNs - c.lastNs > timeout;
        const bool closed = isClosed(c) && nowNs - c.lastNs > kClosedLingerNs;
        if (idle || closed) {
            m_collected.push_back(&c);
            if (m_collected.size() >= kRetireBatch)
                retireCollected();
            return true;
        }
        if (force)
            last.push_back(c.lastNs);
        return false;
    });
    retireCollected();
    // A burst (a flood's half-open connections) retired: its memory goes back.
    if (m_table.compactIfSparse(kCompactFrom)) {
        if (m_compactHook)
            m_compactHook();
        giveBackFreeMemory();
    }
    if (!force || m_table.size() < m_max * 3 / 4)
        return;
    // Still nearly full: retire the stalest half (their later packets start new flows).
    auto mid = last.begin() + long(last.size() / 2);
    std::nth_element(last.begin(), mid, last.end());
    const int64_t cut = *mid;
    m_table.eraseIf([&](const Key &, const Conv &c) {
        if (c.lastNs > cut)
            return false;
        m_collected.push_back(&c);
        ++m_forcedEvictions;
        if (m_collected.size() >= kRetireBatch)
            retireCollected();
        return true;
    });
    retireCollected();
}

std::vector<Conversation> ConversationTable::top(int limit) const
{
    std::vector<const Conv *> all;
    all.reserve(m_table.size() + m_finished.size());
    forEach([&all](const Conv &c) { all.push_back(&c); });
    const size_t k = std::min(all.size(), size_t(limit));
    std::partial_sort(all.begin(), all.begin() + long(k), all.end(),
                      [](const Conv *a, const Conv *b) { return ranksBefore(*a, *b); });
    std::vector<Conversation> out;
    out.reserve(k);
    for (size_t i = 0; i < k; ++i) {
        const Conv &c = *all[i];
        Conversation r;
        switch (c.proto) {
        case 6: r.proto = QStringLiteral("tcp"); break;
        case 17: r.proto = QStringLiteral("udp"); break;
        case 1: r.proto = QStringLiteral("icmp"); break;
        case 58: r.proto = QStringLiteral("icmpv6"); break;
        default: r.proto = QString::number(c.proto); break;
        }
        r.src = QString::fromStdString(c.orig.toString());
        r.sport = c.origPort;
        r.dst = QString::fromStdString(c.resp.toString());
        r.dport = c.respPort;
        r.packets = qint64(c.packets());
        r.bytes = qint64(c.bytes());
        r.packetsSrc = qint64(c.origPackets);
        r.packetsDst = qint64(c.respPackets);
        r.bytesSrc = qint64(c.origBytes);
        r.bytesDst = qint64(c.respBytes);
        r.firstNs = c.firstNs;
        r.lastNs = c.lastNs;
        r.state = QString::fromLatin1(connStateName(connState(c)));
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<NamedCount> ConversationTable::stateCounts() const
{
    uint64_t counts[ConnStateCount];
    std::copy(std::begin(m_retiredStates), std::end(m_retiredStates), counts);
    m_table.forEach([&counts](const Key &, const Conv &c) { counts[connState(c)]++; });
    std::vector<NamedCount> out;
    for (int i = 0; i < ConnStateCount; ++i)
        if (counts[i])
            out.push_back({QString::fromLatin1(connStateName(ConnState(i))), qint64(counts[i])});
    return out;
}

} // namespace packetlens
