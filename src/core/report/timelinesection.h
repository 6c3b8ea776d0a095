// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "message.h"
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
    Message summaryMessage;      // the summary as a catalogue message ("summary_message")
    bool operator==(const TimelineEvent &) const = default;
};

// An event whose summary is said by a catalogue message (its English in `summary`).
inline TimelineEvent timelineEvent(int64_t tNs, std::optional<int64_t> endNs, const QString &kind, Severity severity, const Message &said,
                                   const QStringList &hosts = {}, const QString &ref = {}, std::vector<qint64> packets = {})
{
    return TimelineEvent{tNs, endNs, kind, severity, renderMessage(said, QStringLiteral("en")), hosts, ref, std::move(packets), said};
}

} // namespace packetlens
