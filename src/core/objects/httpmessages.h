// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

#include <cstdint>

namespace packetlens {

// One HTTP/1.x message carved from a direction's reassembled bytes.
struct HttpMessage
{
    bool request = false;
    QByteArray method, uri;   // requests
    int status = 0;           // responses
    QByteArray contentType;   // without parameters, lower case
    QByteArray host;
    QByteArray body;          // de-chunked, and inflated when gzip/deflate encoded
    qsizetype start = 0;      // offset of the message in the direction's bytes
};

// The messages of one direction, in order. `noBody` says, for responses,
// which ones answer a HEAD request (their body is empty whatever the headers say).
QList<HttpMessage> parseHttpMessages(const QByteArray &bytes, bool requests, const QList<bool> &noBody = {});

} // namespace packetlens
