// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apierrors.h"

#include "core/history/capturestore.h"

#include <QJsonObject>

namespace packetlens {

class HistoryStore;

// GET /files (paged), GET /stats, DELETE /files/{file_id}: run on a worker.
class FilesController
{
public:
    static constexpr int kDefaultLimit = 50;
    static constexpr int kMaxLimit = 500;

    static ApiResponse list(HistoryStore &store, int limit, int offset);
    static ApiResponse stats(HistoryStore &store);
    static ApiResponse remove(HistoryStore &store, const CaptureStore &captures, const QString &fileId);
    static QJsonObject fileJson(const CaptureStore::Record &r);
};

} // namespace packetlens
