// SPDX-License-Identifier: GPL-3.0-or-later
// Application payloads in a TCP or UDP conversation between two ports of
// the input's choosing, so that recognition by port and content (SSH, FTP,
// SMTP, QUIC, DHCP, NetBIOS/SMB, …), the app dissectors, the Info column and
// the payload-reading detectors (cleartext logins, back doors) all see them.
// Input: [bit 0: UDP][client port: 2][server port: 2] then segments
// [bit 7: from the server, low bits: ms since the last][length: 2][payload].
#include "fuzzsupport.h"
#include "fuzztarget.h"

#include "support/packetbuilder.h"

#include <algorithm>

using namespace packetlens;
using PB = test::PacketBuilder;

namespace {
void appendPacket(QByteArray &seq, uint8_t step, const QByteArray &frame)
{
    seq.append(char(step & 0x7f));
    seq.append(char(frame.size() >> 8));
    seq.append(char(frame.size() & 0xff));
    seq.append(frame);
}
} // namespace

PACKETLENS_FUZZ_TARGET(app)
{
    if (size < 5)
        return 0;
    const bool udp = data[0] & 1;
    const uint16_t cport = uint16_t(data[1] << 8 | data[2]), sport = uint16_t(data[3] << 8 | data[4]);
    const QString client = QStringLiteral("10.1.0.1"), server = QStringLiteral("10.2.0.2");
    QByteArray seq(1, '\0'); // Ethernet
    uint32_t cseq = 1000, sseq = 9000;
    if (!udp) {
        appendPacket(seq, 1, PB::tcpFrame(client, cport, server, sport, test::tcpflags::Syn, cseq++));
        appendPacket(seq, 1, PB::tcpFrame(server, sport, client, cport, test::tcpflags::Syn | test::tcpflags::Ack, sseq++, cseq));
    }
    const std::vector<fuzz::FuzzPacket> segments = fuzz::splitPackets(data + 5, size - 5);
    for (size_t i = 0; i < segments.size() && i < 64; ++i) {
        const bool fromServer = segments[i].wireLen != segments[i].size; // the step's high bit
        const QByteArray payload(reinterpret_cast<const char *>(segments[i].data),
                                 qsizetype(std::min<uint32_t>(segments[i].size, 65000))); // a frame's length fits 2 bytes
        const QString &src = fromServer ? server : client, &dst = fromServer ? client : server;
        const uint16_t sp = fromServer ? sport : cport, dp = fromServer ? cport : sport;
        uint32_t &mySeq = fromServer ? sseq : cseq;
        const uint32_t theirSeq = fromServer ? cseq : sseq;
        appendPacket(seq, 1, udp ? PB::udpFrame(src, sp, dst, dp, payload)
                                 : PB::tcpFrame(src, sp, dst, dp, test::tcpflags::Psh | test::tcpflags::Ack, mySeq, theirSeq, payload));
        mySeq += uint32_t(payload.size());
    }
    fuzz::runPacketSequence({1}, reinterpret_cast<const uint8_t *>(seq.constData()), size_t(seq.size()));
    return 0;
}
