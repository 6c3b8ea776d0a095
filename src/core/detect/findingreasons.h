// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../report/report.h"

#include <QJsonValue>
#include <QString>

#include <vector>

namespace packetlens {

class DetectionSettings;

// A measurement that made a detector fire: its value against the setting it
// is held to (no threshold: the measurement is the reason itself).
struct FindingReason
{
    QString key;
    QJsonValue value;
    bool hasThreshold = false;
    bool atLeast = true; // value >= threshold, else value <= threshold
    double threshold = 0;
};

// The metrics of `f` that crossed their threshold under `settings`, in the
// detector's order of importance; the others are not reasons.
std::vector<FindingReason> findingReasons(const ReportFinding &f, const DetectionSettings &settings);

} // namespace packetlens
