// SPDX-License-Identifier: GPL-3.0-or-later
#include "anomalylog.h"

namespace packetlens {

void AnomalyLog::note(const QString &kind, const QString &protocol, const QString &detail, uint64_t packet)
{
    Entry &e = m_entries[{kind, protocol, detail}];
    e.count++;
    if (int(e.packets.size()) < m_maxRefs)
        e.packets.push_back(packet);
}

void AnomalyLog::add(PacketContext &pc)
{
    PacketAnomalies a = packetAnomalies(*pc.d, pc.linkType);
    if (m_started && pc.tsNs < m_lastTs)
        a.kinds |= AnomalyTimestampOutOfOrder;
    if (!m_started || pc.tsNs > m_lastTs)
        m_lastTs = pc.tsNs;
    m_started = true;
    if (!a.any())
        return;
    pc.expert.anomalies = a;
    for (const AnomalyText &t : anomalyTexts(a))
        note(t.kind, t.protocol, t.detail, pc.number);
}

std::vector<Anomaly> AnomalyLog::entries() const
{
    std::vector<Anomaly> out;
    for (const auto &[key, e] : m_entries) {
        Anomaly a{std::get<0>(key), std::get<1>(key), std::get<2>(key), qint64(e.count), qint64(e.count - e.packets.size()), {}};
        a.packets.assign(e.packets.begin(), e.packets.end());
        out.push_back(std::move(a));
    }
    return out;
}

uint64_t AnomalyLog::count(const QString &kind) const
{
    uint64_t n = 0;
    for (const auto &[key, e] : m_entries)
        if (std::get<0>(key) == kind)
            n += e.count;
    return n;
}

} // namespace packetlens
