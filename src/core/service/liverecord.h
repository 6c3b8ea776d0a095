// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../live/livetypes.h"

namespace packetlens {

class HistoryStore;

// A finished live capture into the history as the analysis of its saved
// capture, like any other: its report is the one a file analysis of that
// capture gives with the same engine and settings (a test holds them
// equal), so the history answers the same bytes analyzed again from it.
// `stored`: the bytes are kept by PacketLens (the REST server's store).
// Returns the analysis id, or -1 with the reason (no report: nothing stored).
qint64 recordLiveCapture(HistoryStore &store, const LiveResult &result, const QString &settingsHash, bool stored,
                         QString *error);

} // namespace packetlens
