// SPDX-License-Identifier: GPL-3.0-or-later
#include "filescontroller.h"

#include "servercontext.h"

#include "core/history/historystore.h"

#include <QJsonArray>

namespace packetlens {

QJsonObject FilesController::fileJson(const CaptureStore::Record &r)
{
    const QString id = CaptureStore::fileId(r.sha256);
    return QJsonObject{{QStringLiteral("file_id"), id},
                       {QStringLiteral("sha256"), r.sha256},
                       {QStringLiteral("name"), r.name},
                       {QStringLiteral("size_bytes"), r.sizeBytes},
                       {QStringLiteral("format"), r.format},
                       {QStringLiteral("stored"), r.stored},
                       {QStringLiteral("first_seen"), r.firstSeen},
                       {QStringLiteral("last_seen"), r.lastSeen},
                       {QStringLiteral("status"), r.status.isEmpty() ? QStringLiteral("new") : r.status},
                       {QStringLiteral("analysis_url"), analysisUrl(id)},
                       {QStringLiteral("report_url"), reportUrl(id)}};
}

ApiResponse FilesController::list(HistoryStore &store, int limit, int offset)
{
    qint64 total = 0;
    QJsonArray files;
    for (const CaptureStore::Record &r : CaptureStore::list(store, limit, offset, &total))
        files.append(fileJson(r));
    return ApiResponse::json(200, QJsonObject{{QStringLiteral("files"), files},
                                              {QStringLiteral("total"), total},
                                              {QStringLiteral("limit"), limit},
                                              {QStringLiteral("offset"), offset}});
}

ApiResponse FilesController::stats(HistoryStore &store)
{
    QString why;
    const QJsonObject stats = store.stats(10, &why);
    if (!why.isEmpty())
        return ApiResponse::error(ApiError::Internal, QStringLiteral("history database: %1").arg(why));
    return ApiResponse::json(200, stats);
}

ApiResponse FilesController::remove(HistoryStore &store, const CaptureStore &captures, const QString &fileId)
{
    const auto rec = CaptureStore::find(store, fileId);
    if (!rec)
        return ApiResponse::error(ApiError::NotFound, QStringLiteral("no file %1").arg(fileId));
    QString why;
    if (!captures.remove(store, *rec, &why))
        return ApiResponse::error(ApiError::Internal, QStringLiteral("history: %1").arg(why));
    return ApiResponse::json(200, QJsonObject{{QStringLiteral("deleted"), true}, {QStringLiteral("file_id"), fileId}});
}

} // namespace packetlens
