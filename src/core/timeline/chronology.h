// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "addressportset.h"

#include "../flow/packetcontext.h"
#include "../report/timelinesection.h"

#include <string>
#include <unordered_set>
#include <vector>

namespace packetlens {

// What happened when, noticed in the one pass: first contact with each
// external host, the first query for each name, each new service (its first
// SYN-ACK), bursts of TCP retransmissions and the capture's silences. The
// report's timeline (timelinebuilder.h) adds the capture's start and end,
// findings and health items. Bounded: kMaxEventsPerKind events a kind;
// distinct hosts, names and services are remembered up to kMaxSeen each
// (beyond, that kind stops counting what it leaves out).
class Chronology
{
public:
    static constexpr size_t kMaxEventsPerKind = 500;
    static constexpr size_t kMaxSeen = 50000;
    static constexpr size_t kMaxGaps = 20;
    static constexpr int64_t kMinGapNs = 10ll * 1000000000; // at least this, and a fiftieth of the capture
    void add(const PacketContext &pc);
    void finish();
    // Events in no particular order, and kind -> events left out.
    std::vector<TimelineEvent> events(int64_t firstNs, int64_t lastNs) const;
    std::vector<std::pair<QString, qint64>> omitted() const;

private:
    enum Kind { FirstContact, FirstQuery, NewService, Burst, KindCount };
    struct Seen
    {
        std::unordered_set<std::string> names; // FirstQuery
        AddressPortSet addresses;              // FirstContact (port 0), NewService
        uint64_t omitted = 0;
        bool saturated = false;
    };
    bool firstTime(Kind kind, bool inserted, size_t size);
    bool firstTime(Kind kind, const std::string &name);
    bool firstTime(Kind kind, const IpAddress &ip, uint16_t port = 0);
    void contact(const PacketContext &pc);
    void closeSecond();
    void closeBurst();

    Seen m_seen[KindCount];
    std::vector<TimelineEvent> m_events;
    size_t m_kindEvents[KindCount] = {};
    // Silences between packets, the longest kept.
    bool m_started = false;
    int64_t m_lastNs = 0;
    std::vector<std::pair<int64_t, int64_t>> m_silences; // start, end
    // Retransmissions per second; a run of busy seconds is one burst.
    int64_t m_second = INT64_MIN;
    uint64_t m_secondTcp = 0, m_secondRetrans = 0;
    std::vector<uint64_t> m_secondPackets; // the second's first retransmissions
    IpAddress m_secondHosts[4];            // the first senders of them
    int m_secondHostCount = 0;
    TimelineEvent m_burst;
    uint64_t m_burstRetransmissions = 0;
    bool m_inBurst = false;
};

} // namespace packetlens
