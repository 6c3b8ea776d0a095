// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <optional>

namespace packetlens {

// How bad a finding is. The order is the enum's: Info < Low < Medium < High
// < Critical. The names are the report's fixed identifiers.
enum class Severity { Info = 0, Low, Medium, High, Critical };
inline constexpr int kSeverityCount = 5;

QString severityName(Severity s);                      // "info" … "critical"
bool parseSeverity(const QString &name, Severity &out); // case-insensitive
std::optional<Severity> severityFromName(const QString &name);

} // namespace packetlens
