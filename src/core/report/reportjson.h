// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "report.h"

#include <QByteArray>
#include <QJsonObject>

namespace packetlens {

// The one place where a Report becomes JSON and JSON becomes a Report
// (docs/report-schema.md names every key used here).
namespace ReportJson {

QJsonObject toJson(const Report &report);
QByteArray toBytes(const Report &report, bool indented = false);
// Reads a report; fields it does not know are kept (Report::unknownFields).
// Fails only when `json` is not a packetlens.report object at all.
bool fromJson(const QJsonObject &json, Report *out, QString *error = nullptr);
std::optional<Report> fromBytes(const QByteArray &bytes, QString *error = nullptr);

// Pieces the faces write on their own (a finding in a live event, say).
QJsonObject findingToJson(const ReportFinding &f, int timeDigits);
QJsonObject suspiciousIpToJson(const SuspiciousIp &s);

} // namespace ReportJson
} // namespace packetlens
