// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../report/report.h"

#include <QString>

namespace packetlens {

// What stays the same about a finding while a live capture goes on and the
// finding grows (more ports scanned, more hosts swept, a flood's top source
// changing): its category and what the detector keys it by. A live capture
// reports each identity once, as soon as a detector raises it.
QString findingIdentity(const ReportFinding &f);

} // namespace packetlens
