// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../report/report.h"

#include <QString>

namespace packetlens {

// Renders a report (packetlens.report/1) as one self-contained HTML page:
// inline CSS and inline SVG charts, no scripts, nothing fetched. Every string
// that comes from the capture is escaped. English, or Russian when asked.
class HtmlReport
{
public:
    // language: "en" (default) or "ru" for the report's own words.
    static QString render(const Report &report, const QString &language = QStringLiteral("en"));
    // HTML-escaped, control characters shown as \xNN (none reaches the page).
    static QString escape(const QString &text);
};

} // namespace packetlens
