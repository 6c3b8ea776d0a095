// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboarddata.h"

#include "core/decode/protocols.h"

#include <algorithm>

namespace packetlens::gui {

void DashboardData::add(const PacketRecord &r, const QVector<bool> &addressIsIp)
{
    protoPackets[r.proto]++;
    const qint64 second = r.tsNs / 1000000000;
    if (second != m_second) {
        flush();
        m_second = second;
    }
    m_secondPackets++;
    m_secondBytes += r.len;
    if (addressBytes.size() < size_t(addressIsIp.size()) + 1)
        addressBytes.resize(size_t(addressIsIp.size()) + 1);
    if (r.src && r.src <= uint32_t(addressIsIp.size()) && addressIsIp[r.src - 1])
        addressBytes[r.src] += r.len;
    if (r.dst && r.dst != r.src && r.dst <= uint32_t(addressIsIp.size()) && addressIsIp[r.dst - 1])
        addressBytes[r.dst] += r.len;
}

void DashboardData::flush()
{
    if (m_secondPackets) {
        auto &slot = perSecond[m_second];
        slot.first += m_secondPackets;
        slot.second += m_secondBytes;
    }
    m_secondPackets = m_secondBytes = 0;
}

std::vector<std::pair<QString, quint64>> DashboardData::protocolCounts() const
{
    std::vector<std::pair<QString, quint64>> out;
    for (int p = 0; p < 256; ++p)
        if (protoPackets[size_t(p)])
            out.emplace_back(p < kProtoCount ? QString::fromLatin1(protoName(Proto(p))) : QStringLiteral("other"), protoPackets[size_t(p)]);
    std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    return out;
}

DashboardInput DashboardData::input(const QStringList &addresses, int topTalkers, int maxPoints) const
{
    DashboardInput in;
    in.protocols = protocolCounts();
    if (!perSecond.isEmpty()) {
        // At most maxPoints buckets; every bucket, empty ones as zero (quiet
        // periods show as gaps, not as lines drawn across them).
        const qint64 first = perSecond.firstKey(), last = perSecond.lastKey();
        const qint64 bucket = std::max<qint64>(1, (last - first + maxPoints) / maxPoints);
        QMap<qint64, QPair<double, double>> buckets;
        for (auto it = perSecond.cbegin(); it != perSecond.cend(); ++it) {
            auto &b = buckets[first + (it.key() - first) / bucket * bucket];
            b.first += double(it.value().first) / double(bucket);
            b.second += double(it.value().second) / double(bucket);
        }
        for (qint64 b = first; b <= last; b += bucket)
            in.traffic.push_back({b * 1000, buckets.value(b).first, buckets.value(b).second});
    }
    std::vector<std::pair<quint64, uint32_t>> top;
    for (size_t i = 1; i < addressBytes.size(); ++i)
        if (addressBytes[i])
            top.emplace_back(addressBytes[i], uint32_t(i));
    const size_t n = std::min<size_t>(size_t(topTalkers), top.size());
    std::partial_sort(top.begin(), top.begin() + qsizetype(n), top.end(), std::greater<>());
    for (size_t i = 0; i < n; ++i)
        if (top[i].second <= uint32_t(addresses.size()))
            in.talkers.emplace_back(addresses[top[i].second - 1], top[i].first);
    return in;
}

DashboardInput DashboardData::input(const Report &report, int topTalkers) const
{
    DashboardInput in;
    in.fromReport = true;
    in.protocols = protocolCounts();
    const double bucketS = report.timeline.bucketS > 0 ? report.timeline.bucketS : 1.0;
    for (const TimelinePoint &p : report.timeline.points)
        in.traffic.push_back({p.tNs / 1000000, double(p.packets) / bucketS, double(p.bytes) / bucketS});
    for (const Endpoint &e : report.endpoints) { // largest first already
        if (int(in.talkers.size()) >= topTalkers)
            break;
        in.talkers.emplace_back(e.ip, quint64(e.bytesSent + e.bytesReceived));
    }
    in.suspicious = report.detection.suspiciousIps;
    for (const ReportFinding &f : report.findings())
        if (!f.source.isEmpty() && f.source.count(QLatin1Char(':')) == 5 && f.source.size() == 17)
            in.suspiciousHadMacSources = true;
    return in;
}

} // namespace packetlens::gui
