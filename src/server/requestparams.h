// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysiscontroller.h"
#include "apierrors.h"

#include <QString>

#include <optional>

#include "core/live/livetypes.h"

class QUrlQuery;

namespace packetlens {

// The query parameters of the routes that take some, checked: each parser
// returns the 400 answer for a bad value, or nothing and fills out.
struct ReportQuery
{
    AnalysisController::Want want = AnalysisController::Want::ReportJson;
    QString language = QStringLiteral("en");
    int entry = 0; // 0: the file's last capture; N: its N-th
};
std::optional<ApiResponse> parseReportQuery(const QUrlQuery &query, ReportQuery *out);

struct FilesQuery
{
    int limit = 0, offset = 0;
};
std::optional<ApiResponse> parseFilesQuery(const QUrlQuery &query, FilesQuery *out);

// The JSON body of POST /live: {"interface" (required), "filter",
// "duration_s", "packets", "bytes", "snaplen", "promiscuous", "packet_events_per_s"}.
std::optional<ApiResponse> parseLiveRequest(const QByteArray &body, LiveOptions *out);

} // namespace packetlens
