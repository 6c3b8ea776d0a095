// SPDX-License-Identifier: GPL-3.0-or-later
#include "liverecord.h"
#include "core/report/errortext.h"
#include "core/util/versions.h"

#include "../history/historystore.h"

#include <QFileInfo>

namespace packetlens {

qint64 recordLiveCapture(HistoryStore &store, const LiveResult &result, const QString &settingsHash, bool stored,
                         QString *error)
{
    if (!result.report || result.sha256.isEmpty()) {
        *error = errorText("error.live.no_packets");
        return -1;
    }
    HistoryStore::CaptureInfo info;
    info.sha256 = result.sha256;
    info.name = QFileInfo(result.savedPath).fileName();
    info.format = QStringLiteral("pcapng");
    info.location = result.savedPath;
    info.sizeBytes = result.savedBytes;
    info.stored = stored;
    const QString engine = engineVersion();
    const HistoryStore::Claim claim = store.claimAnalysis(info, engine, settingsHash, false, error);
    switch (claim.kind) {
    case HistoryStore::Claim::Kind::Cached: // the same bytes were analyzed before
        return claim.analysisId;
    case HistoryStore::Claim::Kind::Claimed:
        return store.finishAnalysis(claim.analysisId, *result.report, error) ? claim.analysisId : -1;
    case HistoryStore::Claim::Kind::Busy:
        *error = errorText("error.live.busy");
        return -1;
    case HistoryStore::Claim::Kind::Failed:
        break;
    }
    return -1;
}

} // namespace packetlens
