// SPDX-License-Identifier: GPL-3.0-or-later
#include "packetdissection.h"

#include "dissectionlayer.h"

#include "../decode/packetdecoder.h"
#include "../decode/protocols.h"

#include <QDateTime>

namespace packetlens {

namespace {
using namespace dissect;

DissectionNode frameNode(int linkType, uint32_t caplen, uint32_t wireLen, uint64_t number, int64_t tsNs)
{
    DissectionNode frame;
    frame.text = QStringLiteral("Frame %1: %2 bytes on wire, %3 bytes captured").arg(number).arg(wireLen).arg(caplen);
    frame.length = int(caplen);
    frame.children.append({QStringLiteral("Arrival time: %1").arg(QDateTime::fromMSecsSinceEpoch(tsNs / 1000000, Qt::UTC)
                                                                    .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz 'UTC'"))), 0, 0, {}});
    frame.children.append({QStringLiteral("Link type: %1").arg(linkType), 0, 0, {}});
    if (caplen < wireLen)
        frame.children.append({QStringLiteral("[%1 bytes not captured]").arg(wireLen - caplen), 0, 0, {}});
    return frame;
}

// A layer without a renderer of its own: its name and the bytes up to the next.
DissectionNode genericNode(Proto p, const LayerSpan &s)
{
    return {QString::fromLatin1(protoName(p)).toUpper(), s.at, std::max(0, s.end - s.at), {}};
}

// One layer the decoder found; false when it is the application layer
// (shown from the decoder's facts after the headers).
bool dissectLayer(Proto p, const LayerSpan &s, QList<DissectionNode> &out)
{
    switch (p) {
    case Proto::Eth: dissectEthernet(s, out); return true;
    case Proto::Vlan: dissectVlan(s, out); return true;
    case Proto::Sll: dissectSll(s, s.linkType == linktype::LinuxSll2, out); return true;
    case Proto::Arp: dissectArp(s, out); return true;
    case Proto::Ip: dissectIpv4(s, out); return true;
    case Proto::Ipv6: dissectIpv6(s, out); return true;
    case Proto::Tcp: dissectTcp(s, out); return true;
    case Proto::Udp: dissectUdp(s, out); return true;
    case Proto::Icmp: dissectIcmp(s, false, out); return true;
    case Proto::Icmpv6: dissectIcmp(s, true, out); return true;
    case Proto::Null: out.append({QStringLiteral("Null/Loopback"), s.at, 4, {}}); return true;
    case Proto::Raw: return true; // raw IP: no header of its own
    default: break;
    }
    if (s.d.l4 != Proto::Count && s.d.app == p)
        return false;
    out.append(genericNode(p, s));
    return true;
}

// The bytes after the last header: the application layer, or a payload line.
void addPayload(const DecodedPacket &d, uint32_t caplen, QList<DissectionNode> &out)
{
    const int payloadOffset = d.payload && d.payload >= d.frame && d.payload < d.frame + caplen ? int(d.payload - d.frame) : -1;
    if (d.app != Proto::Count && payloadOffset >= 0) {
        dissectApplication(d, payloadOffset, out);
        return;
    }
    if ((d.l4 == Proto::Tcp || d.l4 == Proto::Udp) && payloadOffset >= 0 && d.payloadLen > 0 && !d.laterFragment)
        out.append({QStringLiteral("Payload: %1 bytes").arg(int(caplen) - payloadOffset), payloadOffset, int(caplen) - payloadOffset, {}});
}
} // namespace

QList<DissectionNode> dissectPacket(int linkType, const uint8_t *data, uint32_t caplen, uint32_t wireLen,
                                    uint64_t number, int64_t tsNs, const StreamPosition *pos)
{
    // The decoder's one walk over the headers says which layers there are and
    // where each starts; each is then shown field by field.
    PacketDecoder decoder;
    DecodedPacket d;
    decoder.decode(linkType, data, caplen, wireLen, d);
    QList<DissectionNode> out;
    out.append(frameNode(linkType, caplen, wireLen, number, tsNs));
    if (d.unknownLink)
        out.append({QStringLiteral("Link type %1 is not decoded").arg(linkType), 0, int(caplen), {}});
    const ByteView frame(data, caplen);
    for (int i = 0; i < d.depth; ++i) {
        if (d.layerAt[i] == DecodedPacket::kNotInFrame)
            continue;
        int end = int(caplen);
        for (int j = i + 1; j < d.depth; ++j)
            if (d.layerAt[j] != DecodedPacket::kNotInFrame) {
                end = int(d.layerAt[j]);
                break;
            }
        if (!dissectLayer(d.path[i], LayerSpan{frame, int(d.layerAt[i]), end, linkType, d, pos}, out))
            break;
    }
    addPayload(d, caplen, out);
    if (d.malformed)
        out.append({malformedText(QLatin1String(d.malformedReason ? d.malformedReason : "?")), 0, 0, {}});
    return out;
}

} // namespace packetlens
