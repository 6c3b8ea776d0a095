// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../report/report.h"

namespace packetlens {

// The report's chronology (`timeline_events`): the capture's start and end,
// what the one pass noticed (first contacts, first queries, new services,
// retransmission bursts, gaps: Chronology), the first occurrence of each
// health item, and each finding's start and end. In time order.

// Adds the capture's start and end and the health items' events to the
// events the pass noticed, and orders them (Analyzer::buildReport).
void addCaptureAndHealthEvents(Report &report);
// Adds each finding's start and end once the detection section is there,
// and orders again (CaptureAnalysis::finish).
void addFindingEvents(Report &report);

} // namespace packetlens
