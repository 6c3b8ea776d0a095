// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../report/report.h"

#include <QString>

#include <vector>

namespace packetlens {

// A text as the display filter reads it: in quotes, with \" and \\ escaped.
QString quotedFilterText(const QString &s);

// The display filter that shows every packet of one row of the report's
// Anomalies table (not only the packets the report names): its kind, and
// also its protocol and detail when `rows` has other rows of that kind.
//   packetlens.anomaly == "timestamp_out_of_order"
QString anomalyFilter(const Anomaly &row, const std::vector<Anomaly> &rows);

} // namespace packetlens
