// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../flow/packetcontext.h"

#include "../report/report.h"

#include <QString>

#include <map>
#include <tuple>
#include <vector>

namespace packetlens {

// Counts anomalies by (kind, protocol, detail), keeping the first packet
// numbers of each as evidence; each packet's anomalies go with its generated
// fields (PacketContext::expert.anomalies) for the display filter.
class AnomalyLog
{
public:
    explicit AnomalyLog(int maxPacketRefs = 50) : m_maxRefs(maxPacketRefs) {}
    void add(PacketContext &pc);
    void note(const QString &kind, const QString &protocol, const QString &detail, uint64_t packet);
    std::vector<Anomaly> entries() const;
    uint64_t count(const QString &kind) const;

private:
    struct Entry
    {
        uint64_t count = 0;
        std::vector<uint64_t> packets;
    };
    std::map<std::tuple<QString, QString, QString>, Entry> m_entries;
    int m_maxRefs;
    int64_t m_lastTs = 0;
    bool m_started = false;
};

} // namespace packetlens
