// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportsummary.h"

namespace packetlens {

ReportSummary ReportSummary::of(const Report &r)
{
    ReportSummary s;
    s.fileName = r.capture.fileName;
    s.packets = r.capture.packets;
    s.bytes = r.capture.bytes;
    s.durationS = r.capture.durationS;
    s.truncated = r.capture.truncated;
    s.warnings = int(r.capture.warnings.size());
    s.findings = int(r.findings().size());
    for (const ReportFinding &f : r.findings()) {
        s.bySeverity[size_t(f.severity)]++;
        if (!s.maxSeverity || f.severity > *s.maxSeverity)
            s.maxSeverity = f.severity;
        if (!s.categories.contains(f.category))
            s.categories << f.category;
    }
    return s;
}

} // namespace packetlens
