// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../decode/protocols.h"

#include <QString>
#include <QVarLengthArray>

#include <cstdint>

namespace packetlens {

struct DecodedPacket;

// The anomalies of one packet, as the report's Anomalies table counts them
// (analysis/anomalylog.cpp) and the display filter finds them again
// (packetlens.anomaly, packetlens.anomaly.protocol, packetlens.anomaly.detail,
// _ws.malformed): what the decoder found wrong in the packet, and whether it
// is older than the packet before it. Kept with the packet's generated
// fields (PacketExpert), so that a face's packet list filters every packet
// of an anomaly, not only the ones the report names.
enum AnomalyKind : uint16_t {
    AnomalyMalformed = 1 << 0,
    AnomalyIpChecksumBad = 1 << 1,
    AnomalyArpUnusual = 1 << 2,
    AnomalyCaplenOverLen = 1 << 3,
    AnomalyUnsupportedLink = 1 << 4,
    AnomalyTcpBadFlags = 1 << 5,
    AnomalyLandAttack = 1 << 6,
    AnomalyTimestampOutOfOrder = 1 << 7,
};
inline constexpr int kAnomalyKindCount = 8;

struct PacketAnomalies
{
    uint16_t kinds = 0;                    // AnomalyKind bits
    uint8_t flagIssue = 0;                 // AnomalyTcpBadFlags: TcpFlagIssue
    Proto malformedAt = Proto::Count;      // AnomalyMalformed: the layer that was cut or wrong
    uint32_t linkType = 0;                 // AnomalyUnsupportedLink: the link type as the file gives it
    const char *malformedReason = nullptr; // AnomalyMalformed: the decoder's (static) text
    bool any() const { return kinds != 0; }
};

// What the decoder found (all kinds but AnomalyTimestampOutOfOrder, which
// needs the packets before).
PacketAnomalies packetAnomalies(const DecodedPacket &d, int linkType);

// One anomaly as the report's table names it.
struct AnomalyText
{
    QString kind, protocol, detail;
};
// The packet's anomalies, in the order of the kind bits.
QVarLengthArray<AnomalyText, 2> anomalyTexts(const PacketAnomalies &a);

// "malformed" for AnomalyMalformed: the report's and the filter's name of a kind.
const char *anomalyKindName(int bit);

} // namespace packetlens
