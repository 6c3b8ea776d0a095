// SPDX-License-Identifier: GPL-3.0-or-later
#include "packetanomaly.h"

#include "../decode/decodedpacket.h"

namespace packetlens {

PacketAnomalies packetAnomalies(const DecodedPacket &d, int linkType)
{
    PacketAnomalies a;
    if (d.malformed) {
        a.kinds |= AnomalyMalformed;
        a.malformedAt = d.malformedAt;
        a.malformedReason = d.malformedReason;
    }
    if (d.ipChecksumBad)
        a.kinds |= AnomalyIpChecksumBad;
    if (d.arpUnusual)
        a.kinds |= AnomalyArpUnusual;
    if (d.caplenOverLen)
        a.kinds |= AnomalyCaplenOverLen;
    if (d.unknownLink) {
        a.kinds |= AnomalyUnsupportedLink;
        a.linkType = uint32_t(linkType);
    }
    if (const TcpFlagIssue issue = tcpFlagIssue(d); issue != TcpFlagIssue::None) {
        a.kinds |= AnomalyTcpBadFlags;
        a.flagIssue = uint8_t(issue);
    }
    if (isLandAttack(d))
        a.kinds |= AnomalyLandAttack;
    return a;
}

const char *anomalyKindName(int bit)
{
    static const char *const names[kAnomalyKindCount] = {"malformed",          "ip_checksum_bad", "arp_unusual",
                                                         "caplen_exceeds_len", "unsupported_link_type",
                                                         "tcp_bad_flags",      "land_attack",     "timestamp_out_of_order"};
    return bit >= 0 && bit < kAnomalyKindCount ? names[bit] : "";
}

namespace {
AnomalyText textOf(int bit, const PacketAnomalies &a)
{
    const QString kind = QString::fromLatin1(anomalyKindName(bit));
    switch (1 << bit) {
    case AnomalyMalformed:
        return {kind, QString::fromLatin1(protoName(a.malformedAt)), QString::fromLatin1(a.malformedReason)};
    case AnomalyIpChecksumBad:
        return {kind, QStringLiteral("ip"),
                QStringLiteral("IPv4 header checksum does not match (checksum offload on the capturing host also causes this)")};
    case AnomalyArpUnusual:
        return {kind, QStringLiteral("arp"), QStringLiteral("ARP for other than Ethernet/IPv4 (address sizes or types)")};
    case AnomalyCaplenOverLen:
        return {kind, QStringLiteral("frame"), QStringLiteral("captured length larger than the original length")};
    case AnomalyUnsupportedLink:
        return {kind, QStringLiteral("frame"), QStringLiteral("link type %1 is counted but not decoded").arg(a.linkType)};
    case AnomalyTcpBadFlags:
        switch (TcpFlagIssue(a.flagIssue)) {
        case TcpFlagIssue::SynFin: return {kind, QStringLiteral("tcp"), QStringLiteral("SYN and FIN set together")};
        case TcpFlagIssue::SynRst: return {kind, QStringLiteral("tcp"), QStringLiteral("SYN and RST set together")};
        default: return {kind, QStringLiteral("tcp"), QStringLiteral("no flags set (NULL)")};
        }
    case AnomalyLandAttack:
        return {kind, QStringLiteral("tcp"), QStringLiteral("SYN with identical source and destination address and port")};
    default:
        return {kind, QStringLiteral("frame"), QStringLiteral("packet is older than the one before it")};
    }
}
} // namespace

QVarLengthArray<AnomalyText, 2> anomalyTexts(const PacketAnomalies &a)
{
    QVarLengthArray<AnomalyText, 2> out;
    for (int bit = 0; bit < kAnomalyKindCount; ++bit)
        if (a.kinds & (1u << bit))
            out.append(textOf(bit, a));
    return out;
}

} // namespace packetlens
