// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "byteview.h"
#include "decodedpacket.h"

namespace packetlens {

// Link-layer types (LINKTYPE_* values as stored in pcap/pcapng files).
namespace linktype {
constexpr int Null = 0;
constexpr int Ethernet = 1;
constexpr int RawOld12 = 12;
constexpr int RawOld14 = 14;
constexpr int Raw = 101;
constexpr int Loop = 108;
constexpr int LinuxSll = 113;
constexpr int Ipv4 = 228;
constexpr int Ipv6 = 229;
constexpr int LinuxSll2 = 276;
} // namespace linktype

bool isDecodableLinkType(int linkType);

// Stateless packet decoder: link, network, transport and application layers.
// Reads only within the captured bytes; a header that fails validation marks
// the packet malformed (with a reason) and stops decoding.
class PacketDecoder
{
public:
    void decode(int linkType, const uint8_t *data, uint32_t caplen, uint32_t wireLen,
                DecodedPacket &out) const;

    // Decodes the transport of a reassembled datagram into `out` (the packet
    // that completed it). `partial`: only the datagram's first bytes are kept.
    void decodeReassembled(uint8_t proto, const uint8_t *data, uint32_t len, bool partial,
                           DecodedPacket &out) const;

private:
    void decodeEthernet(ByteView v, DecodedPacket &out) const;
    void decodeEtherType(uint16_t type, ByteView v, DecodedPacket &out) const;
    void decodeSll(ByteView v, DecodedPacket &out) const;
    void decodeSll2(ByteView v, DecodedPacket &out) const;
    void decodeNull(ByteView v, DecodedPacket &out) const;
    void decodeRawIp(ByteView v, DecodedPacket &out) const;
    void decodeArp(ByteView v, DecodedPacket &out) const;
    void decodeMpls(ByteView v, DecodedPacket &out) const;
    void decodeIpv4(ByteView v, DecodedPacket &out) const;
    void decodeIpv6(ByteView v, DecodedPacket &out) const;
    void decodeTransport(uint8_t proto, ByteView v, DecodedPacket &out) const;
    void decodeTcp(ByteView v, DecodedPacket &out) const;
    void decodeUdp(ByteView v, DecodedPacket &out) const;
    void decodeIcmp(ByteView v, bool v6, DecodedPacket &out) const;

};

} // namespace packetlens
