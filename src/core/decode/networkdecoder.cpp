// SPDX-License-Identifier: GPL-3.0-or-later
// The network and transport layers: IPv4 (fragments, checksum), IPv6 with its
// extension headers, TCP, UDP, ICMP; the application layer is appdecoder's.
#include "packetdecoder.h"

#include "appdecoder.h"

namespace packetlens {

namespace {
constexpr int kMaxIpv6ExtHeaders = 16;
} // namespace

void PacketDecoder::decodeIpv4(ByteView v, DecodedPacket &out) const
{
    out.push(Proto::Ip, v.data());
    uint8_t vihl = 0;
    if (!v.u8(0, vihl) || !v.has(0, 20)) {
        out.setMalformed(Proto::Ip, "IPv4 header shorter than 20 bytes");
        return;
    }
    if ((vihl >> 4) != 4) {
        out.setMalformed(Proto::Ip, "IPv4 header with wrong version");
        return;
    }
    const size_t ihl = size_t(vihl & 0x0f) * 4;
    uint16_t totalLen = 0, fragField = 0;
    v.be16(2, totalLen);
    v.be16(6, fragField);
    if (ihl < 20) {
        out.setMalformed(Proto::Ip, "IPv4 header length below 20 bytes");
        return;
    }
    if (!v.has(0, ihl)) {
        out.setMalformed(Proto::Ip, "IPv4 options cut short");
        return;
    }
    out.src.setV4(v.data() + 12);
    out.dst.setV4(v.data() + 16);
    out.ttl = v.data()[8];
    // RFC 1071: the one's complement sum, here of 32-bit words in the host's
    // order (ihl is a multiple of 4); all ones in either byte order.
    uint64_t wide = 0;
    for (size_t i = 0; i < ihl; i += 4) {
        uint32_t w;
        std::memcpy(&w, v.data() + i, 4);
        wide += w;
    }
    wide = (wide & 0xffffffff) + (wide >> 32);
    wide = (wide & 0xffffffff) + (wide >> 32);
    uint32_t sum = uint32_t(wide & 0xffff) + uint32_t(wide >> 16);
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    // 0 is left by senders that offload checksumming: not an error.
    out.ipChecksumBad = sum != 0xffff && (v.data()[10] | v.data()[11]) != 0;
    out.ipProto = v.data()[9];
    if (totalLen == 0) // TCP segmentation offload writes 0: use what was captured
        totalLen = uint16_t(v.size() > 0xffff ? 0xffff : v.size());
    if (totalLen < ihl) {
        out.setMalformed(Proto::Ip, "IPv4 total length smaller than its header");
        return;
    }
    if (totalLen > v.size() && !out.snapped) {
        // Like Wireshark: flag it, then decode what is there.
        out.setMalformed(Proto::Ip, "IPv4 total length exceeds the frame");
        out.snapped = true;
    }
    const uint16_t fragOffset = fragField & 0x1fff;
    const bool moreFragments = fragField & 0x2000;
    const ByteView payload = v.slice(ihl, totalLen - ihl);
    if (fragOffset != 0 || moreFragments) {
        out.fragment = true;
        out.laterFragment = fragOffset != 0;
        uint16_t id = 0;
        v.be16(4, id);
        out.frag = FragmentFacts{id, uint32_t(fragOffset) * 8, moreFragments, out.ipProto,
                                 payload.data(), uint32_t(payload.size())};
        return; // the transport is decoded once the datagram is reassembled
    }
    decodeTransport(out.ipProto, payload, out);
}

void PacketDecoder::decodeIpv6(ByteView v, DecodedPacket &out) const
{
    out.push(Proto::Ipv6, v.data());
    uint8_t first = 0;
    if (!v.u8(0, first) || !v.has(0, 40)) {
        out.setMalformed(Proto::Ipv6, "IPv6 header shorter than 40 bytes");
        return;
    }
    if ((first >> 4) != 6) {
        out.setMalformed(Proto::Ipv6, "IPv6 header with wrong version");
        return;
    }
    uint16_t payloadLen = 0;
    v.be16(4, payloadLen);
    uint8_t next = v.data()[6];
    out.ttl = v.data()[7];
    out.src.setV6(v.data() + 8);
    out.dst.setV6(v.data() + 24);
    if (payloadLen == 0 && next != 0) // jumbogram or offload: use what was captured
        payloadLen = uint16_t(v.size() - 40 > 0xffff ? 0xffff : v.size() - 40);
    if (size_t(payloadLen) + 40 > v.size() && !out.snapped) {
        out.setMalformed(Proto::Ipv6, "IPv6 payload length exceeds the frame");
        out.snapped = true;
    }
    ByteView p = v.slice(40, payloadLen);
    for (int i = 0;; ++i) {
        if (i > kMaxIpv6ExtHeaders) {
            out.setMalformed(Proto::Ipv6, "IPv6 extension header chain too long");
            return;
        }
        if (next == 0 || next == 43 || next == 60 || next == 135 || next == 139 || next == 140) {
            uint8_t nh = 0, len = 0;
            if (!p.u8(0, nh) || !p.u8(1, len)) {
                out.setMalformed(Proto::Ipv6, "IPv6 extension header cut short");
                return;
            }
            const size_t bytes = (size_t(len) + 1) * 8;
            if (!p.has(0, bytes)) {
                out.setMalformed(Proto::Ipv6, "IPv6 extension header cut short");
                return;
            }
            next = nh;
            p = p.from(bytes);
        } else if (next == 44) { // fragment header
            uint8_t nh = 0;
            uint16_t offField = 0;
            uint32_t id = 0;
            if (!p.u8(0, nh) || !p.be16(2, offField) || !p.be32(4, id)) {
                out.setMalformed(Proto::Ipv6, "IPv6 fragment header cut short");
                return;
            }
            out.fragment = true;
            out.laterFragment = (offField >> 3) != 0;
            out.ipProto = nh;
            const ByteView rest = p.from(8);
            out.frag = FragmentFacts{id, uint32_t(offField >> 3) * 8, bool(offField & 1), nh,
                                     rest.data(), uint32_t(rest.size())};
            return; // the transport is decoded once the datagram is reassembled
        } else if (next == 51) { // authentication header: length in 4-byte units
            uint8_t nh = 0, len = 0;
            if (!p.u8(0, nh) || !p.u8(1, len) || !p.has(0, (size_t(len) + 2) * 4)) {
                out.setMalformed(Proto::Ipv6, "IPv6 authentication header cut short");
                return;
            }
            next = nh;
            p = p.from((size_t(len) + 2) * 4);
        } else {
            break;
        }
    }
    out.ipProto = next;
    decodeTransport(next, p, out);
}

void PacketDecoder::decodeReassembled(uint8_t proto, const uint8_t *data, uint32_t len,
                                      bool partial, DecodedPacket &out) const
{
    const bool wasSnapped = out.snapped;
    out.snapped = out.snapped || partial;
    out.reassembled = true;
    out.laterFragment = false;
    decodeTransport(proto, ByteView(data, len), out);
    out.snapped = wasSnapped;
}

void PacketDecoder::decodeTransport(uint8_t proto, ByteView v, DecodedPacket &out) const
{
    switch (proto) {
    case 6: decodeTcp(v, out); break;
    case 17: decodeUdp(v, out); break;
    case 1: decodeIcmp(v, false, out); break;
    case 58: decodeIcmp(v, true, out); break;
    case 2: out.push(Proto::Igmp, v.data()); break;
    case 47: out.push(Proto::Gre, v.data()); break;
    case 50: out.push(Proto::Esp, v.data()); break;
    case 132: out.push(Proto::Sctp, v.data()); break;
    case 4: // IP in IP
        if (out.depth < DecodedPacket::kMaxDepth - 4)
            decodeIpv4(v, out);
        break;
    case 41:
        if (out.depth < DecodedPacket::kMaxDepth - 4)
            decodeIpv6(v, out);
        break;
    default: break;
    }
}

void PacketDecoder::decodeTcp(ByteView v, DecodedPacket &out) const
{
    out.push(Proto::Tcp, v.data());
    out.l4 = Proto::Tcp;
    uint8_t offByte = 0;
    if (!v.has(0, 20) || !v.u8(12, offByte)) {
        out.tcpCut = true; // behind a malformed IP header the TCP one may be cut too: no flags to judge
        out.setMalformed(Proto::Tcp, "TCP header shorter than 20 bytes");
        return;
    }
    v.be16(0, out.sport);
    v.be16(2, out.dport);
    v.be32(4, out.seq);
    v.be32(8, out.ack);
    v.u8(13, out.tcpFlags);
    v.be16(14, out.window);
    const size_t hdr = size_t(offByte >> 4) * 4;
    if (hdr < 20) {
        out.setMalformed(Proto::Tcp, "TCP data offset below 20 bytes");
        return;
    }
    if (!v.has(0, hdr)) {
        if (!out.snapped)
            out.setMalformed(Proto::Tcp, "TCP options exceed the segment");
        return;
    }
    ByteView payload = v.from(hdr);
    out.payload = payload.data();
    out.payloadLen = uint32_t(payload.size());
    if (!payload.empty())
        decodeApplication(payload, out);
}

void PacketDecoder::decodeUdp(ByteView v, DecodedPacket &out) const
{
    out.push(Proto::Udp, v.data());
    out.l4 = Proto::Udp;
    uint16_t len = 0;
    if (!v.has(0, 8)) {
        out.setMalformed(Proto::Udp, "UDP header shorter than 8 bytes");
        return;
    }
    v.be16(0, out.sport);
    v.be16(2, out.dport);
    v.be16(4, len);
    if (len < 8 && len != 0) {
        out.setMalformed(Proto::Udp, "UDP length below 8 bytes");
        return;
    }
    if (len > v.size() && !out.snapped) {
        out.setMalformed(Proto::Udp, "UDP length exceeds the IP payload");
        out.snapped = true;
    }
    ByteView payload = len == 0 ? v.from(8) : v.slice(8, size_t(len) - 8);
    out.payload = payload.data();
    out.payloadLen = uint32_t(payload.size());
    if (!payload.empty())
        decodeApplication(payload, out);
}

void PacketDecoder::decodeIcmp(ByteView v, bool v6, DecodedPacket &out) const
{
    const Proto p = v6 ? Proto::Icmpv6 : Proto::Icmp;
    out.push(p, v.data());
    out.l4 = p;
    if (!v.u8(0, out.icmpType) || !v.u8(1, out.icmpCode) || !v.has(0, 4)) {
        out.setMalformed(p, "ICMP header shorter than 4 bytes");
        return;
    }
    out.payload = v.data() + 4;
    out.payloadLen = uint32_t(v.size() - 4);
    if (!v6 && (out.icmpType == 3 || out.icmpType == 11 || out.icmpType == 12 || out.icmpType == 5))
        decodeIcmpQuotedApplication(v.from(8), out);
}

} // namespace packetlens
