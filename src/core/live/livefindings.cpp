// SPDX-License-Identifier: GPL-3.0-or-later
#include "livefindings.h"

#include "../detect/findingidentity.h"

#include <algorithm>

namespace packetlens {

namespace {
constexpr int64_t kSecondNs = 1000000000;
constexpr int64_t kMinGapMs = 250;
constexpr int64_t kBudgetFactor = 9; // wait 9 t after an evaluation of t: about a tenth of the thread
} // namespace

std::vector<ReportFinding> LiveFindings::fresh(const std::vector<ReportFinding> &found)
{
    QHash<QString, int> seen; // this evaluation's findings of each identity
    std::vector<ReportFinding> out;
    for (const ReportFinding &f : found) {
        const QString id = findingIdentity(f);
        const int n = ++seen[id];
        int &reported = m_counts[id];
        if (n <= reported)
            continue;
        reported = n;
        out.push_back(f);
        out.back().id = QStringLiteral("L%1").arg(++m_reported);
    }
    return out;
}

bool LiveFindings::due(int64_t nowMs, int64_t lastPacketNs, bool idle) const
{
    if (m_packets == m_evaluatedPackets || nowMs < m_notBeforeMs)
        return false;
    return idle || m_evaluatedPacketNs == INT64_MIN || lastPacketNs - m_evaluatedPacketNs >= kSecondNs;
}

void LiveFindings::evaluated(int64_t startedMs, int64_t endedMs, int64_t lastPacketNs, uint64_t packets)
{
    m_evaluatedPackets = packets;
    m_evaluatedPacketNs = lastPacketNs;
    m_notBeforeMs = endedMs + std::max(kMinGapMs, (endedMs - startedMs) * kBudgetFactor);
}

} // namespace packetlens
