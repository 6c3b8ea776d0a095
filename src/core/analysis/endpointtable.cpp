#include "endpointtable.h"

#include "../report/timeformat.h"

#include <QJsonObject>

#include <algorithm>
#include <vector>

namespace packetlens {

EndpointTable::Stats &EndpointTable::touch(const IpAddress &ip, int64_t ts)
{
    auto it = m_table.find(ip);
    if (it == m_table.end()) {
        if (m_table.size() >= m_max)
            evict();
        it = m_table.emplace(ip, Stats{}).first;
        it->second.firstNs = it->second.lastNs = ts;
    }
    Stats &s = it->second;
    if (ts < s.firstNs)
        s.firstNs = ts;
    if (ts > s.lastNs)
        s.lastNs = ts;
    return s;
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

void EndpointTable::evict()
{
    std::vector<uint64_t> totals;
    totals.reserve(m_table.size());
    for (const auto &kv : m_table)
        totals.push_back(kv.second.bytesSent + kv.second.bytesReceived);
    auto q = totals.begin() + long(totals.size() / 2);
    std::nth_element(totals.begin(), q, totals.end());
    const uint64_t cut = *q;
    const size_t target = m_max / 2;
    for (auto it = m_table.begin(); it != m_table.end() && m_table.size() > target;) {
        if (it->second.bytesSent + it->second.bytesReceived <= cut) {
            it = m_table.erase(it);
            ++m_evicted;
        } else {
            ++it;
        }
    }
}

QJsonArray EndpointTable::toJson(int limit, int timeDigits) const
{
    std::vector<std::pair<IpAddress, Stats>> v(m_table.begin(), m_table.end());
    const size_t k = std::min(v.size(), size_t(limit));
    std::partial_sort(v.begin(), v.begin() + long(k), v.end(), [](const auto &a, const auto &b) {
        const uint64_t ta = a.second.bytesSent + a.second.bytesReceived;
        const uint64_t tb = b.second.bytesSent + b.second.bytesReceived;
        return ta != tb ? ta > tb : a.first < b.first;
    });
    QJsonArray out;
    for (size_t i = 0; i < k; ++i) {
        const Stats &s = v[i].second;
        out.append(QJsonObject{{QStringLiteral("ip"), QString::fromStdString(v[i].first.toString())},
                               {QStringLiteral("packets_sent"), qint64(s.packetsSent)},
                               {QStringLiteral("packets_received"), qint64(s.packetsReceived)},
                               {QStringLiteral("bytes_sent"), qint64(s.bytesSent)},
                               {QStringLiteral("bytes_received"), qint64(s.bytesReceived)},
                               {QStringLiteral("first_ts"), isoTimestamp(s.firstNs, timeDigits)},
                               {QStringLiteral("last_ts"), isoTimestamp(s.lastNs, timeDigits)}});
    }
    return out;
}

} // namespace packetlens
