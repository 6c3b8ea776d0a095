// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

namespace packetlens {

// How long and how slowly a client may hold a connection of the REST server
// (defaults for a local API; tests shorten them).
struct ConnectionLimits
{
    int maxConnections = 256;     // beyond: the connection that matters least is closed (see UploadGate)
    int headTimeoutMs = 30000;    // a request head must be complete this long after the connection opened
                                  // (on a kept-alive connection: after the head's first byte)
    int idleTimeoutMs = 120000;   // a kept-alive connection without a request
    int stalledTimeoutMs = 60000; // a request body whose bytes stop coming
    int bodyGraceMs = 10000;      // a request body must then average at least minBodyBytesPerSecond
    qint64 minBodyBytesPerSecond = 8 * 1024;
    int lingerMs = 30000;         // after an answer that closes: reading and dropping what the client still sends, at most
};

} // namespace packetlens
