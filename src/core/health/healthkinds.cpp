// SPDX-License-Identifier: GPL-3.0-or-later
#include "healthkinds.h"

#include <cstring>

namespace packetlens {

namespace {
// Levels follow Wireshark's expert information where it has the same item.
const HealthKindInfo kKinds[kHealthKindCount] = {
    {"tcp_retransmission", "note", "retransmissions",
     "Segments were sent again because no acknowledgement came in time: packets are lost on the path, or the "
     "receiver answers too slowly."},
    {"tcp_fast_retransmission", "note", "fast retransmissions",
     "The receiver asked for a missing segment with duplicate ACKs and got it at once: a packet was lost, and TCP "
     "recovered quickly."},
    {"tcp_spurious_retransmission", "note", "spurious retransmissions",
     "Data the receiver had already acknowledged was sent again: the sender's retransmission timer is too short "
     "for the path's delay, or ACKs were lost."},
    {"tcp_out_of_order", "warning", "out-of-order segments",
     "Segments arrived after later ones: traffic is spread over several paths or reordered by a device."},
    {"tcp_lost_segment", "warning", "gaps (previous segment not captured)",
     "Sequence numbers skipped ahead: a segment was lost before the capture point, or the capture dropped it."},
    {"tcp_ack_lost_segment", "warning", "ACKs of unseen segments",
     "Data was acknowledged that the capture never saw: the capture missed packets (an overloaded mirror port) or "
     "the traffic took another path."},
    {"tcp_duplicate_ack", "note", "duplicate ACKs",
     "The receiver repeats its acknowledgement: a segment is missing or out of order and it asks for it again."},
    {"tcp_zero_window", "warning", "zero-window advertisements",
     "The receiver's buffer is full: the receiving application cannot keep up, and the sender has to stop."},
    {"tcp_zero_window_probe", "note", "zero-window probes",
     "The sender probes a receiver whose window is closed: transfers stall until the receiver reads its data."},
    {"tcp_window_full", "warning", "window-full segments",
     "The sender filled the receiver's whole advertised window and must wait: the window is too small for the "
     "path, or the receiver is slow."},
    {"tcp_keep_alive", "note", "keep-alives",
     "Probes on an idle connection: normal for long-lived idle sessions; many of them mean sessions held open "
     "without traffic."},
    {"tcp_reused_ports", "note", "reused port pairs",
     "A new connection reused the address and port pair of an earlier one: many short connections, or NAT "
     "recycling ports quickly."},
    {"tcp_reset", "warning", "resets (RST)",
     "Connections were aborted with RST: a service closing abruptly, a firewall rejecting, or an application "
     "failing."},
    {"tcp_refused", "warning", "refused connection attempts",
     "Connection attempts were answered with RST: nothing listens on that port, or a firewall rejects it."},
    {"tcp_unanswered", "warning", "unanswered connection attempts",
     "Connection attempts got no answer: the host is down or unreachable, or a firewall drops them silently."},
    {"dns_unanswered", "warning", "DNS queries without a response",
     "The server did not answer: it is down, unreachable or overloaded, or the answers are dropped on the way."},
    {"dns_servfail", "error", "SERVFAIL answers",
     "The server could not resolve the name: its upstream servers or the domain's own servers fail, or DNSSEC "
     "validation failed."},
    {"dns_refused", "warning", "REFUSED answers",
     "The server refused to answer: the client may not use it (a wrong resolver configured) or it does not "
     "serve that zone."},
    {"dns_nxdomain", "note", "NXDOMAIN answers",
     "The names asked for do not exist: typos, stale configuration (search domains, old hosts), or software "
     "generating random names."},
    {"dns_slow", "warning", "slow DNS answers",
     "Answers take long: an overloaded or distant resolver; every connection that needs a name waits for it."},
    {"http_client_error", "warning", "HTTP 4xx responses",
     "The server rejected requests: broken links, missing authentication, or clients asking for what does not "
     "exist."},
    {"http_server_error", "error", "HTTP 5xx responses",
     "The server failed to answer: application errors, overload, or a broken backend behind a proxy."},
    {"http_slow", "warning", "slow HTTP responses",
     "Responses take long: an overloaded server or a slow backend."},
    {"tls_alert", "warning", "TLS alerts",
     "A TLS handshake was refused: certificate not trusted, no protocol version or cipher in common, or a "
     "missing server name."},
    {"tls_slow_handshake", "warning", "slow TLS handshakes",
     "Setting up TLS takes long: a slow server, a long certificate chain, or a distant peer."},
    {"icmp_unreachable", "warning", "destination-unreachable messages",
     "Packets could not be delivered: no route, a host that is down, a closed UDP port, or a firewall "
     "rejecting."},
    {"icmp_time_exceeded", "note", "time-exceeded messages",
     "Packets ran out of hops (TTL): a routing loop, or a traceroute."},
    {"fragmentation_needed", "warning", "fragmentation-needed messages",
     "A router could not forward a packet without fragmenting it: the path MTU is smaller than the sender "
     "assumes (tunnels, VPN); transfers stall if these messages are blocked."},
    {"oversized_frame", "note", "frames larger than the Ethernet MTU",
     "Frames beyond 1518 bytes: jumbo frames, or segmentation offload on the capturing host (then not a network "
     "problem)."},
    {"dhcp_no_ack", "warning", "DHCP requests without an ACK",
     "A client asked for an address and got no ACK: no DHCP server reachable, an exhausted pool, a NAK, or a "
     "relay problem."},
    {"arp_unanswered", "note", "unanswered ARP requests",
     "Nobody answers for this address: the host is down or the address is not in use."},
    {"duplicate_ip", "error", "devices claiming the address",
     "Two devices use the same IP address: a static address that clashes with another host or the DHCP pool."},
    {"broadcast_heavy", "warning", "broadcast and multicast packets",
     "A large share of the traffic goes to everyone: a broadcast storm, a switching loop, or chatty discovery "
     "protocols."},
};
} // namespace

const HealthKindInfo &healthKindInfo(HealthKind kind)
{
    return kKinds[int(kind) < kHealthKindCount ? int(kind) : 0];
}

int healthSeverityRank(const char *severity)
{
    return std::strcmp(severity, "error") == 0 ? 2 : std::strcmp(severity, "warning") == 0 ? 1 : 0;
}

} // namespace packetlens
