// SPDX-License-Identifier: GPL-3.0-or-later
#include "healthkinds.h"

#include <cstring>

namespace packetlens {

namespace {
// Levels follow Wireshark's expert information where it has the same item. What
// each is called and means, in each language: "health.<name>.noun" and
// "health.<name>.meaning" in report/messagecatalog.cpp.
const HealthKindInfo kKinds[kHealthKindCount] = {
    {"tcp_retransmission", "note"},
    {"tcp_fast_retransmission", "note"},
    {"tcp_spurious_retransmission", "note"},
    {"tcp_out_of_order", "warning"},
    {"tcp_lost_segment", "warning"},
    {"tcp_ack_lost_segment", "warning"},
    {"tcp_duplicate_ack", "note"},
    {"tcp_zero_window", "warning"},
    {"tcp_zero_window_probe", "note"},
    {"tcp_window_full", "warning"},
    {"tcp_keep_alive", "note"},
    {"tcp_reused_ports", "note"},
    {"tcp_reset", "warning"},
    {"tcp_refused", "warning"},
    {"tcp_unanswered", "warning"},
    {"dns_unanswered", "warning"},
    {"dns_servfail", "error"},
    {"dns_refused", "warning"},
    {"dns_nxdomain", "note"},
    {"dns_slow", "warning"},
    {"http_client_error", "warning"},
    {"http_server_error", "error"},
    {"http_slow", "warning"},
    {"tls_alert", "warning"},
    {"tls_slow_handshake", "warning"},
    {"icmp_unreachable", "warning"},
    {"icmp_time_exceeded", "note"},
    {"fragmentation_needed", "warning"},
    {"oversized_frame", "note"},
    {"dhcp_no_ack", "warning"},
    {"arp_unanswered", "note"},
    {"duplicate_ip", "error"},
    {"broadcast_heavy", "warning"},
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
