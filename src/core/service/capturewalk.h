// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../capture/captureopener.h"
#include "../decode/decodedpacket.h"
#include "../flow/streamnumbering.h"

#include <QString>

#include <functional>

namespace packetlens {

// One packet of a walk over a capture: decoded, numbered in its stream.
struct WalkedPacket
{
    uint64_t number = 0; // 1-based frame number
    const RawPacket *raw = nullptr;
    const DecodedPacket *d = nullptr;
    StreamPosition pos;
};

// Reads a capture of a file (pcap, pcapng, gz or zip; `entry` counts the
// captures of a zip from 0) packet by packet, decoding each and numbering its
// TCP/UDP stream as Wireshark does, for passes that need no analysis (follow
// a stream, export objects). False with a message when the file cannot be
// opened as a capture or holds no such entry.
bool walkCapture(const QString &path, const std::function<void(const WalkedPacket &)> &visit, QString *error,
                 InputError *kind = nullptr, int entry = 0);

} // namespace packetlens
