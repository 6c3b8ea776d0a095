// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The display filter's parsed form: fields, operators and the node tree
// (displayfilter.cpp evaluates it, displayfilterparser.cpp builds it).
#include "displayfilter.h"

#include <QStringList>

#include <algorithm>
#include <string>
#include <vector>

namespace packetlens {
namespace filter {

enum class Field {
    IpAddr, IpSrc, IpDst, TcpPort, TcpSrc, TcpDst, UdpPort, UdpSrc, UdpDst, FrameLen, FrameNumber, Info,
    TcpAnalysis, TcpFlag, DnsTime, HttpTime, DnsRcode, HttpCode, IcmpType, IcmpCode, TcpStream, ColProtocol,
    DnsResponse, DnsQryType, DnsQryName, HttpMethod, HttpHost, HttpUserAgent,
    TlsHandshakeType, TlsHandshakeVersion, TlsSupportedVersion, TlsSni,
    Anomaly, AnomalyProtocol, AnomalyDetail, AnomalyFlag
};
enum class Op { Eq, Ne, Gt, Lt, Ge, Le, Contains, In, Exists };

// How a field is compared: an address, a number, a port, seconds (decimals
// allowed), or only present or not (Wireshark's FT_NONE fields such as
// tcp.analysis.retransmission), or a text (a name, a user agent: == != and
// contains, the value quoted with \" and \\ escapes). Seconds, numbers other
// than the old fields' and texts may also stand alone, as a test that the
// packet has them.
enum class FieldType { Address, Number, Port, Seconds, Presence, Text };

struct FieldName
{
    const char *name;
    Field field;
    FieldType type;
    uint32_t mask = 0;        // the flag bits a TcpAnalysis or TcpFlag field tests
    bool mayStandAlone = false;
};

inline const FieldName kFields[] = {
    {"ip.addr", Field::IpAddr, FieldType::Address},     {"ip.src", Field::IpSrc, FieldType::Address},
    {"ip.dst", Field::IpDst, FieldType::Address},       {"ipv6.addr", Field::IpAddr, FieldType::Address},
    {"ipv6.src", Field::IpSrc, FieldType::Address},     {"ipv6.dst", Field::IpDst, FieldType::Address},
    {"tcp.port", Field::TcpPort, FieldType::Port},      {"tcp.srcport", Field::TcpSrc, FieldType::Port},
    {"tcp.dstport", Field::TcpDst, FieldType::Port},    {"udp.port", Field::UdpPort, FieldType::Port},
    {"udp.srcport", Field::UdpSrc, FieldType::Port},    {"udp.dstport", Field::UdpDst, FieldType::Port},
    {"frame.len", Field::FrameLen, FieldType::Number},  {"frame.number", Field::FrameNumber, FieldType::Number},
    {"info", Field::Info, FieldType::Number},
    {"tcp.stream", Field::TcpStream, FieldType::Number},
    {"_ws.col.protocol", Field::ColProtocol, FieldType::Number},
    // Wireshark's generated fields (the health analysis'), and a few it offers beside them.
    {"tcp.analysis.flags", Field::TcpAnalysis, FieldType::Presence, 0xffff},
    {"tcp.analysis.retransmission", Field::TcpAnalysis, FieldType::Presence, kTcpAnyRetransmission},
    {"tcp.analysis.fast_retransmission", Field::TcpAnalysis, FieldType::Presence, TcpFastRetransmission},
    {"tcp.analysis.spurious_retransmission", Field::TcpAnalysis, FieldType::Presence, TcpSpuriousRetransmission},
    {"tcp.analysis.out_of_order", Field::TcpAnalysis, FieldType::Presence, TcpOutOfOrder},
    {"tcp.analysis.lost_segment", Field::TcpAnalysis, FieldType::Presence, TcpLostSegment},
    {"tcp.analysis.ack_lost_segment", Field::TcpAnalysis, FieldType::Presence, TcpAckLostSegment},
    {"tcp.analysis.duplicate_ack", Field::TcpAnalysis, FieldType::Presence, TcpDuplicateAck},
    {"tcp.analysis.zero_window", Field::TcpAnalysis, FieldType::Presence, TcpZeroWindow},
    {"tcp.analysis.zero_window_probe", Field::TcpAnalysis, FieldType::Presence, TcpZeroWindowProbe},
    {"tcp.analysis.zero_window_probe_ack", Field::TcpAnalysis, FieldType::Presence, TcpZeroWindowProbeAck},
    {"tcp.analysis.window_full", Field::TcpAnalysis, FieldType::Presence, TcpWindowFull},
    {"tcp.analysis.window_update", Field::TcpAnalysis, FieldType::Presence, TcpWindowUpdate},
    {"tcp.analysis.keep_alive", Field::TcpAnalysis, FieldType::Presence, TcpKeepAlive},
    {"tcp.analysis.keep_alive_ack", Field::TcpAnalysis, FieldType::Presence, TcpKeepAliveAck},
    {"tcp.analysis.reused_ports", Field::TcpAnalysis, FieldType::Presence, TcpReusedPorts},
    {"tcp.flags.fin", Field::TcpFlag, FieldType::Number, 0x01, true},
    {"tcp.flags.syn", Field::TcpFlag, FieldType::Number, 0x02, true},
    {"tcp.flags.reset", Field::TcpFlag, FieldType::Number, 0x04, true},
    {"tcp.flags.push", Field::TcpFlag, FieldType::Number, 0x08, true},
    {"tcp.flags.ack", Field::TcpFlag, FieldType::Number, 0x10, true},
    {"dns.time", Field::DnsTime, FieldType::Seconds, 0, true},
    {"http.time", Field::HttpTime, FieldType::Seconds, 0, true},
    {"dns.flags.rcode", Field::DnsRcode, FieldType::Number, 0, true},
    {"http.response.code", Field::HttpCode, FieldType::Number, 0, true},
    {"icmp.type", Field::IcmpType, FieldType::Number, 0, true},
    {"icmp.code", Field::IcmpCode, FieldType::Number, 0, true},
    {"icmpv6.type", Field::IcmpType, FieldType::Number, 0, true},
    {"icmpv6.code", Field::IcmpCode, FieldType::Number, 0, true},
    // The application fields the report's DNS, HTTP and TLS sections count
    // (each as those count it: a malformed DNS message or a retransmitted
    // HTTP segment has none, as Wireshark does not dissect them).
    {"dns.flags.response", Field::DnsResponse, FieldType::Number, 0, true},
    {"dns.qry.type", Field::DnsQryType, FieldType::Number, 0, true},
    {"dns.qry.name", Field::DnsQryName, FieldType::Text, 0, true},
    {"http.request.method", Field::HttpMethod, FieldType::Text, 0, true},
    {"http.host", Field::HttpHost, FieldType::Text, 0, true},
    {"http.user_agent", Field::HttpUserAgent, FieldType::Text, 0, true},
    {"tls.handshake.type", Field::TlsHandshakeType, FieldType::Number, 0, true},
    {"tls.handshake.version", Field::TlsHandshakeVersion, FieldType::Number, 0, true},
    {"tls.handshake.extensions.supported_version", Field::TlsSupportedVersion, FieldType::Number, 0, true},
    {"tls.handshake.extensions_server_name", Field::TlsSni, FieldType::Text, 0, true},
    // The packet's anomalies, as the report's Anomalies table names them
    // (kind, protocol, detail; a field matches when any of the packet's
    // anomalies does), and Wireshark's name for a malformed packet.
    {"packetlens.anomaly", Field::Anomaly, FieldType::Text, 0, true},
    {"packetlens.anomaly.protocol", Field::AnomalyProtocol, FieldType::Text, 0, true},
    {"packetlens.anomaly.detail", Field::AnomalyDetail, FieldType::Text, 0, true},
    {"_ws.malformed", Field::AnomalyFlag, FieldType::Presence, AnomalyMalformed},
};

inline bool prefixMatch(const IpAddress &a, const IpAddress &net, int bits)
{
    if (a.family != net.family)
        return false;
    const int full = bits / 8, rest = bits % 8;
    for (int i = 0; i < full; ++i)
        if (a.bytes[i] != net.bytes[i])
            return false;
    if (rest) {
        const uint8_t mask = uint8_t(0xff << (8 - rest));
        if ((a.bytes[full] & mask) != (net.bytes[full] & mask))
            return false;
    }
    return true;
}

// The ordering operators on numbers or seconds; other operators are false.
template <typename T>
bool compareOrdered(T v, Op op, T x)
{
    switch (op) {
    case Op::Eq: return v == x;
    case Op::Ne: return v != x;
    case Op::Gt: return v > x;
    case Op::Lt: return v < x;
    case Op::Ge: return v >= x;
    case Op::Le: return v <= x;
    default: return false;
    }
}

inline bool compare(uint64_t v, Op op, uint64_t x) { return compareOrdered(v, op, x); }
// Seconds; a seconds field alone (Exists) holds whenever the packet has it.
inline bool compareReal(double v, Op op, double x) { return op == Op::Exists || compareOrdered(v, op, x); }

} // namespace filter

struct DisplayFilter::Node
{
    using Field = filter::Field;
    using Op = filter::Op;
    enum class Kind { And, Or, Not, Proto, Compare, Text } kind;
    std::unique_ptr<Node> a, b;
    Proto proto = Proto::Count;
    Field field = Field::Info;
    Op op = Op::Eq;
    uint64_t number = 0;
    double seconds = 0;  // for Seconds fields
    uint32_t mask = 0;   // for flag fields
    IpAddress addr;
    int prefix = 0;
    QString text;
    std::string bytes;         // a Text field's value, as UTF-8
    bool caseless = false;     // names (DNS, host, SNI) compare without case
    std::vector<uint64_t> set; // sorted, for "in {…}"

    bool test(uint64_t v) const
    {
        if (op == Op::Exists)
            return true;
        return op == Op::In ? std::binary_search(set.begin(), set.end(), v) : filter::compare(v, op, number);
    }

    bool eval(const FilterSubject &s) const;
    bool evalGenerated(const FilterSubject &s) const;
    bool evalApplication(const FilterSubject &s) const;
    bool evalAnomaly(const FilterSubject &s) const;
    bool testText(const std::string &v) const;
};

// Builds the tree of a filter text (displayfilterparser.cpp); null with the
// first error when it is not a valid filter.
std::unique_ptr<DisplayFilter::Node> parseDisplayFilter(const QString &text, QString *error, bool *needsInfo);

} // namespace packetlens
