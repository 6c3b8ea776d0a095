// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

namespace packetlens::helper {

// What one capture is asked to do (the command line of packetlens-capture).
struct CaptureOptions
{
    std::string interface;
    std::string filter;        // BPF, libpcap's syntax; empty: every packet
    int snaplen = 262144;
    bool promiscuous = true;
    int bufferMiB = 64;        // kernel ring buffer: absorbs the reader's hiccups
    uint64_t maxPackets = 0;   // stop after this many packets (0: no limit)
    uint64_t maxBytes = 0;     // stop once this many bytes (wire lengths) were captured
    double maxSeconds = 0;     // stop after this long
    int statsIntervalMs = 1000;
    bool watchStdin = false;   // stop when standard input closes (the analyzer's end of the pipe)
};

// Exit codes, also named on the error line written to standard error
// ("error:<kind>:<message>").
enum HelperExit : int {
    ExitOk = 0,
    ExitUsage = 1,
    ExitPermission = 2,
    ExitNoDevice = 3,
    ExitFilter = 4,
    ExitInterfaceDown = 5,
    ExitOutput = 6,
    ExitOther = 7,
};

int runCapture(const CaptureOptions &options);

} // namespace packetlens::helper
