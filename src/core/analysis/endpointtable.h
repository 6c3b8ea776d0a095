#pragma once

#include "packetcontext.h"

#include "../util/densehashmap.h"

#include <QJsonArray>

namespace packetlens {

// Per-IP traffic counters. Bounded: past maxEntries the least active half
// is dropped (and the table says it was capped).
class EndpointTable
{
public:
    struct Stats
    {
        uint64_t packetsSent = 0, packetsReceived = 0;
        uint64_t bytesSent = 0, bytesReceived = 0;
        int64_t firstNs = 0, lastNs = 0;
    };

    explicit EndpointTable(size_t maxEntries = 200000) : m_max(maxEntries) {}
    void add(const PacketContext &pc);
    size_t size() const { return m_table.size(); }
    bool capped() const { return m_evicted > 0; }
    uint64_t evicted() const { return m_evicted; }
    // Endpoints by total bytes, at most `limit`.
    QJsonArray toJson(int limit, int timeDigits) const;

private:
    Stats &touch(const IpAddress &ip, int64_t ts);
    void evict();
    DenseHashMap<IpAddress, Stats> m_table;
    size_t m_max;
    uint64_t m_evicted = 0;
};

} // namespace packetlens
