// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../report/report.h"

#include <QString>

namespace packetlens::HtmlHealth {

// The HTML report's "Network health" section: the health items (Expert
// Information), response times and the load, or "" for a report without health.
QString healthSection(const Report &r, bool russian);
// The "Chronology" section: the traffic curve with the timeline events as
// markers (inline SVG) and the ordered list, or "" without timeline events.
QString chronologySection(const Report &r, bool russian);

} // namespace packetlens::HtmlHealth
