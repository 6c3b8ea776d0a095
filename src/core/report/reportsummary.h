// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report.h"

#include <array>
#include <optional>

namespace packetlens {

// What every face shows of a report in one line or one row: the app's
// status, the CLI's summary head, the REST API's analysis answer, the
// history's row. Made in one place from the report.
struct ReportSummary
{
    QString fileName;
    qint64 packets = 0, bytes = 0;
    double durationS = 0;
    int findings = 0;
    std::optional<Severity> maxSeverity;           // none without findings
    std::array<int, kSeverityCount> bySeverity{};  // findings per severity
    QStringList categories;                        // in the order of the findings (worst first)
    bool truncated = false;
    int warnings = 0;

    static ReportSummary of(const Report &report);
};

} // namespace packetlens
