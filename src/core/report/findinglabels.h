// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "message.h"
#include "severity.h"

#include <QString>
#include <QStringList>

namespace packetlens {

// What a person reads for a finding category or severity, in a UI language
// ("en" or "ru"). The report keeps the fixed identifiers ("port_scan", "high");
// these are for display only. An unknown category is shown as it is.
QString categoryTitle(const QString &category, const QString &language);
QString severityTitle(Severity severity, const QString &language);

struct ReportFinding;
struct Recommendation;

// A finding's summary, threshold and recommendation, and a category's advice,
// in a UI language (from their catalogue messages; English as the report has it).
QString findingSummaryText(const ReportFinding &f, const QString &language);
QString findingThresholdText(const ReportFinding &f, const QString &language);
QString findingRecommendationText(const ReportFinding &f, const QString &language);
QString recommendationText(const Recommendation &r, const QString &language);

struct HealthItem;

// A health item's summary and what it usually means, and a health level
// ("note", "warning", "error"), in a UI language.
Message healthMeaning(const QString &kind); // "health.<kind>.meaning"
QString healthSummaryText(const HealthItem &i, const QString &language);
QString healthMeaningText(const HealthItem &i, const QString &language);
QString healthLevelTitle(const QString &level, const QString &language);
// A health item kind ("tcp_zero_window") named as a person reads it
// ("Zero windows", "Нулевые окна"); an unknown kind as it is.
QString healthKindTitle(const QString &kind, const QString &language);

// A timeline event's kind ("first_contact") as a person reads it; an
// unknown kind is shown as it is.
QString timelineKindTitle(const QString &kind, const QString &language);
QStringList titledTimelineKinds();

// Every category with a title (the detectors' categories), for the
// translations_complete check.
QStringList titledCategories();

} // namespace packetlens
