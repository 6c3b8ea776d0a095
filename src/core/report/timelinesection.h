// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "severity.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace packetlens {

// One entry of the report's `timeline_events` (docs/report-schema.md): what
// happened when, in one ordered list.
struct TimelineEvent
{
    int64_t tNs = 0;
    std::optional<int64_t> endNs; // for spans (a gap in the capture)
    QString kind;     // capture_start, capture_end, capture_gap, finding_start, finding_end,
                      // first_contact, first_query, new_service, retransmission_burst, health
    Severity severity = Severity::Info;
    QString summary;
    QStringList hosts;  // the IP addresses it concerns
    QString ref;        // a finding's id ("F3") or a health item's kind
    std::vector<qint64> packets; // the packets that show it (the earliest ones)
    bool operator==(const TimelineEvent &) const = default;
};

} // namespace packetlens
