// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report.h"

#include <QJsonArray>
#include <QJsonObject>

namespace packetlens::ReportJson {

// The `health` and `timeline_events` sections (docs/report-schema.md), for
// reportjsonwrite.cpp and reportjsonread.cpp.
QJsonObject healthToJson(const HealthSection &h, int timeDigits);
HealthSection healthFromJson(const QJsonObject &o);
QJsonArray timelineToJson(const std::vector<TimelineEvent> &events, int timeDigits);
std::vector<TimelineEvent> timelineFromJson(const QJsonArray &a);

} // namespace packetlens::ReportJson
