// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../decode/decodedpacket.h"
#include "../flow/streamnumbering.h"

#include <QString>

namespace packetlens {

// The packet list's columns for one decoded packet, as an analyst reads them
// in Wireshark: addresses (IP, else MAC), the innermost protocol and a
// one-line Info text.
QString packetSource(const DecodedPacket &d);
QString packetDestination(const DecodedPacket &d);
Proto packetTopProtocol(const DecodedPacket &d);
QString packetProtocolLabel(const DecodedPacket &d); // e.g. "TLS", "DNS", "TCP"
// With the packet's stream position, TCP numbers are relative and the
// window scaled, as Wireshark shows them by default.
QString packetInfo(const DecodedPacket &d, const StreamPosition *pos = nullptr);
QString tcpFlagsText(uint8_t flags); // "SYN, ACK"
QString dnsTypeLabel(uint16_t qtype); // "AAAA", or "TYPE99" when unnamed

} // namespace packetlens
