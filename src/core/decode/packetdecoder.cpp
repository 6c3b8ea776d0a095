// SPDX-License-Identifier: GPL-3.0-or-later
#include "packetdecoder.h"

#include "appdecoder.h"
#include "vlanwalk.h"

namespace packetlens {

namespace {
constexpr uint16_t kEtherIpv4 = 0x0800;
constexpr uint16_t kEtherArp = 0x0806;
constexpr uint16_t kEtherIpv6 = 0x86dd;
constexpr uint16_t kEtherMpls = 0x8847;
constexpr uint16_t kEtherMplsMc = 0x8848;
constexpr int kMaxVlanTags = 8;
constexpr int kMaxMplsLabels = 16;
} // namespace

bool isDecodableLinkType(int lt)
{
    switch (lt) {
    case linktype::Null: case linktype::Ethernet: case linktype::RawOld12: case linktype::RawOld14:
    case linktype::Raw: case linktype::Loop: case linktype::LinuxSll: case linktype::Ipv4:
    case linktype::Ipv6: case linktype::LinuxSll2:
        return true;
    default:
        return false;
    }
}

void DecodedPacket::reset()
{
    depth = 0;
    hasMac = false;
    vlanId = 0;
    src = IpAddress();
    dst = IpAddress();
    ipProto = 0;
    ttl = 0;
    fragment = laterFragment = reassembled = false;
    frag = FragmentFacts();
    l4 = Proto::Count;
    sport = dport = 0;
    tcpFlags = 0;
    seq = ack = 0;
    window = 0;
    icmpType = icmpCode = 0;
    payload = nullptr;
    payloadLen = 0;
    tcpRetransmission = false;
    app = Proto::Count;
    httpMessage = false;
    // Facts of an earlier packet must never be read as this one's (the stream
    // tracker can mark a continuation segment as TLS or HTTP without parsing it).
    tls.clear();
    http.clear();
    hasArp = false;
    malformed = false;
    malformedAt = Proto::Count;
    malformedReason = nullptr;
    snapped = caplenOverLen = unknownLink = tcpCut = false;
    ipChecksumBad = arpUnusual = false;
}

void PacketDecoder::decode(int linkType, const uint8_t *data, uint32_t caplen, uint32_t wireLen,
                           DecodedPacket &out) const
{
    out.reset();
    out.frame = data;
    out.frameLen = caplen;
    if (caplen > wireLen)
        out.caplenOverLen = true;
    else if (caplen < wireLen)
        out.snapped = true;
    ByteView v(data, caplen);
    switch (linkType) {
    case linktype::Ethernet: decodeEthernet(v, out); break;
    case linktype::LinuxSll: decodeSll(v, out); break;
    case linktype::LinuxSll2: decodeSll2(v, out); break;
    case linktype::Null:
    case linktype::Loop: decodeNull(v, out); break;
    case linktype::RawOld12:
    case linktype::RawOld14:
    case linktype::Raw:
        out.push(Proto::Raw, v.data());
        decodeRawIp(v, out);
        break;
    case linktype::Ipv4: decodeIpv4(v, out); break;
    case linktype::Ipv6: decodeIpv6(v, out); break;
    default: out.unknownLink = true; break;
    }
}

void PacketDecoder::decodeEthernet(ByteView v, DecodedPacket &out) const
{
    out.push(Proto::Eth, v.data());
    uint16_t type = 0;
    if (!v.be16(12, type)) {
        out.setMalformed(Proto::Eth, "ethernet header shorter than 14 bytes");
        return;
    }
    out.hasMac = true;
    for (int i = 0; i < 6; ++i) {
        out.dstMac[i] = v.data()[i];
        out.srcMac[i] = v.data()[6 + i];
    }
    if (type <= 1500) { // IEEE 802.3 length field: LLC follows
        out.push(Proto::Llc, v.data() + 14);
        return;
    }
    decodeEtherType(type, v.from(14), out);
}

void PacketDecoder::decodeEtherType(uint16_t type, ByteView v, DecodedPacket &out) const
{
    size_t tagBytes = 0;
    const vlan::Stop stop = vlan::walk(v, type, tagBytes, kMaxVlanTags, [&](uint16_t tci, size_t at) {
        out.push(Proto::Vlan, v.data() + at);
        if (out.vlanId == 0)
            out.vlanId = tci & 0x0fff;
    });
    if (stop == vlan::Stop::TooMany) {
        out.push(Proto::Vlan, v.data() + tagBytes);
        out.setMalformed(Proto::Vlan, "too many stacked VLAN tags");
        return;
    }
    if (stop == vlan::Stop::Short) {
        out.push(Proto::Vlan, v.data() + tagBytes);
        out.setMalformed(Proto::Vlan, "802.1Q tag shorter than 4 bytes");
        return;
    }
    v = v.from(tagBytes);
    if (tagBytes > 0 && type <= 1500) {
        out.push(Proto::Llc, v.data());
        return;
    }
    switch (type) {
    case kEtherIpv4: decodeIpv4(v, out); break;
    case kEtherIpv6: decodeIpv6(v, out); break;
    case kEtherArp: decodeArp(v, out); break;
    case kEtherMpls:
    case kEtherMplsMc: decodeMpls(v, out); break;
    default: break; // other EtherTypes are counted at the link layer only
    }
}

void PacketDecoder::decodeSll(ByteView v, DecodedPacket &out) const
{
    out.push(Proto::Sll, v.data());
    uint16_t proto = 0, addrLen = 0;
    if (!v.be16(14, proto) || !v.be16(4, addrLen)) {
        out.setMalformed(Proto::Sll, "Linux cooked header shorter than 16 bytes");
        return;
    }
    if (addrLen == 6 && v.has(6, 6)) {
        out.hasMac = true;
        for (int i = 0; i < 6; ++i)
            out.srcMac[i] = v.data()[6 + i];
    }
    decodeEtherType(proto, v.from(16), out);
}

void PacketDecoder::decodeSll2(ByteView v, DecodedPacket &out) const
{
    out.push(Proto::Sll, v.data());
    uint16_t proto = 0;
    uint8_t addrLen = 0;
    if (!v.be16(0, proto) || !v.u8(11, addrLen) || !v.has(0, 20)) {
        out.setMalformed(Proto::Sll, "Linux cooked v2 header shorter than 20 bytes");
        return;
    }
    if (addrLen == 6) {
        out.hasMac = true;
        for (int i = 0; i < 6; ++i)
            out.srcMac[i] = v.data()[12 + i];
    }
    decodeEtherType(proto, v.from(20), out);
}

void PacketDecoder::decodeNull(ByteView v, DecodedPacket &out) const
{
    out.push(Proto::Null, v.data());
    uint32_t family = 0;
    if (!v.le32(0, family)) {
        out.setMalformed(Proto::Null, "loopback header shorter than 4 bytes");
        return;
    }
    // The family is in the writer's byte order; accept both.
    if (family > 0xffff)
        family = __builtin_bswap32(family);
    ByteView payload = v.from(4);
    if (family == 2)
        decodeIpv4(payload, out);
    else if (family == 24 || family == 28 || family == 30 || family == 10)
        decodeIpv6(payload, out);
}

void PacketDecoder::decodeRawIp(ByteView v, DecodedPacket &out) const
{
    uint8_t first = 0;
    if (!v.u8(0, first)) {
        out.setMalformed(Proto::Raw, "empty raw IP packet");
        return;
    }
    if ((first >> 4) == 4)
        decodeIpv4(v, out);
    else if ((first >> 4) == 6)
        decodeIpv6(v, out);
    else
        out.setMalformed(Proto::Raw, "raw packet is neither IPv4 nor IPv6");
}

void PacketDecoder::decodeArp(ByteView v, DecodedPacket &out) const
{
    out.push(Proto::Arp, v.data());
    uint16_t htype = 0, ptype = 0, op = 0;
    uint8_t hlen = 0, plen = 0;
    if (!v.be16(0, htype) || !v.be16(2, ptype) || !v.u8(4, hlen) || !v.u8(5, plen)
        || !v.be16(6, op)) {
        out.setMalformed(Proto::Arp, "ARP header shorter than 8 bytes");
        return;
    }
    if (hlen != 6 || plen != 4 || ptype != kEtherIpv4) {
        out.arpUnusual = true; // not Ethernet/IPv4 ARP: counted, not interpreted
        return;
    }
    if (!v.has(8, 20)) {
        out.setMalformed(Proto::Arp, "ARP addresses cut short");
        return;
    }
    const uint8_t *p = v.data() + 8;
    out.hasArp = true;
    out.arp.op = op;
    for (int i = 0; i < 6; ++i) {
        out.arp.senderMac[i] = p[i];
        out.arp.targetMac[i] = p[10 + i];
    }
    out.arp.senderIp.setV4(p + 6);
    out.arp.targetIp.setV4(p + 16);
}

void PacketDecoder::decodeMpls(ByteView v, DecodedPacket &out) const
{
    out.push(Proto::Mpls, v.data());
    for (int i = 0; i < kMaxMplsLabels; ++i) {
        uint32_t entry = 0;
        if (!v.be32(0, entry)) {
            out.setMalformed(Proto::Mpls, "MPLS label stack cut short");
            return;
        }
        v = v.from(4);
        if (entry & 0x100) { // bottom of stack
            uint8_t first = 0;
            if (v.u8(0, first)) {
                if ((first >> 4) == 4)
                    decodeIpv4(v, out);
                else if ((first >> 4) == 6)
                    decodeIpv6(v, out);
            }
            return;
        }
    }
    out.setMalformed(Proto::Mpls, "MPLS label stack too deep");
}

} // namespace packetlens
