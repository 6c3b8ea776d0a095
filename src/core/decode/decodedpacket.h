// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ipaddress.h"
#include "protocols.h"

#include <cstdint>
#include <string>

namespace packetlens {

// Application-layer facts, filled only for the protocol the packet carries.
struct DnsFacts
{
    bool isResponse = false;
    uint16_t id = 0;
    uint16_t qtype = 0;
    uint8_t rcode = 0;
    uint16_t answers = 0;
    std::string qname; // first question, lower case, no trailing dot
    // Clears the facts; the string keeps its buffer for the next packet.
    void clear()
    {
        isResponse = false;
        id = qtype = answers = 0;
        rcode = 0;
        qname.clear();
    }
};

struct HttpFacts
{
    bool isRequest = false;
    uint16_t status = 0;
    std::string method, host, uri, userAgent, authorization;
    // Clears the facts; the strings keep their buffers for the next packet.
    void clear()
    {
        isRequest = false;
        status = 0;
        method.clear();
        host.clear();
        uri.clear();
        userAgent.clear();
        authorization.clear();
    }
};

struct TlsFacts
{
    uint8_t contentType = 0;
    uint16_t recordVersion = 0;
    uint8_t handshakeType = 0; // 1 = ClientHello, 2 = ServerHello (0 when not a handshake)
    uint16_t helloVersion = 0;
    uint16_t negotiatedVersion = 0; // from supported_versions when present
    std::string sni;
    // Clears the facts; the string keeps its buffer for the next packet.
    void clear()
    {
        contentType = handshakeType = 0;
        recordVersion = helloVersion = negotiatedVersion = 0;
        sni.clear();
    }
};

struct ArpFacts
{
    uint16_t op = 0;
    uint8_t senderMac[6] = {};
    uint8_t targetMac[6] = {};
    IpAddress senderIp, targetIp;
};

// An IP fragment's place in its datagram; the payload is reassembled by the
// analysis (see Defragmenter) and decoded when the datagram is complete.
struct FragmentFacts
{
    uint32_t id = 0;
    uint32_t offset = 0; // bytes
    bool more = false;
    uint8_t proto = 0;
    const uint8_t *data = nullptr;
    uint32_t len = 0;
};

// One packet's decoding result. Reused between packets: reset() clears it.
struct DecodedPacket
{
    static constexpr int kMaxDepth = 16;

    Proto path[kMaxDepth];
    // Where each layer of path starts in the frame (kNotInFrame for layers
    // decoded from elsewhere, e.g. a reassembled datagram): the one walk
    // over the headers that the packet details reuse.
    static constexpr uint32_t kNotInFrame = ~uint32_t(0);
    uint32_t layerAt[kMaxDepth];
    uint8_t depth = 0;
    const uint8_t *frame = nullptr; // the bytes decode() was given (valid during the call)
    uint32_t frameLen = 0;

    bool hasMac = false;
    uint8_t srcMac[6] = {};
    uint8_t dstMac[6] = {};
    uint16_t vlanId = 0;

    IpAddress src, dst;
    uint8_t ipProto = 0; // IP protocol number of the transport
    uint8_t ttl = 0;
    bool fragment = false;      // any IP fragment
    bool laterFragment = false; // offset > 0: no transport header
    bool reassembled = false;   // this fragment completed its datagram
    FragmentFacts frag;

    Proto l4 = Proto::Count; // Tcp, Udp, Icmp, Icmpv6, or Count when none
    uint16_t sport = 0, dport = 0;
    uint8_t tcpFlags = 0;
    uint32_t seq = 0, ack = 0;
    uint16_t window = 0;
    uint8_t icmpType = 0, icmpCode = 0;
    const uint8_t *payload = nullptr;
    uint32_t payloadLen = 0;
    bool tcpRetransmission = false; // set by the stream tracker

    Proto app = Proto::Count; // application protocol recognized, Count when none
    // An HTTP request or status line starts in this packet. Stays set when the
    // stream tracker shows the packet as a TCP segment of a longer message
    // (app cleared, as Wireshark counts frames), so statistics and detectors
    // still see every request and response.
    bool httpMessage = false;
    DnsFacts dns;
    HttpFacts http;
    TlsFacts tls;
    ArpFacts arp;
    bool hasArp = false;

    bool malformed = false;
    Proto malformedAt = Proto::Count;
    const char *malformedReason = nullptr;
    bool snapped = false;     // caplen < len: bytes were not captured
    bool ipChecksumBad = false;
    bool arpUnusual = false;  // ARP that is not Ethernet/IPv4
    bool caplenOverLen = false;
    bool unknownLink = false;
    bool tcpCut = false;      // the TCP header was cut short: its flags are not known

    void reset();
    // Adds a layer; `at` is where its header starts (in the frame, or not).
    void push(Proto p, const uint8_t *at = nullptr)
    {
        if (depth < kMaxDepth) {
            layerAt[depth] = at && at >= frame && at < frame + frameLen ? uint32_t(at - frame) : kNotInFrame;
            path[depth++] = p;
        }
    }
    void setMalformed(Proto at, const char *reason)
    {
        if (!malformed) {
            malformed = true;
            malformedAt = at;
            malformedReason = reason;
        }
    }
    bool has(Proto p) const
    {
        for (int i = 0; i < depth; ++i)
            if (path[i] == p)
                return true;
        return false;
    }
};

// TCP flag combinations no real stack sends, and the land attack (a SYN whose
// source and destination address and port are the same). Used by the anomaly
// log, the malformed-traffic detector and the detection engine, for every
// packet (hence inline).
enum class TcpFlagIssue { None, SynFin, SynRst, NoFlags };
inline TcpFlagIssue tcpFlagIssue(const DecodedPacket &d)
{
    if (d.l4 != Proto::Tcp || d.tcpCut || (d.malformed && d.malformedAt == Proto::Tcp))
        return TcpFlagIssue::None;
    const uint8_t f = d.tcpFlags;
    if ((f & 0x03) == 0x03)
        return TcpFlagIssue::SynFin;
    if ((f & 0x06) == 0x06)
        return TcpFlagIssue::SynRst;
    return f == 0 ? TcpFlagIssue::NoFlags : TcpFlagIssue::None;
}
inline bool isLandAttack(const DecodedPacket &d)
{
    return d.l4 == Proto::Tcp && !d.tcpCut && !(d.malformed && d.malformedAt == Proto::Tcp) && d.src.isValid() && d.src == d.dst
           && d.sport == d.dport && (d.tcpFlags & 0x02);
}

} // namespace packetlens
