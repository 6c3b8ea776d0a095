// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "livetypes.h"

#include "../flow/packetlistener.h"
#include "../util/densehashmap.h"

#include <vector>

namespace packetlens {

// Rides along a live analysis (a listener of the analyzer): packets and
// bytes, and the top talkers by bytes in a bounded table (when it holds
// kMaxTalkers addresses, the smaller half is dropped).
class LiveCounters : public PacketListener
{
public:
    static constexpr size_t kMaxTalkers = 4096;
    void onPacket(const PacketContext &pc) override;
    quint64 packets() const { return m_packets; }
    quint64 bytes() const { return m_bytes; }
    std::vector<TalkerCount> topTalkers(int n) const;

private:
    struct Talker
    {
        quint64 packets = 0, bytes = 0;
    };
    void count(const IpAddress &ip, quint32 len);
    void shrink();
    quint64 m_packets = 0, m_bytes = 0;
    DenseHashMap<IpAddress, Talker> m_talkers;
};

// Summary lines of the first `perSecond` packets of each second of packet
// time, for a live log (the packet list's columns).
class LivePacketLines : public PacketListener
{
public:
    explicit LivePacketLines(int perSecond) : m_perSecond(perSecond) {}
    void onPacket(const PacketContext &pc) override;
    std::vector<LivePacketLine> take();

private:
    int m_perSecond;
    int64_t m_second = INT64_MIN;
    int m_inSecond = 0;
    std::vector<LivePacketLine> m_lines;
};

} // namespace packetlens
