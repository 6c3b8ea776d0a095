// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../report/report.h"

#include <QHash>
#include <QString>

#include <cstdint>
#include <vector>

namespace packetlens {

// Which findings of a live capture were reported already (each identity
// counted: findingIdentity()), and when the detectors should next be asked.
// Provisional detection works on copies of the detectors; its cost is kept
// to about a tenth of the analysis thread: after an evaluation that took t,
// the next waits at least 9 t.
class LiveFindings
{
public:
    // The findings among `found` (all a report would hold now) not reported
    // before, renumbered L1, L2, … in the order reported.
    std::vector<ReportFinding> fresh(const std::vector<ReportFinding> &found);
    int reported() const { return m_reported; }

    // Whether to evaluate now: packets arrived since the last evaluation,
    // and either a second of packet time went by or the capture is idle;
    // never sooner than the budget allows.
    bool due(int64_t nowMs, int64_t lastPacketNs, bool idle) const;
    void evaluated(int64_t startedMs, int64_t endedMs, int64_t lastPacketNs, uint64_t packets);
    void sawPackets(uint64_t packets) { m_packets = packets; }

private:
    QHash<QString, int> m_counts; // identity -> findings of it reported
    int m_reported = 0;
    uint64_t m_packets = 0, m_evaluatedPackets = 0;
    int64_t m_evaluatedPacketNs = INT64_MIN;
    int64_t m_notBeforeMs = 0;
};

} // namespace packetlens
