// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../flow/packetexpert.h"

#include <cstdint>

namespace packetlens {

// What the sequence analysis reads of one TCP segment.
struct TcpSegment
{
    uint32_t seq = 0, ack = 0;
    uint32_t seglen = 0;   // payload bytes the segment carried (IP length minus headers)
    uint16_t window = 0;   // as sent (not scaled)
    uint8_t flags = 0;     // the TCP flags byte
    int8_t windowShift = -1; // a SYN's window-scale option, -1 when it has none
    int64_t tsNs = 0;
};

// One direction's state, as Wireshark keeps it per flow (0 stands for "not
// known yet", as there).
struct TcpSeqDirection
{
    uint32_t baseSeq = 0;
    uint32_t nextSeq = 0;         // highest sequence number seen plus its length
    uint32_t maxSeqToBeAcked = 0; // highest in-order sequence number to be ACKed
    uint32_t lastAck = 0;
    int64_t nextSeqNs = 0;        // when nextSeq last moved
    int64_t lastAckNs = 0;
    uint16_t dupAcks = 0;         // saturates (only ">= 2" is asked)
    uint16_t window = 0;          // the last segment's window, as sent
    uint16_t lastFlags = 0;       // analysis flags of this direction's last segment
    int8_t winScale = -1;         // -1 not known, -2 not used, else the shift
    bool baseSet = false;
};

// Both directions of a connection and its handshake times.
struct TcpSequenceState
{
    TcpSeqDirection dir[2];   // [0] originator -> responder, [1] back
    int64_t synNs = 0;        // most recent SYN
    int64_t synAckNs = 0;     // most recent SYN-ACK
    int64_t firstRttNs = 0;   // SYN to the first ACK (tcp.analysis.initial_rtt); 0 until seen
    int64_t firstAckNs = 0;
};

// Wireshark's TCP sequence analysis (packet-tcp.c, tcp_analyze_sequence_number,
// as in Wireshark 4.0): the tcp.analysis.* flags of a segment travelling in
// direction `from` (0 from the originator), updating the state. A SYN with a
// new initial sequence number on a used 4-tuple starts the state afresh
// (tcp.analysis.reused_ports).
uint16_t analyzeTcpSegment(TcpSequenceState &state, int from, const TcpSegment &seg);

} // namespace packetlens
