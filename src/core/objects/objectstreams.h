// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../decode/ipaddress.h"
#include "../flow/tcpsequencer.h"

#include <QByteArray>

#include <cstdint>
#include <vector>

namespace packetlens {

// The reassembled bytes of one TCP stream kept for carving objects.
struct ObjectStream
{
    enum Kind : uint8_t { Http, FtpControl, FtpData, Smtp };
    Kind kind = Http;
    TcpSequencer seq[2];
    QByteArray data[2];  // [0] from the stream's first sender
    IpAddress addr[2];
    uint16_t port[2] = {};
    uint64_t lastFrame = 0;
    int64_t lastNs = 0;
    int64_t control = -1; // FtpData: the control connection's stream that announced it
    bool full = false;   // stopped keeping bytes at the size limit
    uint64_t counted = 0; // bytes of data[] counted against the carver's limit
    uint8_t fin = 0;     // bit dir: that side sent FIN
    bool carved = false; // closed on the wire and carved already: its bytes are gone
    bool retired = false; // FtpControl: its conversation ended (kept while a data stream waits for it)
    std::vector<int64_t> dataIds; // FtpControl: the data streams it announced, ascending
};

// "addr|port" of an FTP data connection's listening side.
QByteArray ftpEndpointKey(const IpAddress &a, uint16_t port);

} // namespace packetlens
