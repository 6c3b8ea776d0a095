// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/report/report.h"

#include <QTextStream>

namespace packetlens::cli {

// A short human-readable summary of one report.
void printSummary(QTextStream &out, const Report &report, int topN);

// Progress on stderr (only when stderr is a terminal).
class ProgressLine
{
public:
    ProgressLine();
    void update(const QString &name, uint64_t packets, uint64_t pos, uint64_t total);
    void clear();

private:
    bool m_enabled;
    bool m_dirty = false;
};

} // namespace packetlens::cli
