#include "conversationtable.h"

#include "../report/timeformat.h"

#include <algorithm>

namespace packetlens {

namespace {
constexpr uint8_t kSyn = 0x02, kFin = 0x01, kRst = 0x04, kAck = 0x10;
constexpr uint64_t kSweepEvery = 1 << 16;

bool byBytesGreater(const ConversationTable::Conv &a, const ConversationTable::Conv &b)
{
    return a.bytes() > b.bytes();
}

bool isClosed(const ConversationTable::Conv &c)
{
    using T = ConversationTable;
    const bool bothFin = (c.flags & T::OrigFin) && (c.flags & T::RespFin);
    return c.proto == 6 && (bothFin || (c.flags & (T::OrigRst | T::RespRst)));
}
} // namespace

size_t ConversationTable::KeyHash::operator()(const Key &k) const noexcept
{
    uint64_t h = k.a.hash() * 31 + k.b.hash();
    h ^= (uint64_t(k.pa) << 24) ^ (uint64_t(k.pb) << 8) ^ k.proto;
    h *= 0x9e3779b97f4a7c15ull;
    return size_t(h ^ (h >> 29));
}

ConversationTable::ConversationTable(size_t maxFlows, int64_t idleTimeoutNs, size_t keepFinished)
    : m_max(maxFlows), m_idleNs(idleTimeoutNs), m_keepFinished(keepFinished)
{
}

void ConversationTable::add(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (!d.src.isValid() || (d.fragment && !d.reassembled))
        return;
    uint16_t sp = 0, dp = 0;
    uint8_t proto = d.ipProto;
    if (d.l4 == Proto::Tcp || d.l4 == Proto::Udp) {
        if (d.malformed && d.malformedAt == d.l4)
            return;
        sp = d.sport;
        dp = d.dport;
    }
    Key k;
    const bool srcFirst = d.src < d.dst || (d.src == d.dst && sp <= dp);
    k.proto = proto;
    k.a = srcFirst ? d.src : d.dst;
    k.b = srcFirst ? d.dst : d.src;
    k.pa = srcFirst ? sp : dp;
    k.pb = srcFirst ? dp : sp;

    if (++m_sinceSweep >= kSweepEvery) {
        m_sinceSweep = 0;
        sweep(pc.tsNs, false);
    }
    auto it = m_table.find(k);
    if (it == m_table.end()) {
        if (m_table.size() >= m_max) {
            sweep(pc.tsNs, true);
        }
        Conv c;
        c.proto = proto;
        // A SYN-ACK seen first means the other side opened the connection.
        const bool flip = d.l4 == Proto::Tcp && (d.tcpFlags & (kSyn | kAck)) == (kSyn | kAck);
        c.orig = flip ? d.dst : d.src;
        c.resp = flip ? d.src : d.dst;
        c.origPort = flip ? dp : sp;
        c.respPort = flip ? sp : dp;
        c.firstNs = c.lastNs = pc.tsNs;
        c.firstPacket = pc.number;
        it = m_table.emplace(k, c).first;
        ++m_total;
    }
    Conv &c = it->second;
    const bool fromOrig = d.src == c.orig && sp == c.origPort;
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
        if (fromOrig) {
            if ((f & kSyn) && !(f & kAck))
                c.flags |= OrigSyn;
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
}

QString ConversationTable::connState(const Conv &c)
{
    if (c.proto != 6)
        return c.respPackets ? QStringLiteral("SF") : QStringLiteral("S0");
    const uint16_t f = c.flags;
    const bool syn = f & OrigSyn, synAck = f & RespSynAck;
    if (syn && synAck) {
        if (f & OrigRst)
            return QStringLiteral("RSTO");
        if (f & RespRst)
            return QStringLiteral("RSTR");
        if ((f & OrigFin) && (f & RespFin))
            return QStringLiteral("SF");
        if (f & OrigFin)
            return QStringLiteral("S2");
        if (f & RespFin)
            return QStringLiteral("S3");
        return QStringLiteral("S1");
    }
    if (syn) {
        if (f & RespRst)
            return QStringLiteral("REJ");
        if (f & OrigRst)
            return QStringLiteral("RSTOS0");
        if (f & OrigFin)
            return QStringLiteral("SH");
        return c.respPackets ? QStringLiteral("OTH") : QStringLiteral("S0");
    }
    if (synAck) {
        if (f & RespRst)
            return QStringLiteral("RSTRH");
        if (f & RespFin)
            return QStringLiteral("SHR");
    }
    return QStringLiteral("OTH");
}

void ConversationTable::retire(const Conv &c)
{
    m_retiredStates[connState(c)]++;
    if (m_keepFinished == 0)
        return;
    if (m_finished.size() < m_keepFinished) {
        m_finished.push_back(c);
        std::push_heap(m_finished.begin(), m_finished.end(), byBytesGreater);
    } else if (c.bytes() > m_finished.front().bytes()) {
        std::pop_heap(m_finished.begin(), m_finished.end(), byBytesGreater);
        m_finished.back() = c;
        std::push_heap(m_finished.begin(), m_finished.end(), byBytesGreater);
    }
}

void ConversationTable::sweep(int64_t nowNs, bool force)
{
    for (auto it = m_table.begin(); it != m_table.end();) {
        const Conv &c = it->second;
        const bool idle = nowNs - c.lastNs > m_idleNs;
        const bool closed = isClosed(c) && nowNs - c.lastNs > 5ll * 1000000000;
        if (idle || closed) {
            retire(c);
            it = m_table.erase(it);
        } else {
            ++it;
        }
    }
    if (!force || m_table.size() < m_max)
        return;
    // Still full: retire the stalest quarter (their later packets start new flows).
    std::vector<int64_t> last;
    last.reserve(m_table.size());
    for (const auto &kv : m_table)
        last.push_back(kv.second.lastNs);
    auto q = last.begin() + long(last.size() / 4);
    std::nth_element(last.begin(), q, last.end());
    const int64_t cut = *q;
    for (auto it = m_table.begin(); it != m_table.end();) {
        if (it->second.lastNs <= cut) {
            retire(it->second);
            it = m_table.erase(it);
            ++m_forcedEvictions;
        } else {
            ++it;
        }
    }
}

QJsonArray ConversationTable::toJson(int limit, int timeDigits) const
{
    std::vector<const Conv *> all;
    all.reserve(m_table.size() + m_finished.size());
    forEach([&all](const Conv &c) { all.push_back(&c); });
    const size_t k = std::min(all.size(), size_t(limit));
    std::partial_sort(all.begin(), all.begin() + long(k), all.end(), [](const Conv *a, const Conv *b) {
        return a->bytes() != b->bytes() ? a->bytes() > b->bytes() : a->firstPacket < b->firstPacket;
    });
    QJsonArray out;
    for (size_t i = 0; i < k; ++i) {
        const Conv &c = *all[i];
        QString proto;
        switch (c.proto) {
        case 6: proto = QStringLiteral("tcp"); break;
        case 17: proto = QStringLiteral("udp"); break;
        case 1: proto = QStringLiteral("icmp"); break;
        case 58: proto = QStringLiteral("icmpv6"); break;
        default: proto = QString::number(c.proto); break;
        }
        out.append(QJsonObject{{QStringLiteral("proto"), proto},
                               {QStringLiteral("src"), QString::fromStdString(c.orig.toString())},
                               {QStringLiteral("sport"), c.origPort},
                               {QStringLiteral("dst"), QString::fromStdString(c.resp.toString())},
                               {QStringLiteral("dport"), c.respPort},
                               {QStringLiteral("packets"), qint64(c.packets())},
                               {QStringLiteral("bytes"), qint64(c.bytes())},
                               {QStringLiteral("packets_src"), qint64(c.origPackets)},
                               {QStringLiteral("packets_dst"), qint64(c.respPackets)},
                               {QStringLiteral("bytes_src"), qint64(c.origBytes)},
                               {QStringLiteral("bytes_dst"), qint64(c.respBytes)},
                               {QStringLiteral("first_ts"), isoTimestamp(c.firstNs, timeDigits)},
                               {QStringLiteral("last_ts"), isoTimestamp(c.lastNs, timeDigits)},
                               {QStringLiteral("state"), connState(c)}});
    }
    return out;
}

QJsonObject ConversationTable::stateCounts() const
{
    std::map<QString, uint64_t> counts = m_retiredStates;
    for (const auto &kv : m_table)
        counts[connState(kv.second)]++;
    QJsonObject out;
    for (const auto &kv : counts)
        out.insert(kv.first, qint64(kv.second));
    return out;
}

} // namespace packetlens
