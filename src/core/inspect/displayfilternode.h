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

enum class Field { IpAddr, IpSrc, IpDst, TcpPort, TcpSrc, TcpDst, UdpPort, UdpSrc, UdpDst, FrameLen, FrameNumber, Info };
enum class Op { Eq, Ne, Gt, Lt, Ge, Le, Contains, In };

struct FieldName
{
    const char *name;
    Field field;
    bool address;
};

inline const FieldName kFields[] = {
    {"ip.addr", Field::IpAddr, true},       {"ip.src", Field::IpSrc, true},       {"ip.dst", Field::IpDst, true},
    {"ipv6.addr", Field::IpAddr, true},     {"ipv6.src", Field::IpSrc, true},     {"ipv6.dst", Field::IpDst, true},
    {"tcp.port", Field::TcpPort, false},    {"tcp.srcport", Field::TcpSrc, false}, {"tcp.dstport", Field::TcpDst, false},
    {"udp.port", Field::UdpPort, false},    {"udp.srcport", Field::UdpSrc, false}, {"udp.dstport", Field::UdpDst, false},
    {"frame.len", Field::FrameLen, false},  {"frame.number", Field::FrameNumber, false},
    {"info", Field::Info, false},
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

inline bool compare(uint64_t v, Op op, uint64_t x)
{
    switch (op) {
    case Op::Eq: return v == x;
    case Op::Ne: return v != x;
    case Op::Gt: return v > x;
    case Op::Lt: return v < x;
    case Op::Ge: return v >= x;
    case Op::Le: return v <= x;
    case Op::Contains:
    case Op::In: return false;
    }
    return false;
}

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
    IpAddress addr;
    int prefix = 0;
    QString text;
    std::vector<uint64_t> set; // sorted, for "in {…}"

    bool test(uint64_t v) const
    {
        return op == Op::In ? std::binary_search(set.begin(), set.end(), v) : filter::compare(v, op, number);
    }

    bool eval(const FilterSubject &s) const;
};

// Builds the tree of a filter text (displayfilterparser.cpp); null with the
// first error when it is not a valid filter.
std::unique_ptr<DisplayFilter::Node> parseDisplayFilter(const QString &text, QString *error, bool *needsInfo);

} // namespace packetlens
