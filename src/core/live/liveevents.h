// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "livetypes.h"

#include <QJsonObject>

namespace packetlens {

// The events of a live capture as JSON, one object each: the REST server's
// WebSocket and `packetlens-cli live --json-lines` write the same ones
// (docs/rest-api.md, "Live capture"). Keys are named here only.
namespace LiveEvents {

QJsonObject stats(const LiveStats &s);
QJsonObject finding(const ReportFinding &f, int timeDigits); // {"type":"finding","finding":{…as in the report}}
QJsonObject packet(const LivePacketLine &line);
// {"type":"end", "reason", "packets", …}; fileId is added by the REST server.
QJsonObject end(const LiveResult &r);
QJsonObject error(LiveError e, const QString &message);

} // namespace LiveEvents
} // namespace packetlens
