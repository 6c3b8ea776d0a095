// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../decode/ipaddress.h"

#include <cstdint>

namespace packetlens {

// One TCP direction's reassembly state (TcpStreams walks it): where the next
// in-order byte is and what record or message it is in.
struct TcpDirection
{
    enum class Mode : uint8_t { Unknown, Tls, HttpBody, HttpUntilClose };
    uint32_t nextSeq = 0;
    uint32_t tlsNeed = 0;  // bytes left in the current TLS record's body
    uint64_t httpNeed = 0; // bytes left in the current HTTP message body
    uint8_t hdrHave = 0;   // bytes of a TLS record header split across segments
    uint8_t hdr[5] = {};
    Mode mode = Mode::Unknown;
    bool seen = false;
};

// What a conversation's packets showed, as flags.
enum ConvFlag : uint16_t {
    OrigSyn = 1, RespSynAck = 2, OrigFin = 4, RespFin = 8, OrigRst = 16, RespRst = 32,
    RespSynOnly = 64,
    OrigAck = 128,      // the originator acknowledged (handshake completed or midstream)
    OrigData = 256,     // the originator sent payload
    RespData = 512,     // the responder sent payload
    OrigStealth = 1024, // NULL, FIN-only or XMAS probe from the originator
};

// A bidirectional conversation (5-tuple) as the analysis keeps it: the
// conversation table holds these, and listeners are given each one as it ends.
struct Conv
{
    IpAddress orig, resp;
    uint16_t origPort = 0, respPort = 0;
    uint8_t proto = 0;
    uint16_t flags = 0; // ConvFlag
    uint32_t healthSlot = 0; // the health analysis' TCP state (health/tcphealth.h); 0: none. Fills padding.
    uint64_t origPackets = 0, respPackets = 0;
    uint64_t origBytes = 0, respBytes = 0;
    int64_t firstNs = 0, lastNs = 0;
    uint64_t firstPacket = 0;     // also the conversation's id (PacketContext::conversationId)
    TcpDirection tcp[2];          // [0] originator -> responder, [1] back
    uint64_t senderMac[2] = {};   // the last source MAC of each direction, bit 48 set once seen
    uint64_t bytes() const { return origBytes + respBytes; }
    uint64_t packets() const { return origPackets + respPackets; }
};

// Zeek's conn_state.
enum ConnState : uint8_t { S0, S1, SF, REJ, S2, S3, RSTO, RSTR, RSTOS0, RSTRH, SH, SHR, OTH, ConnStateCount };
ConnState connState(const Conv &c);
const char *connStateName(ConnState s);

} // namespace packetlens
