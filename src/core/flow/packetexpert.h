// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "packetanomaly.h"

#include <cstdint>

namespace packetlens {

// Wireshark's tcp.analysis.* flags, one bit each (health/tcpsequence.cpp sets
// them as Wireshark's tcp_analyze_sequence_number does).
enum TcpAnalysisFlag : uint16_t {
    TcpRetransmission = 1 << 0,
    TcpFastRetransmission = 1 << 1,
    TcpSpuriousRetransmission = 1 << 2,
    TcpOutOfOrder = 1 << 3,
    TcpLostSegment = 1 << 4,    // "previous segment not captured"
    TcpAckLostSegment = 1 << 5, // "ACKed unseen segment"
    TcpDuplicateAck = 1 << 6,
    TcpZeroWindow = 1 << 7,
    TcpZeroWindowProbe = 1 << 8,
    TcpZeroWindowProbeAck = 1 << 9,
    TcpWindowFull = 1 << 10,
    TcpWindowUpdate = 1 << 11,
    TcpKeepAlive = 1 << 12,
    TcpKeepAliveAck = 1 << 13,
    TcpReusedPorts = 1 << 14,
};
inline constexpr int kTcpAnalysisFlagCount = 15;
// tcp.analysis.retransmission holds for all three kinds, as in Wireshark.
inline constexpr uint16_t kTcpAnyRetransmission = TcpRetransmission | TcpFastRetransmission | TcpSpuriousRetransmission;

// What the analysis derived for one packet, Wireshark's generated fields:
// the tcp.analysis.* flags, dns.time on a DNS response, http.time on an
// HTTP response (the health analysis'), and the packet's anomalies (the
// anomaly log's). The analyzer fills it before the listeners see the packet
// (a face's packet list keeps it for its display filter).
struct PacketExpert
{
    uint16_t tcp = 0;         // TcpAnalysisFlag bits
    int64_t dnsTimeNs = -1;   // -1: none
    int64_t httpTimeNs = -1;  // -1: none
    PacketAnomalies anomalies;
    bool any() const { return tcp != 0 || dnsTimeNs >= 0 || httpTimeNs >= 0 || anomalies.any(); }
};

// "retransmission" for TcpRetransmission: the tcp.analysis.<name> field's name.
const char *tcpAnalysisName(int bit);

} // namespace packetlens
