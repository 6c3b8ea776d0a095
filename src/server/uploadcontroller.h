// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apierrors.h"

#include <QByteArray>
#include <QString>

#include <atomic>

namespace packetlens {

class CaptureStore;
class HistoryStore;

// POST /upload: a capture as multipart/form-data (field "file"), as the raw
// body, or {"path": "/abs/file"} to register a local file by reference.
// Runs on a worker: checks the content (magic and file header), stores it
// content-addressed and records it in the history. Nothing is kept for a
// refused upload.
class UploadController
{
public:
    struct Input
    {
        QByteArray contentType; // the whole header value
        QByteArray body;
        QString nameHint;       // ?name= of a raw upload
    };
    static ApiResponse upload(HistoryStore &store, const CaptureStore &captures, const Input &in,
                              const std::atomic<bool> *cancel);

private:
    static ApiResponse storeBytes(HistoryStore &store, const CaptureStore &captures, const char *data, qsizetype size,
                                  const QString &name);
    static ApiResponse registerPath(HistoryStore &store, const QByteArray &json, const std::atomic<bool> *cancel);
};

} // namespace packetlens
