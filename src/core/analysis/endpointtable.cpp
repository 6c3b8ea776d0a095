// SPDX-License-Identifier: GPL-3.0-or-later
#include "endpointtable.h"

#include <algorithm>
#include <vector>

namespace packetlens {

EndpointTable::Stats &EndpointTable::touch(const IpAddress &ip, int64_t ts)
{
    const uint64_t h = ip.hash();
    Stats *s = m_table.find(ip, h);
    if (!s) {
        if (m_table.size() >= m_max)
            evict();
        s = m_table.tryEmplace(ip, h).first;
        s->firstNs = s->lastNs = ts;
    }
    if (ts < s->firstNs)
        s->firstNs = ts;
    if (ts > s->lastNs)
        s->lastNs = ts;
    return *s;
}

void EndpointTable::add(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (!d.src.isValid() || !d.dst.isValid())
        return;
    Stats &s = touch(d.src, pc.tsNs);
    s.packetsSent++;
    s.bytesSent += pc.len;
    Stats &r = touch(d.dst, pc.tsNs);
    r.packetsReceived++;
    r.bytesReceived += pc.len;
}

void EndpointTable::addConversation(const IpAddress &orig, const IpAddress &resp, uint64_t origPackets,
                                    uint64_t origBytes, uint64_t respPackets, uint64_t respBytes, int64_t firstNs,
                                    int64_t lastNs)
{
    if (!orig.isValid() || !resp.isValid())
        return;
    for (const IpAddress *ip : {&orig, &resp}) {
        Stats &s = touch(*ip, firstNs);
        if (lastNs > s.lastNs)
            s.lastNs = lastNs;
        const bool isOrig = ip == &orig;
        s.packetsSent += isOrig ? origPackets : respPackets;
        s.bytesSent += isOrig ? origBytes : respBytes;
        s.packetsReceived += isOrig ? respPackets : origPackets;
        s.bytesReceived += isOrig ? respBytes : origBytes;
    }
}

void EndpointTable::evict()
{
    std::vector<uint64_t> totals;
    totals.reserve(m_table.size());
    m_table.forEach([&totals](const IpAddress &, const Stats &s) { totals.push_back(s.bytesSent + s.bytesReceived); });
    auto q = totals.begin() + long(totals.size() / 2);
    std::nth_element(totals.begin(), q, totals.end());
    const uint64_t cut = *q;
    const size_t target = m_max / 2;
    m_table.eraseIf([&](const IpAddress &, const Stats &s) {
        if (m_table.size() <= target || s.bytesSent + s.bytesReceived > cut)
            return false;
        ++m_evicted;
        return true;
    });
}

std::vector<Endpoint> EndpointTable::top(int limit) const
{
    std::vector<std::pair<IpAddress, Stats>> v;
    v.reserve(m_table.size());
    m_table.forEach([&v](const IpAddress &ip, const Stats &s) { v.emplace_back(ip, s); });
    const size_t k = std::min(v.size(), size_t(limit));
    std::partial_sort(v.begin(), v.begin() + long(k), v.end(), [](const auto &a, const auto &b) {
        const uint64_t ta = a.second.bytesSent + a.second.bytesReceived;
        const uint64_t tb = b.second.bytesSent + b.second.bytesReceived;
        return ta != tb ? ta > tb : a.first < b.first;
    });
    std::vector<Endpoint> out;
    out.reserve(k);
    for (size_t i = 0; i < k; ++i) {
        const Stats &s = v[i].second;
        out.push_back({QString::fromStdString(v[i].first.toString()), qint64(s.packetsSent), qint64(s.packetsReceived),
                       qint64(s.bytesSent), qint64(s.bytesReceived), s.firstNs, s.lastNs});
    }
    return out;
}

} // namespace packetlens
