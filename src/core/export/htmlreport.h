#pragma once

#include <QJsonObject>
#include <QString>

namespace packetlens {

// Renders a report (packetlens.report/1) as one self-contained HTML page:
// inline CSS and inline SVG charts, no scripts, nothing fetched. Every string
// that comes from the capture is escaped.
class HtmlReport
{
public:
    static QString render(const QJsonObject &report);
    static QString escape(const QString &text);
};

} // namespace packetlens
