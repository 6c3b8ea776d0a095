// SPDX-License-Identifier: GPL-3.0-or-later
#include "failurelist.h"

#include <algorithm>

namespace packetlens {

qint64 failureTotal(const FailureCount &row)
{
    qint64 n = 0;
    for (const auto &[name, count] : row.counts)
        n += count;
    return n;
}

void sortByName(NamedCounts &counts)
{
    std::sort(counts.begin(), counts.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
}

void sortFailures(std::vector<FailureCount> &rows, int cap)
{
    for (FailureCount &r : rows)
        sortByName(r.counts);
    std::sort(rows.begin(), rows.end(), [](const FailureCount &a, const FailureCount &b) {
        const qint64 ta = failureTotal(a), tb = failureTotal(b);
        return ta != tb ? ta > tb : a.subject < b.subject;
    });
    if (rows.size() > size_t(std::max(cap, 0)))
        rows.resize(size_t(std::max(cap, 0)));
}

} // namespace packetlens
