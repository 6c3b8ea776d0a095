// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../decode/decodedpacket.h"

#include <QString>

namespace packetlens {

// ICMP and ICMPv6 type and code names as Wireshark shows them ("Echo (ping)
// request", "Port unreachable"); empty when unnamed.
QString icmpTypeName(bool v6, uint8_t type);
QString icmpCodeName(bool v6, uint8_t type, uint8_t code);
// The identifier and sequence number of an echo request or reply.
bool icmpIdSeq(const DecodedPacket &d, uint16_t &id, uint16_t &seq);

} // namespace packetlens
