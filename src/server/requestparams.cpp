// SPDX-License-Identifier: GPL-3.0-or-later
#include "requestparams.h"

#include "filescontroller.h"

#include <QUrlQuery>

namespace packetlens {

std::optional<ApiResponse> parseReportQuery(const QUrlQuery &query, ReportQuery *out)
{
    const QString format = query.queryItemValue(QStringLiteral("format"));
    const QString lang = query.queryItemValue(QStringLiteral("lang"));
    if (format == QLatin1String("html"))
        out->want = AnalysisController::Want::ReportHtml;
    else if (format == QLatin1String("zip"))
        out->want = AnalysisController::Want::ReportZip;
    else if (!format.isEmpty() && format != QLatin1String("json"))
        return ApiResponse::error(ApiError::BadRequest, QStringLiteral("format is json, html or zip"));
    if (!lang.isEmpty() && lang != QLatin1String("en") && lang != QLatin1String("ru"))
        return ApiResponse::error(ApiError::BadRequest, QStringLiteral("lang is en or ru"));
    if (!lang.isEmpty())
        out->language = lang;
    if (query.hasQueryItem(QStringLiteral("entry"))) {
        bool ok = false;
        out->entry = query.queryItemValue(QStringLiteral("entry")).toInt(&ok);
        if (!ok || out->entry < 1)
            return ApiResponse::error(ApiError::BadRequest, QStringLiteral("entry is a capture's number in the file, from 1"));
    }
    return std::nullopt;
}

std::optional<ApiResponse> parseFilesQuery(const QUrlQuery &query, FilesQuery *out)
{
    bool okLimit = true, okOffset = true;
    out->limit = query.hasQueryItem(QStringLiteral("limit")) ? query.queryItemValue(QStringLiteral("limit")).toInt(&okLimit)
                                                             : FilesController::kDefaultLimit;
    out->offset = query.hasQueryItem(QStringLiteral("offset")) ? query.queryItemValue(QStringLiteral("offset")).toInt(&okOffset) : 0;
    if (!okLimit || !okOffset || out->limit < 1 || out->limit > FilesController::kMaxLimit || out->offset < 0)
        return ApiResponse::error(ApiError::BadRequest, QStringLiteral("limit is 1..%1, offset >= 0").arg(FilesController::kMaxLimit));
    return std::nullopt;
}

} // namespace packetlens
