// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../decode/decodedpacket.h"

#include <QString>
#include <QStringList>

namespace packetlens {

// The Info text of an application-layer packet as Wireshark writes it
// ("Response: 530 Login incorrect.", "Standard query response 0x… A x.org A
// 1.2.3.4", "DHCP Discover - Transaction ID 0x7c0"); empty when the packet
// has nothing of its protocol to say (then the transport's text is shown).
QString applicationInfo(const DecodedPacket &d);

// The text lines of a payload (CR LF or LF), control characters shown as '.'.
QStringList payloadLines(const DecodedPacket &d, int maxLines = 64);
// True when the packet travels from the server side (the lower, well-known port).
bool fromServerPort(const DecodedPacket &d);

} // namespace packetlens
