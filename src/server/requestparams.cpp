// SPDX-License-Identifier: GPL-3.0-or-later
#include "requestparams.h"

#include "filescontroller.h"

#include "livecontroller.h"

#include <QJsonDocument>
#include <QJsonObject>
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

namespace {
// A number field of a JSON body within [min, max]; false when present and not.
bool numberField(const QJsonObject &o, const char *key, double min, double max, double *out)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isDouble() || v.toDouble() < min || v.toDouble() > max)
        return false;
    *out = v.toDouble();
    return true;
}
} // namespace

std::optional<ApiResponse> parseLiveRequest(const QByteArray &body, LiveOptions *out)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (!doc.isObject())
        return ApiResponse::error(ApiError::BadRequest, QStringLiteral("send a JSON object: {\"interface\": \"eth0\", \"filter\": …}"));
    const QJsonObject o = doc.object();
    out->source.kind = LiveSource::Kind::Interface;
    out->source.interface = o.value(QStringLiteral("interface")).toString();
    if (out->source.interface.isEmpty() || out->source.interface.size() > 64)
        return ApiResponse::error(ApiError::BadRequest, QStringLiteral("\"interface\" names the interface to capture on (GET /interfaces lists them)"));
    const QJsonValue filter = o.value(QStringLiteral("filter"));
    if (!filter.isUndefined() && !filter.isNull() && (!filter.isString() || filter.toString().size() > 4096))
        return ApiResponse::error(ApiError::BadRequest, QStringLiteral("\"filter\" is a capture filter (BPF) string"));
    out->filter = filter.toString();
    double duration = 0, packets = 0, bytes = 0, snaplen = out->snaplen, packetRate = LiveClient::kPacketsPerSecond;
    if (!numberField(o, "duration_s", 0.001, 1e9, &duration) || !numberField(o, "packets", 1, 1e15, &packets)
        || !numberField(o, "bytes", 1, 1e18, &bytes) || !numberField(o, "snaplen", 64, 262144, &snaplen)
        || !numberField(o, "packet_events_per_s", 0, 1000, &packetRate))
        return ApiResponse::error(ApiError::BadRequest, QStringLiteral("\"duration_s\", \"packets\" and \"bytes\" take positive numbers, "
                                                                       "\"snaplen\" 64..262144, \"packet_events_per_s\" 0..1000"));
    const QJsonValue promisc = o.value(QStringLiteral("promiscuous"));
    if (!promisc.isUndefined() && !promisc.isBool())
        return ApiResponse::error(ApiError::BadRequest, QStringLiteral("\"promiscuous\" is true or false"));
    out->promiscuous = promisc.toBool(true);
    out->durationS = duration;
    out->maxPackets = quint64(packets);
    out->maxBytes = quint64(bytes);
    out->snaplen = int(snaplen);
    out->packetLinesPerS = int(packetRate);
    return std::nullopt;
}

} // namespace packetlens
