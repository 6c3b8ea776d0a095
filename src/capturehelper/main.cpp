// SPDX-License-Identifier: GPL-3.0-or-later
// packetlens-capture: the one program of PacketLens that opens capture
// devices (libpcap only, no Qt). It alone may hold CAP_NET_RAW and
// CAP_NET_ADMIN (installer/grant-capture.sh), gives them up once the device is
// open, and writes pcapng to standard output for the analyzer to read; the
// app, the CLI and the server run it and never need privileges themselves.
#include "captureoptions.h"
#include "devicelist.h"

#include <getopt.h>

#include <cstdio>
#include <cstdlib>
#include <string>

using namespace packetlens::helper;

namespace {
const char kUsage[] =
    "Usage: packetlens-capture -i IFACE [-f FILTER] [-s SNAPLEN] [-p] [-B MIB] [-c PACKETS] [-C BYTES]\n"
    "                          [-a SECONDS] [--stats-ms MS] [--watch-stdin]   > capture.pcapng\n"
    "       packetlens-capture -D\n"
    "\n"
    "Captures packets on IFACE and writes them to standard output as pcapng, with an\n"
    "interface statistics block (packets received and dropped) every --stats-ms.\n"
    "  -i IFACE     interface ('any': all of them)\n"
    "  -f FILTER    capture filter (BPF, as tcpdump takes it)\n"
    "  -s SNAPLEN   bytes kept of each packet (default 262144)\n"
    "  -p           do not put the interface into promiscuous mode\n"
    "  -B MIB       kernel buffer (default 64 MiB)\n"
    "  -c PACKETS   stop after PACKETS packets\n"
    "  -C BYTES     stop once BYTES bytes (wire lengths) were captured\n"
    "  -a SECONDS   stop after SECONDS seconds\n"
    "  --watch-stdin  stop when standard input is closed\n"
    "  -D           list the interfaces (tab-separated: name, description, flags, link type, addresses)\n"
    "Stops cleanly on SIGINT or SIGTERM. Errors: one line 'error:<kind>:<message>' on standard\n"
    "error, exit 2 no permission, 3 no such interface, 4 invalid filter, 5 interface down, 6 output closed.\n";

bool number(const char *text, double min, double max, double *out)
{
    char *end = nullptr;
    const double v = std::strtod(text, &end);
    if (!end || *end || v < min || v > max)
        return false;
    *out = v;
    return true;
}

// Fills options from the command line; returns -1 to go on, else an exit code.
int parse(int argc, char **argv, CaptureOptions &o)
{
    static const option longOptions[] = {{"stats-ms", required_argument, nullptr, 'S'},
                                         {"watch-stdin", no_argument, nullptr, 'W'},
                                         {"help", no_argument, nullptr, 'h'},
                                         {nullptr, 0, nullptr, 0}};
    int c;
    double v = 0;
    while ((c = getopt_long(argc, argv, "i:f:s:pB:c:C:a:Dh", longOptions, nullptr)) != -1) {
        bool ok = true;
        switch (c) {
        case 'i': o.interface = optarg; break;
        case 'f': o.filter = optarg; break;
        case 's': ok = number(optarg, 64, 262144, &v); o.snaplen = int(v); break;
        case 'p': o.promiscuous = false; break;
        case 'B': ok = number(optarg, 1, 4096, &v); o.bufferMiB = int(v); break;
        case 'c': ok = number(optarg, 1, 1e18, &v); o.maxPackets = uint64_t(v); break;
        case 'C': ok = number(optarg, 1, 1e18, &v); o.maxBytes = uint64_t(v); break;
        case 'a': ok = number(optarg, 0.001, 1e9, &v); o.maxSeconds = v; break;
        case 'S': ok = number(optarg, 10, 60000, &v); o.statsIntervalMs = int(v); break;
        case 'W': o.watchStdin = true; break;
        case 'D': return listDevices(stdout);
        case 'h': std::fputs(kUsage, stdout); return ExitOk;
        default: ok = false; break;
        }
        if (!ok) {
            std::fprintf(stderr, "error:usage:invalid option (see --help)\n");
            return ExitUsage;
        }
    }
    if (o.interface.empty() || o.interface.size() > 255 || o.filter.size() > 4000 || optind != argc) {
        std::fprintf(stderr, "error:usage:name an interface with -i (see --help)\n");
        return ExitUsage;
    }
    return -1;
}
} // namespace

int main(int argc, char **argv)
{
    CaptureOptions options;
    const int done = parse(argc, argv, options);
    if (done >= 0)
        return done;
    return runCapture(options);
}
