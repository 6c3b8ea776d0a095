// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apierrors.h"

#include "core/history/capturestore.h"
#include "core/live/livetypes.h"
#include "core/live/savedcapture.h"

#include <QJsonObject>
#include <QString>

#include <memory>

namespace packetlens {

struct CaptureInterface;

// What the live routes (LiveController) need around a request.

// The saved capture of a live session, written straight into the server's
// content-addressed store (no copy at the end).
std::unique_ptr<CaptureSink> storeSink(std::unique_ptr<CaptureStore::Writer> writer, const QString &name);
QString newLiveId(); // 16 hex digits, random
// A capture that could not start as the API answers it (403, 400 or 500).
ApiResponse liveErrorResponse(LiveError e, const QString &message);
// The filter checked against the interface's link type before anything starts.
bool checkLiveFilter(const LiveOptions &o, QString *why);
// An interface as GET /interfaces lists it.
QJsonObject interfaceJson(const CaptureInterface &i);

} // namespace packetlens
