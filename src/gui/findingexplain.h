// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/detect/findingreasons.h"
#include "core/report/report.h"

#include <QCoreApplication>
#include <QJsonValue>
#include <QString>

#include <vector>

namespace packetlens {
class DetectionSettings;
}

namespace packetlens::gui {

// What the Explain dialog says about a finding, in the UI language: its
// measurements in words with units, which of them crossed a threshold,
// MITRE technique names, and filters for its evidence.
class FindingExplain
{
    Q_DECLARE_TR_FUNCTIONS(FindingExplain)
public:
    using Reason = FindingReason; // (core/detect/findingreasons.h: which metrics made it fire)
    static QString thresholdText(const Reason &r);
    // "Ports that failed", "Rate"… (an unknown key is shown as it is).
    static QString metricName(const QString &key);
    // The value with its unit: "2 500 packets/s", "1.5 MB", "12 s", "35 %".
    static QString metricValue(const QString &key, const QJsonValue &value);
    // "T1046 Network Service Discovery" (the id alone when unknown).
    static QString mitreText(const QString &id);
    // What the finding's count counts: "997 ports", "35 login attempts".
    static QString countText(const QString &category, qint64 count);
    // "first 50 packets of a finding that counts 997 ports" and the like.
    static QString evidenceText(const ReportFinding &f);
    // A display filter for all the traffic the finding is about (its source,
    // targets and ports), beyond the 50 packets it cites; empty when it names none.
    static QString scopeFilter(const ReportFinding &f);
};

} // namespace packetlens::gui
