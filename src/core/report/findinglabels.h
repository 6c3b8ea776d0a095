// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "severity.h"

#include <QString>
#include <QStringList>

namespace packetlens {

// What a person reads for a finding category or severity, in a UI language
// ("en" or "ru"). The report keeps the fixed identifiers ("port_scan", "high");
// these are for display only. An unknown category is shown as it is.
QString categoryTitle(const QString &category, const QString &language);
QString severityTitle(Severity severity, const QString &language);

// Every category with a title (the detectors' categories), for the
// translations_complete check.
QStringList titledCategories();

} // namespace packetlens
