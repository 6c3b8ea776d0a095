// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../report/healthsection.h"

namespace packetlens {

// Failure rows, most failures first (ties by subject), at most `cap` of them;
// each row's counts by name.
void sortFailures(std::vector<FailureCount> &rows, int cap);
// Counts ordered by name, as the report's JSON objects hold them (so that a
// section read back equals the one written).
void sortByName(NamedCounts &counts);
qint64 failureTotal(const FailureCount &row);

} // namespace packetlens
