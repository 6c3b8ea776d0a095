// SPDX-License-Identifier: GPL-3.0-or-later
#include "servercontext.h"

#include "core/history/historystore.h"

namespace packetlens {

void ServerContext::onRequestPool(quint64 replyId, std::function<ApiResponse(HistoryStore &store)> job) const
{
    auto deliverFn = deliver;
    const bool queued = requests->submit([replyId, job = std::move(job), deliverFn](HistoryStore *store, const QString &why) {
        if (!store) {
            deliverFn(replyId, ApiResponse::error(ApiError::Internal, QStringLiteral("history database unavailable: %1").arg(why)));
            return;
        }
        const ApiResponse response = job(*store);
        if (!store->isOpen())
            JobQueue::reconnectEverywhere(); // before the client hears of it (see there)
        deliverFn(replyId, response);
    });
    if (!queued)
        deliver(replyId, ApiResponse::error(ApiError::QueueFull, QStringLiteral("the server is busy; try again shortly")));
}

QString analysisUrl(const QString &fileId)
{
    return QStringLiteral("/analysis/") + fileId;
}

QString reportUrl(const QString &fileId)
{
    return QStringLiteral("/reports/") + fileId;
}

} // namespace packetlens
