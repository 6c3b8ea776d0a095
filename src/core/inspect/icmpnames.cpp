// SPDX-License-Identifier: GPL-3.0-or-later
#include "icmpnames.h"

#include "../decode/byteview.h"

namespace packetlens {

namespace {
QString v4Type(uint8_t type)
{
    switch (type) {
    case 0: return QStringLiteral("Echo (ping) reply");
    case 3: return QStringLiteral("Destination unreachable");
    case 4: return QStringLiteral("Source quench (flow control)");
    case 5: return QStringLiteral("Redirect");
    case 8: return QStringLiteral("Echo (ping) request");
    case 9: return QStringLiteral("Router advertisement");
    case 10: return QStringLiteral("Router solicitation");
    case 11: return QStringLiteral("Time-to-live exceeded");
    case 12: return QStringLiteral("Parameter problem");
    case 13: return QStringLiteral("Timestamp request");
    case 14: return QStringLiteral("Timestamp reply");
    case 17: return QStringLiteral("Address mask request");
    case 18: return QStringLiteral("Address mask reply");
    default: return {};
    }
}

QString v6Type(uint8_t type)
{
    switch (type) {
    case 1: return QStringLiteral("Destination Unreachable");
    case 2: return QStringLiteral("Packet Too Big");
    case 3: return QStringLiteral("Time Exceeded");
    case 4: return QStringLiteral("Parameter Problem");
    case 128: return QStringLiteral("Echo (ping) request");
    case 129: return QStringLiteral("Echo (ping) reply");
    case 130: return QStringLiteral("Multicast Listener Query");
    case 131: return QStringLiteral("Multicast Listener Report");
    case 133: return QStringLiteral("Router Solicitation");
    case 134: return QStringLiteral("Router Advertisement");
    case 135: return QStringLiteral("Neighbor Solicitation");
    case 136: return QStringLiteral("Neighbor Advertisement");
    case 137: return QStringLiteral("Redirect");
    case 143: return QStringLiteral("Multicast Listener Report Message v2");
    default: return {};
    }
}

QString unreachableCode(uint8_t code)
{
    static const char *const names[] = {
        "Network unreachable", "Host unreachable", "Protocol unreachable", "Port unreachable",
        "Fragmentation needed", "Source route failed", "Destination network unknown", "Destination host unknown",
        "Source host isolated", "Network administratively prohibited", "Host administratively prohibited",
        "Network unreachable for TOS", "Host unreachable for TOS", "Communication administratively filtered",
        "Host precedence violation", "Precedence cutoff in effect"};
    return code < 16 ? QString::fromLatin1(names[code]) : QString();
}
} // namespace

QString icmpTypeName(bool v6, uint8_t type)
{
    return v6 ? v6Type(type) : v4Type(type);
}

QString icmpCodeName(bool v6, uint8_t type, uint8_t code)
{
    if (v6) {
        if (type == 1 && code == 4)
            return QStringLiteral("Port unreachable");
        if (type == 3)
            return code ? QStringLiteral("fragment reassembly time exceeded") : QStringLiteral("hop limit exceeded in transit");
        return {};
    }
    switch (type) {
    case 3: return unreachableCode(code);
    case 5: return code == 1 ? QStringLiteral("Redirect for host") : code == 0 ? QStringLiteral("Redirect for network") : QString();
    case 11: return code ? QStringLiteral("Fragment reassembly time exceeded") : QStringLiteral("Time to live exceeded in transit");
    default: return {};
    }
}

bool icmpIdSeq(const DecodedPacket &d, uint16_t &id, uint16_t &seq)
{
    const ByteView v = d.payload ? ByteView(d.payload, d.payloadLen) : ByteView();
    return v.be16(0, id) && v.be16(2, seq);
}

} // namespace packetlens
