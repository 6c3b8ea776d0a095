// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "indicatorlist.h"

#include <QJsonObject>
#include <QString>

namespace packetlens {

// Every detection threshold, with documented defaults (docs/detections.md).
// A user's config (JSON, same shape as defaults()) overrides any of them;
// unknown names are rejected so that a typo is not silently ignored.
class DetectionSettings
{
public:
    DetectionSettings();
    static QJsonObject defaults();
    bool merge(const QJsonObject &user, QString *error);
    bool loadFile(const QString &path, QString *error);

    double number(const char *detector, const char *key) const;
    QJsonObject values() const { return m_values; }

    bool enabled = true;
    IndicatorList allow; // suppresses findings (IPs, CIDRs, domains, categories)
    IndicatorList iocs;  // block lists for ioc_match

private:
    QJsonObject m_values;
};

} // namespace packetlens
