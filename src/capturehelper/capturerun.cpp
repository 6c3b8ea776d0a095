// SPDX-License-Identifier: GPL-3.0-or-later
#include "captureoptions.h"
#include "core/capture/pcapngwriter.h"
#include "privileges.h"

#include <pcap/pcap.h>

#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <algorithm>
#include <cstring>
#include <ctime>
#include <string>

namespace packetlens::helper {

using packetlens::PcapngWriter;

namespace {
constexpr int kBlockTimeoutMs = 50; // see openDevice()
constexpr int kLinkCheckMs = 250;
volatile sig_atomic_t g_stop = 0;

void onStopSignal(int)
{
    g_stop = 1;
}

int64_t monotonicMs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

uint64_t wallTimestamp(int digits)
{
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return digits == 9 ? uint64_t(ts.tv_sec) * 1000000000u + uint64_t(ts.tv_nsec)
                       : uint64_t(ts.tv_sec) * 1000000u + uint64_t(ts.tv_nsec) / 1000u;
}

int fail(int code, const char *kind, const std::string &message)
{
    std::fprintf(stderr, "error:%s:%s\n", kind, message.c_str());
    std::fflush(stderr);
    return code;
}

// The error of pcap_activate() as an exit code and its line.
int activationFailure(pcap_t *p, int rc, const CaptureOptions &o)
{
    const std::string detail = pcap_geterr(p);
    switch (rc) {
    case PCAP_ERROR_PERM_DENIED:
    case PCAP_ERROR_PROMISC_PERM_DENIED:
        return fail(ExitPermission, "permission", "no permission to capture on " + o.interface + " (" + detail + ")");
    case PCAP_ERROR_NO_SUCH_DEVICE:
        return fail(ExitNoDevice, "nodevice", "no interface named " + o.interface + " (" + detail + ")");
    case PCAP_ERROR_IFACE_NOT_UP:
        return fail(ExitInterfaceDown, "ifdown", o.interface + " is not up");
    default:
        return fail(ExitOther, "other", "cannot capture on " + o.interface + ": " + detail);
    }
}

// Whether the interface is up (SIOCGIFFLAGS): 1 up, 0 down or gone, -1
// when it cannot be asked (the any device, a device that is no network
// interface: Bluetooth, D-Bus, netfilter).
int linkUp(const std::string &name)
{
    if (name.empty() || name.size() >= IFNAMSIZ)
        return -1;
    const int s = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return -1;
    ifreq ifr{};
    std::memcpy(ifr.ifr_name, name.c_str(), name.size());
    const int rc = ::ioctl(s, SIOCGIFFLAGS, &ifr);
    const int err = errno;
    ::close(s);
    if (rc != 0)
        return err == ENODEV ? 0 : -1;
    return (ifr.ifr_flags & IFF_UP) ? 1 : 0;
}

struct Run
{
    pcap_t *pcap = nullptr;
    PcapngWriter *out = nullptr;
    const CaptureOptions *options = nullptr;
    int tsDigits = 9;
    uint64_t packets = 0, bytes = 0;
    bool limitReached = false;
    bool watchLink = false; // the interface was up at the start: its going down ends the capture
};

void onPacket(u_char *user, const pcap_pkthdr *h, const u_char *data)
{
    Run &run = *reinterpret_cast<Run *>(user);
    // With nanosecond precision (pcap_set_tstamp_precision) tv_usec holds nanoseconds.
    const uint64_t ts = uint64_t(h->ts.tv_sec) * (run.tsDigits == 9 ? 1000000000u : 1000000u) + uint64_t(h->ts.tv_usec);
    run.out->writePacket(0, ts, h->caplen, h->len, data);
    ++run.packets;
    run.bytes += h->len;
    const CaptureOptions &o = *run.options;
    if ((o.maxPackets && run.packets >= o.maxPackets) || (o.maxBytes && run.bytes >= o.maxBytes)) {
        run.limitReached = true;
        pcap_breakloop(run.pcap);
    }
}

// Opens and activates the device and sets the filter; returns the exit code
// on failure (the error line is written), 0 when capturing can start.
int openDevice(const CaptureOptions &o, pcap_t **out)
{
    char err[PCAP_ERRBUF_SIZE] = {};
    pcap_t *p = pcap_create(o.interface.c_str(), err);
    if (!p)
        return fail(ExitNoDevice, "nodevice", "cannot open " + o.interface + ": " + err);
    *out = p;
    pcap_set_snaplen(p, o.snaplen);
    pcap_set_promisc(p, o.promiscuous ? 1 : 0);
    // Not pcap_set_immediate_mode: on Linux it means TPACKET_V2, whose ring
    // slots are each as large as the largest packet the interface may hand
    // over (64 KiB with segmentation offload, which veth, lo and most NICs
    // have): the 64 MiB buffer then held about 500 packets, and a hiccup of
    // the analysis of a few tens of milliseconds dropped packets. TPACKET_V3
    // packs packets into its blocks as they come (the same buffer holds
    // about a hundred thousand), and a block is handed over at the latest
    // kBlockTimeoutMs after its first packet: live enough for a display
    // redrawn ten times a second.
    pcap_set_timeout(p, kBlockTimeoutMs);
    pcap_set_buffer_size(p, o.bufferMiB << 20);
    pcap_set_tstamp_precision(p, PCAP_TSTAMP_PRECISION_NANO);
    const int rc = pcap_activate(p);
    if (rc < 0)
        return activationFailure(p, rc, o);
    if (rc > 0)
        std::fprintf(stderr, "warning:%s\n", pcap_geterr(p));
    if (!o.filter.empty()) {
        bpf_program prog{};
        if (pcap_compile(p, &prog, o.filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0)
            return fail(ExitFilter, "filter", "invalid capture filter: " + std::string(pcap_geterr(p)));
        const int set = pcap_setfilter(p, &prog);
        pcap_freecode(&prog);
        if (set != 0)
            return fail(ExitFilter, "filter", "cannot set the capture filter: " + std::string(pcap_geterr(p)));
    }
    return 0;
}

bool stdinClosed()
{
    pollfd fd{STDIN_FILENO, POLLIN, 0};
    if (::poll(&fd, 1, 0) <= 0)
        return false;
    char buf[256];
    const ssize_t n = ::read(STDIN_FILENO, buf, sizeof buf);
    return n <= 0 && !(n < 0 && errno == EINTR);
}

void installSignals()
{
    struct sigaction sa{};
    sa.sa_handler = onStopSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGHUP, &sa, nullptr);
    signal(SIGPIPE, SIG_IGN);
}

PcapngWriter::Stats statsOf(pcap_t *p)
{
    pcap_stat st{};
    PcapngWriter::Stats s;
    if (pcap_stats(p, &st) == 0) {
        s.received = st.ps_recv;
        s.osDropped = st.ps_drop;
        s.ifDropped = st.ps_ifdrop;
    }
    return s;
}

// Waits up to timeoutMs for the device to have packets (or an error).
// Non-blocking reads with our own wait: libpcap's own wait (TPACKET_V3)
// blocks until packets come, so a quiet interface would never see a stop
// condition or a signal.
void waitForPackets(int fd, int64_t timeoutMs)
{
    if (fd < 0)
        return;
    pollfd p{fd, POLLIN, 0};
    ::poll(&p, 1, int(std::max<int64_t>(0, std::min<int64_t>(timeoutMs, 100))));
}

// Reads packets until a stop condition, a signal, the reader's end of the
// pipe closing, or an error; returns the exit code.
int captureLoop(Run &run, int tsDigits)
{
    const CaptureOptions &o = *run.options;
    const int64_t started = monotonicMs();
    const int fd = pcap_get_selectable_fd(run.pcap);
    int64_t nextStats = started + o.statsIntervalMs, nextStdinCheck = started, nextLinkCheck = started + kLinkCheckMs;
    int code = ExitOk;
    while (!g_stop && !run.limitReached) {
        const int n = pcap_dispatch(run.pcap, -1, onPacket, reinterpret_cast<u_char *>(&run));
        if (n == PCAP_ERROR) {
            const std::string why = pcap_geterr(run.pcap);
            const bool down = why.find("went down") != std::string::npos || why.find("disappeared") != std::string::npos;
            code = down ? fail(ExitInterfaceDown, "ifdown", o.interface + ": " + why) : fail(ExitOther, "other", why);
            break;
        }
        if (!run.out->flush())
            return ExitOutput; // the reader went away: nobody to tell
        const int64_t now = monotonicMs();
        if (o.maxSeconds > 0 && double(now - started) >= o.maxSeconds * 1000.0)
            break;
        if (now >= nextStats) {
            run.out->writeStatistics(0, wallTimestamp(tsDigits), statsOf(run.pcap));
            nextStats = now + o.statsIntervalMs;
        }
        if (o.watchStdin && now >= nextStdinCheck) {
            nextStdinCheck = now + 50;
            if (stdinClosed())
                break;
        }
        // libpcap waits on an interface taken down for it to come back up; a
        // capture ends there (what it has is handed over first).
        if (run.watchLink && now >= nextLinkCheck) {
            nextLinkCheck = now + kLinkCheckMs;
            if (linkUp(o.interface) == 0) {
                waitForPackets(fd, 2 * kBlockTimeoutMs);
                pcap_dispatch(run.pcap, -1, onPacket, reinterpret_cast<u_char *>(&run));
                code = fail(ExitInterfaceDown, "ifdown", o.interface + ": the interface went down");
                break;
            }
        }
        if (n == 0) // (the link is checked only where it can be: not on "any", nor one down at the start)
            waitForPackets(fd, (run.watchLink ? std::min<int64_t>(nextStats, nextLinkCheck) : nextStats) - now);
    }
    run.out->writeStatistics(0, wallTimestamp(tsDigits), statsOf(run.pcap));
    if (!run.out->flush())
        return ExitOutput;
    return code;
}
} // namespace

int runCapture(const CaptureOptions &o)
{
    installSignals();
    pcap_t *p = nullptr;
    int code = openDevice(o, &p);
    if (code != 0) {
        if (p)
            pcap_close(p);
        return code;
    }
    // The socket is open: nothing else needs the capabilities.
    if (!dropPrivileges())
        std::fprintf(stderr, "warning:could not drop capabilities: %s\n", std::strerror(errno));
    const int tsDigits = pcap_get_tstamp_precision(p) == PCAP_TSTAMP_PRECISION_NANO ? 9 : 6;
    char err[PCAP_ERRBUF_SIZE] = {};
    pcap_setnonblock(p, 1, err);
    PcapngWriter out(PcapngWriter::fdSink(STDOUT_FILENO));
    Run run;
    run.pcap = p;
    run.out = &out;
    run.options = &o;
    run.tsDigits = tsDigits;
    run.watchLink = linkUp(o.interface) == 1;
    out.writeSection("packetlens-capture " PACKETLENS_VERSION);
    out.writeInterface(pcap_datalink(p), uint32_t(pcap_snapshot(p)), o.interface, o.filter, tsDigits);
    if (!out.flush()) {
        pcap_close(p);
        return ExitOutput;
    }
    code = captureLoop(run, tsDigits);
    pcap_close(p);
    return code;
}

} // namespace packetlens::helper
