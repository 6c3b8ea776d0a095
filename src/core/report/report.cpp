// SPDX-License-Identifier: GPL-3.0-or-later
#include "report.h"

namespace packetlens {

const ReportFinding *Report::finding(const QString &id) const
{
    for (const ReportFinding &f : detection.findings)
        if (f.id == id)
            return &f;
    return nullptr;
}

} // namespace packetlens
