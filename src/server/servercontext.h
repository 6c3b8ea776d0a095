// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apierrors.h"
#include "jobqueue.h"

#include "core/history/capturestore.h"

#include <atomic>
#include <functional>

namespace packetlens {

// What the controllers share while the server runs. Replies are named by an
// id; deliver() may be called from any thread and answers on the server thread.
struct ServerContext
{
    JobQueue *requests = nullptr; // short DB/disk work
    JobQueue *analyses = nullptr; // analyses (bounded: 503 when full)
    CaptureStore captures;
    QString engineVersion;
    QString settingsHash;
    const std::atomic<bool> *stopping = nullptr;
    std::function<void(quint64 replyId, const ApiResponse &response)> deliver;

    // Runs job on the request pool; a full queue answers 503 at once.
    void onRequestPool(quint64 replyId, std::function<ApiResponse(HistoryStore &store)> job) const;
};

QString analysisUrl(const QString &fileId);
QString reportUrl(const QString &fileId);

} // namespace packetlens
