// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace packetlens {

// The kinds of health items (report `health.items[].kind`), each with its
// Wireshark-style expert level; what each is called and usually means is in
// the message catalogue (health.<kind>.noun / .meaning).
enum class HealthKind : uint8_t {
    TcpRetransmission, TcpFastRetransmission, TcpSpuriousRetransmission, TcpOutOfOrder, TcpLostSegment,
    TcpAckLostSegment, TcpDuplicateAck, TcpZeroWindow, TcpZeroWindowProbe, TcpWindowFull, TcpKeepAlive,
    TcpReusedPorts, TcpReset, TcpRefused, TcpUnanswered,
    DnsUnanswered, DnsServfail, DnsRefused, DnsNxdomain, DnsSlow,
    HttpClientError, HttpServerError, HttpSlow,
    TlsAlert, TlsSlowHandshake,
    IcmpUnreachable, IcmpTimeExceeded, FragmentationNeeded, OversizedFrame,
    DhcpNoAck, ArpUnanswered, DuplicateIp, BroadcastHeavy,
    Count
};
inline constexpr int kHealthKindCount = int(HealthKind::Count);

struct HealthKindInfo
{
    const char *name;     // "tcp_zero_window"
    const char *severity; // "note", "warning", "error"
};
const HealthKindInfo &healthKindInfo(HealthKind kind);
int healthSeverityRank(const char *severity); // error 2, warning 1, note 0

} // namespace packetlens
