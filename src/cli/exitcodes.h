// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/capture/captureopener.h"

namespace packetlens::cli {

// Documented in README.md ("Exit codes"). With several files the highest wins.
enum ExitCode : int {
    Ok = 0,
    Usage = 1,
    Unreadable = 2,  // missing file, permission, I/O error
    NotACapture = 3, // not pcap/pcapng/gzip/zip
    Empty = 4,       // empty file or capture without packets
    Corrupt = 5,     // capture header rejected
    Archive = 6,     // zip/gzip problem: password, limits, no capture inside
    Cancelled = 7,
    OutputFailed = 8, // could not write the report
    FindingsAtSeverity = 10, // --fail-on: a finding at or above the given severity
    CaptureNotPermitted = 11, // live: no permission to capture (the message says how to grant it)
    CaptureFailed = 12,       // live: no such interface, interface down, capture helper missing or failing
};

inline int exitCodeFor(InputError e)
{
    switch (e) {
    case InputError::None: return Ok;
    case InputError::Unreadable: return Unreadable;
    case InputError::NotACapture: return NotACapture;
    case InputError::Empty: return Empty;
    case InputError::Corrupt: return Corrupt;
    case InputError::Archive: return Archive;
    }
    return Unreadable;
}

} // namespace packetlens::cli
