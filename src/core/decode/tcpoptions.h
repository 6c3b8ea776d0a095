// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decodedpacket.h"

#include <cstdint>

namespace packetlens {

// The TCP options of a decoded packet, in the order sent (for the Info
// column, as Wireshark lists them: "MSS=1460 WS=16 SACK_PERM TSval=… TSecr=…").
struct TcpOptions
{
    static constexpr int kMax = 12;
    struct Option
    {
        uint8_t kind = 0;
        uint32_t a = 0, b = 0; // MSS; WS shift; TSval, TSecr
    };
    Option items[kMax];
    int count = 0;
    int windowShift = -1; // WS option, -1 when absent
};

// The options of d's TCP header; empty when d is not TCP or the header is
// not in the frame. d.frame must still point at the bytes decoded.
TcpOptions tcpOptions(const DecodedPacket &d);

} // namespace packetlens
