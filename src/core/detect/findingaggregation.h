// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "finding.h"

#include <map>
#include <vector>

namespace packetlens {

// Turns the detectors' findings into the list an analyst reads: one finding
// per source and category (its destinations listed, worst first, with the
// total), ranked worst first, and at most `perCategory` findings of a category
// (the rest counted in `omitted`). Findings about a victim (floods, DDoS) and
// findings with no known source stay one per target. The report's size then
// grows with the number of distinct sources, not with packets or destinations.
struct FindingLimits
{
    size_t perCategory = 100;
    size_t destinationsListed = 50;
};

std::vector<Finding> aggregateFindings(std::vector<Finding> all, const FindingLimits &limits,
                                       std::map<QString, uint64_t> *omitted);

// Worst first: severity, then confidence, then the earliest, then source.
bool rankedBefore(const Finding &a, const Finding &b);

} // namespace packetlens
