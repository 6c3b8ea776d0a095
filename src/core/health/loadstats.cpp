// SPDX-License-Identifier: GPL-3.0-or-later
#include "loadstats.h"

#include <algorithm>

namespace packetlens {

namespace {
constexpr int64_t kSecond = 1000000000;
constexpr size_t kFastestKept = 10;

int64_t secondOf(int64_t ns)
{
    return ns >= 0 ? ns / kSecond : -((-ns + kSecond - 1) / kSecond);
}

QString protoName(uint8_t p)
{
    switch (p) {
    case 6: return QStringLiteral("tcp");
    case 17: return QStringLiteral("udp");
    case 1: return QStringLiteral("icmp");
    case 58: return QStringLiteral("icmpv6");
    default: return QString::number(p);
    }
}

bool isBroadcast(const DecodedPacket &d)
{
    if (d.hasMac)
        return macToInt(d.dstMac) == 0xffffffffffffull;
    static const uint8_t all[4] = {255, 255, 255, 255};
    return d.dst.family == 4 && d.dst == IpAddress::v4(all);
}

bool isMulticast(const DecodedPacket &d)
{
    if (d.hasMac)
        return (d.dstMac[0] & 1) && !isBroadcast(d);
    return (d.dst.family == 4 && (d.dst.bytes[0] & 0xf0) == 0xe0) || (d.dst.family == 6 && d.dst.bytes[0] == 0xff);
}
} // namespace

LoadStats::LoadStats() : m_slots(kSlots) {}

void LoadStats::HostLoad::close()
{
    if (secondBytes > peakBytes) {
        peakBytes = secondBytes;
        peakBytesPackets = secondPackets;
        peakSecond = second;
    }
    peakPackets = std::max(peakPackets, secondPackets);
    secondBytes = secondPackets = 0;
}

void LoadStats::addToHost(const IpAddress &ip, uint64_t hash, uint64_t bytes, uint64_t packets)
{
    HostLoad *found = m_hosts.find(ip, hash);
    if (!found) {
        if (m_hosts.size() >= kMaxHosts)
            return;
        found = m_hosts.tryEmplace(ip, hash).first;
    }
    HostLoad &h = *found;
    if (h.second != m_second) {
        h.close();
        h.second = m_second;
    }
    h.bytes += bytes;
    h.packets += packets;
    h.secondBytes += bytes;
    h.secondPackets += packets;
}

void LoadStats::flush(Slot &s)
{
    addToHost(s.a, s.hashA, s.bytes, s.packets);
    if (!(s.b == s.a))
        addToHost(s.b, s.hashB, s.bytes, s.packets);
    s = Slot{};
}

void LoadStats::startSecond(int64_t second)
{
    // The second's conversations reach their hosts, each host's slot and
    // entry asked of memory a few conversations ahead.
    constexpr size_t kAhead = 8;
    for (size_t k = 0; k < m_used.size(); ++k) {
        if (k + 2 * kAhead < m_used.size()) {
            const Slot &far = m_slots[m_used[k + 2 * kAhead]];
            m_hosts.prefetchSlot(far.hashA);
            m_hosts.prefetchSlot(far.hashB);
        }
        if (k + kAhead < m_used.size()) {
            const Slot &near = m_slots[m_used[k + kAhead]];
            m_hosts.prefetchEntry(near.hashA);
            m_hosts.prefetchEntry(near.hashB);
        }
        if (m_slots[m_used[k]].convId)
            flush(m_slots[m_used[k]]);
    }
    m_used.clear();
    if (m_any && m_secondBytes > m_peakBytes) {
        m_peakBytes = m_secondBytes;
        m_peakPackets = m_secondPackets;
        m_peakSecond = m_second;
    }
    m_any = true;
    m_second = second;
    m_secondBytes = m_secondPackets = 0;
}

bool LoadStats::add(const PacketContext &pc)
{
    const int64_t second = secondOf(pc.tsNs);
    if (second != m_second)
        startSecond(second);
    ++m_packets;
    ++m_secondPackets;
    m_secondBytes += pc.len;
    const DecodedPacket &d = *pc.d;
    bool everyone = true;
    if (isBroadcast(d)) {
        ++m_bcastPackets;
        m_bcastBytes += pc.len;
    } else if (isMulticast(d)) {
        ++m_mcastPackets;
        m_mcastBytes += pc.len;
    } else {
        everyone = false;
    }
    if (pc.conversationId)
        addToSlot(pc);
    return everyone;
}

void LoadStats::addToSlot(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    Slot &s = m_slots[(pc.conversationId * 0x9e3779b97f4a7c15ull) >> 52]; // 12 bits: kSlots
    if (s.convId != pc.conversationId) {
        if (s.convId)
            flush(s);
        else
            m_used.push_back(uint32_t(&s - m_slots.data()));
        s.convId = pc.conversationId;
        s.a = d.src;
        s.b = d.dst;
        s.hashA = d.src.hash();
        s.hashB = d.dst.hash();
    }
    s.bytes += pc.len;
    ++s.packets;
}

void LoadStats::retire(const Conv &c)
{
    const double active = double(c.lastNs - c.firstNs) / 1e9;
    if (active < 1.0)
        return; // a rate over less than a second says little
    const double rate = double(c.bytes()) / active;
    if (m_fastest.size() >= kFastestKept && rate <= m_fastest.back().bytesPerS)
        return;
    m_fastest.push_back({protoName(c.proto), QString::fromStdString(c.orig.toString()), QString::fromStdString(c.resp.toString()),
                         c.origPort, c.respPort, qint64(c.bytes()), active, rate});
    std::sort(m_fastest.begin(), m_fastest.end(), [](const ConversationRate &a, const ConversationRate &b) {
        return a.bytesPerS != b.bytesPerS ? a.bytesPerS > b.bytesPerS : a.src + a.dst < b.src + b.dst;
    });
    if (m_fastest.size() > kFastestKept)
        m_fastest.pop_back();
}

void LoadStats::finish()
{
    if (!m_any)
        return;
    const int64_t last = m_second;
    startSecond(last); // flushes the last second's conversations, closes the capture's second
    m_hosts.forEach([](const IpAddress &, HostLoad &h) { h.close(); });
}

LoadSection LoadStats::section(int topN) const
{
    LoadSection s;
    if (m_any) {
        s.peakNs = m_peakSecond * kSecond;
        s.peakBytes = qint64(m_peakBytes);
        s.peakPackets = qint64(m_peakPackets);
    }
    std::vector<std::pair<IpAddress, const HostLoad *>> hosts;
    hosts.reserve(m_hosts.size());
    m_hosts.forEach([&hosts](const IpAddress &ip, const HostLoad &h) { hosts.emplace_back(ip, &h); });
    const size_t n = std::min(hosts.size(), size_t(std::max(topN, 0)));
    std::partial_sort(hosts.begin(), hosts.begin() + long(n), hosts.end(), [](const auto &a, const auto &b) {
        return a.second->bytes != b.second->bytes ? a.second->bytes > b.second->bytes : a.first < b.first;
    });
    for (size_t i = 0; i < n; ++i) {
        const HostLoad &h = *hosts[i].second;
        s.topTalkers.push_back({QString::fromStdString(hosts[i].first.toString()), qint64(h.packets), qint64(h.bytes),
                                h.peakSecond * kSecond, qint64(h.peakPackets), qint64(h.peakBytes)});
    }
    s.fastestConversations = m_fastest;
    s.broadcastPackets = qint64(m_bcastPackets);
    s.broadcastBytes = qint64(m_bcastBytes);
    s.multicastPackets = qint64(m_mcastPackets);
    s.multicastBytes = qint64(m_mcastBytes);
    s.broadcastShare = m_packets ? double(m_bcastPackets) / double(m_packets) : 0;
    s.multicastShare = m_packets ? double(m_mcastPackets) / double(m_packets) : 0;
    return s;
}

} // namespace packetlens
