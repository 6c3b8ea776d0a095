// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <vector>

namespace packetlens {

// A TCP conversation's payload in order, both directions, as Wireshark's
// Follow TCP Stream shows it (tcp.stream numbering as Wireshark's).
struct FollowedStream
{
    struct Chunk
    {
        uint8_t dir = 0;    // 0: from node 0 (the sender of the stream's first packet)
        uint64_t frame = 0; // the packet that completed it
        QByteArray data;
    };
    int64_t index = -1;
    bool found = false;
    QString node[2]; // "10.0.0.1:1234", "[2001:db8::1]:80"
    std::vector<Chunk> chunks;
    uint64_t bytes[2] = {};
};

enum class FollowFormat { Ascii, Hex, Raw };

// Reads the capture (a zip's capture `entry`, from 0) and collects the
// payload of TCP stream `index`.
bool followTcpStream(const QString &path, int64_t index, FollowedStream &out, QString *error, int entry = 0);

// The stream as `tshark -q -z follow,tcp,ascii|hex,N` prints it; Raw is the
// bytes of both directions, in order, as they were sent.
QByteArray followText(const FollowedStream &s, FollowFormat format);
// One chunk in Wireshark's hex-dump layout (offset continues per direction).
QByteArray followHexDump(const QByteArray &data, uint64_t startOffset, bool indent);
// Printable ASCII as is, CR and LF kept, everything else (TAB too) as '.', as tshark does.
QByteArray followAscii(const QByteArray &data);

} // namespace packetlens
