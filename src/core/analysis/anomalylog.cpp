// SPDX-License-Identifier: GPL-3.0-or-later
#include "anomalylog.h"

namespace packetlens {

void AnomalyLog::note(const QString &kind, const QString &protocol, const QString &detail, uint64_t packet)
{
    Entry &e = m_entries[{kind, protocol, detail}];
    e.count++;
    if (int(e.packets.size()) < m_maxRefs)
        e.packets.push_back(packet);
}

void AnomalyLog::add(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (d.malformed)
        note(QStringLiteral("malformed"), QString::fromLatin1(protoName(d.malformedAt)),
             QString::fromLatin1(d.malformedReason), pc.number);
    if (d.ipChecksumBad)
        note(QStringLiteral("ip_checksum_bad"), QStringLiteral("ip"),
             QStringLiteral("IPv4 header checksum does not match (checksum offload on the capturing host also causes this)"), pc.number);
    if (d.arpUnusual)
        note(QStringLiteral("arp_unusual"), QStringLiteral("arp"),
             QStringLiteral("ARP for other than Ethernet/IPv4 (address sizes or types)"), pc.number);
    if (d.caplenOverLen)
        note(QStringLiteral("caplen_exceeds_len"), QStringLiteral("frame"),
             QStringLiteral("captured length larger than the original length"), pc.number);
    if (d.unknownLink)
        note(QStringLiteral("unsupported_link_type"), QStringLiteral("frame"),
             QStringLiteral("link type %1 is counted but not decoded").arg(pc.linkType), pc.number);
    switch (tcpFlagIssue(d)) {
    case TcpFlagIssue::SynFin:
        note(QStringLiteral("tcp_bad_flags"), QStringLiteral("tcp"), QStringLiteral("SYN and FIN set together"), pc.number);
        break;
    case TcpFlagIssue::SynRst:
        note(QStringLiteral("tcp_bad_flags"), QStringLiteral("tcp"), QStringLiteral("SYN and RST set together"), pc.number);
        break;
    case TcpFlagIssue::NoFlags:
        note(QStringLiteral("tcp_bad_flags"), QStringLiteral("tcp"), QStringLiteral("no flags set (NULL)"), pc.number);
        break;
    case TcpFlagIssue::None:
        break;
    }
    if (isLandAttack(d))
        note(QStringLiteral("land_attack"), QStringLiteral("tcp"),
             QStringLiteral("SYN with identical source and destination address and port"), pc.number);
    if (m_started && pc.tsNs < m_lastTs)
        note(QStringLiteral("timestamp_out_of_order"), QStringLiteral("frame"),
             QStringLiteral("packet is older than the one before it"), pc.number);
    if (!m_started || pc.tsNs > m_lastTs)
        m_lastTs = pc.tsNs;
    m_started = true;
}

std::vector<Anomaly> AnomalyLog::entries() const
{
    std::vector<Anomaly> out;
    for (const auto &[key, e] : m_entries) {
        Anomaly a{std::get<0>(key), std::get<1>(key), std::get<2>(key), qint64(e.count), qint64(e.count - e.packets.size()), {}};
        a.packets.assign(e.packets.begin(), e.packets.end());
        out.push_back(std::move(a));
    }
    return out;
}

uint64_t AnomalyLog::count(const QString &kind) const
{
    uint64_t n = 0;
    for (const auto &[key, e] : m_entries)
        if (std::get<0>(key) == kind)
            n += e.count;
    return n;
}

} // namespace packetlens
