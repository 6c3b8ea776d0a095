// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace packetlens {

// Why a live capture could not start, or ended before it was asked to. Each
// face turns these into its own message, exit code or HTTP status.
enum class LiveError {
    None,
    NoPermission,    // not root, and the capture helper holds no CAP_NET_RAW/CAP_NET_ADMIN
    NoSuchInterface,
    BadFilter,       // the capture filter does not compile
    InterfaceDown,   // not up, or went down (or away) during the capture
    HelperMissing,   // packetlens-capture was not found or could not be run
    NotACapture,     // the stream is not pcap or pcapng (live -r -)
    Io,              // reading the stream or writing the saved capture failed
    Failed,          // anything else the helper reported
};

// "no_permission", "no_such_interface", … (REST error codes and JSON events).
QString liveErrorCode(LiveError e);

// How to let the capture helper capture without running anything else as
// root, for the message of LiveError::NoPermission.
QString captureGrantHint(const QString &helperPath);

} // namespace packetlens
