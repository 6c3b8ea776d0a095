// SPDX-License-Identifier: GPL-3.0-or-later
#include "livecounters.h"

#include "../inspect/packetsummary.h"

#include <algorithm>

namespace packetlens {

void LiveCounters::onPacket(const PacketContext &pc)
{
    ++m_packets;
    m_bytes += pc.len;
    const DecodedPacket &d = *pc.d;
    if (d.src.isValid())
        count(d.src, pc.len);
    if (d.dst.isValid() && !(d.dst == d.src))
        count(d.dst, pc.len);
}

void LiveCounters::count(const IpAddress &ip, quint32 len)
{
    if (m_talkers.size() >= kMaxTalkers)
        shrink();
    Talker *t = m_talkers.tryEmplace(ip, ip.hash()).first;
    t->packets++;
    t->bytes += len;
}

void LiveCounters::shrink()
{
    std::vector<quint64> bytes;
    bytes.reserve(m_talkers.size());
    m_talkers.forEach([&bytes](const IpAddress &, const Talker &t) { bytes.push_back(t.bytes); });
    auto mid = bytes.begin() + long(bytes.size() / 2);
    std::nth_element(bytes.begin(), mid, bytes.end());
    const quint64 cut = *mid;
    m_talkers.eraseIf([cut](const IpAddress &, const Talker &t) { return t.bytes <= cut; });
}

std::vector<TalkerCount> LiveCounters::topTalkers(int n) const
{
    std::vector<std::pair<IpAddress, Talker>> all;
    all.reserve(m_talkers.size());
    m_talkers.forEach([&all](const IpAddress &ip, const Talker &t) { all.emplace_back(ip, t); });
    const size_t k = std::min(all.size(), size_t(std::max(n, 0)));
    std::partial_sort(all.begin(), all.begin() + long(k), all.end(),
                      [](const auto &a, const auto &b) { return a.second.bytes > b.second.bytes; });
    std::vector<TalkerCount> out;
    for (size_t i = 0; i < k; ++i)
        out.push_back({QString::fromStdString(all[i].first.toString()), all[i].second.packets, all[i].second.bytes});
    return out;
}

void LivePacketLines::onPacket(const PacketContext &pc)
{
    const int64_t second = pc.tsNs / 1000000000;
    if (second != m_second) {
        m_second = second;
        m_inSecond = 0;
    }
    if (m_inSecond >= m_perSecond)
        return;
    ++m_inSecond;
    const DecodedPacket &d = *pc.d;
    m_lines.push_back({pc.number, pc.tsNs, packetSource(d), packetDestination(d), packetProtocolLabel(d), packetInfo(d), pc.len});
}

std::vector<LivePacketLine> LivePacketLines::take()
{
    std::vector<LivePacketLine> out;
    out.swap(m_lines);
    return out;
}

} // namespace packetlens
