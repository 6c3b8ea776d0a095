// SPDX-License-Identifier: GPL-3.0-or-later
#include "linkhealth.h"

#include "failurelist.h"

namespace packetlens {

namespace {
constexpr uint32_t kEthernetMaxFrame = 1518; // 1500 bytes of payload, header and FCS
constexpr uint32_t kDhcpOptionsAt = 240;
constexpr uint8_t kZero[4] = {};

QString macText(uint64_t mac)
{
    uint8_t b[6];
    for (int i = 0; i < 6; ++i)
        b[i] = uint8_t(mac >> (8 * (5 - i)));
    return QString::fromStdString(macToString(b));
}

// The DHCP message type (option 53) of a BOOTP payload, 0 when it has none.
uint8_t dhcpMessageType(const uint8_t *p, uint32_t n)
{
    if (n < kDhcpOptionsAt || p[236] != 99 || p[237] != 130 || p[238] != 83 || p[239] != 99)
        return 0;
    for (uint32_t o = kDhcpOptionsAt; o < n;) {
        const uint8_t code = p[o];
        if (code == 255)
            break;
        if (code == 0) {
            ++o;
            continue;
        }
        if (o + 1 >= n)
            break;
        const uint8_t len = p[o + 1];
        if (code == 53 && len >= 1 && o + 2 < n)
            return p[o + 2];
        o += 2u + len;
    }
    return 0;
}

void keepPacket(std::vector<uint64_t> &v, uint64_t packet)
{
    if (v.size() < LinkHealth::kEvidencePerEntry)
        v.push_back(packet);
}
// An item with its count and up to kEvidencePerEntry packets.
void addItem(ItemLog &items, HealthKind kind, const HealthSubject &subject, const std::vector<uint64_t> &packets,
             int64_t tsNs, uint64_t count)
{
    for (size_t i = 0; i < packets.size(); ++i)
        items.add(kind, subject, packets[i], tsNs, i == 0 ? count : 0);
}
} // namespace

void LinkHealth::add(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (pc.linkType == 1 && pc.len > kEthernetMaxFrame + (d.vlanId ? 4u : 0u)) {
        ++m_oversized;
        m_largest = std::max<uint64_t>(m_largest, pc.len);
        m_items.add(HealthKind::OversizedFrame, HealthSubject{}, pc.number, pc.tsNs);
    }
    if (d.malformed)
        return;
    if (d.l4 == Proto::Icmp || d.l4 == Proto::Icmpv6)
        icmp(pc);
    else if (d.hasArp)
        arp(pc);
    else if (d.l4 == Proto::Udp && (d.sport == 67 || d.sport == 68) && (d.dport == 67 || d.dport == 68))
        dhcp(pc);
}

void LinkHealth::icmp(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    const bool v6 = d.l4 == Proto::Icmpv6;
    IcmpKind kind;
    if (v6 ? d.icmpType == 1 : (d.icmpType == 3 && d.icmpCode != 4))
        kind = Unreachable;
    else if (v6 ? d.icmpType == 3 : d.icmpType == 11)
        kind = TimeExceeded;
    else if (v6 ? d.icmpType == 2 : (d.icmpType == 3 && d.icmpCode == 4))
        kind = FragmentationNeeded;
    else
        return;
    auto it = m_icmp.find(d.src);
    if (it == m_icmp.end() && m_icmp.size() < kMaxEntries)
        it = m_icmp.emplace(d.src, std::array<uint64_t, IcmpKinds>{}).first;
    if (it != m_icmp.end())
        ++it->second[kind];
    if (kind == FragmentationNeeded)
        ++m_fragNeeded;
    static const HealthKind items[] = {HealthKind::IcmpUnreachable, HealthKind::IcmpTimeExceeded,
                                       HealthKind::FragmentationNeeded};
    m_items.add(items[kind], HealthSubject{d.src, {}}, pc.number, pc.tsNs);
}

void LinkHealth::dhcp(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    const uint8_t type = dhcpMessageType(d.payload, d.payloadLen);
    if (type == 0)
        return;
    const uint32_t xid = uint32_t(d.payload[4]) << 24 | uint32_t(d.payload[5]) << 16 | uint32_t(d.payload[6]) << 8 | d.payload[7];
    auto it = m_dhcp.find(xid);
    if (it == m_dhcp.end()) {
        if (m_dhcp.size() >= kMaxEntries)
            return;
        it = m_dhcp.emplace(xid, DhcpTxn{macToInt(d.payload + 28), pc.tsNs, false, false, false, {}}).first;
    }
    DhcpTxn &t = it->second;
    if (type == 1 || type == 3) { // DISCOVER, REQUEST
        t.asked = true;
        keepPacket(t.packets, pc.number);
    } else if (type == 5) {
        t.acked = true;
    } else if (type == 6) {
        t.nakked = true;
        keepPacket(t.packets, pc.number);
    }
}

void LinkHealth::arp(const PacketContext &pc)
{
    const ArpFacts &a = pc.d->arp;
    const bool probe = !a.senderIp.isValid() || a.senderIp == IpAddress::v4(kZero);
    if (a.op == 1 && !probe && a.senderIp != a.targetIp) {
        ++m_arpRequests;
        auto it = m_arp.find(a.targetIp);
        if (it == m_arp.end() && m_arp.size() < kMaxEntries)
            it = m_arp.emplace(a.targetIp, ArpAsk{0, pc.tsNs, pc.tsNs, false, {}}).first;
        if (it != m_arp.end()) {
            ++it->second.requests;
            it->second.lastNs = pc.tsNs;
            keepPacket(it->second.packets, pc.number);
        }
    } else if (a.op == 2) {
        if (auto it = m_arp.find(a.senderIp); it != m_arp.end())
            it->second.answered = true;
    }
    if (probe || a.op != 1)
        return; // a host asks with its own address; spoofers answer unasked
    auto it = m_claims.find(a.senderIp);
    if (it == m_claims.end() && m_claims.size() < kMaxEntries)
        it = m_claims.emplace(a.senderIp, std::vector<Claim>{}).first;
    if (it == m_claims.end())
        return;
    const uint64_t mac = macToInt(a.senderMac);
    for (Claim &c : it->second)
        if (c.mac == mac) {
            ++c.requests;
            return;
        }
    if (it->second.size() < 4)
        it->second.push_back({mac, 1, pc.number, pc.tsNs});
}

void LinkHealth::finish()
{
    for (const auto &[target, ask] : m_arp)
        if (!ask.answered) {
            ++m_arpUnanswered;
            addItem(m_items, HealthKind::ArpUnanswered, HealthSubject{target, {}}, ask.packets, ask.firstNs, ask.requests);
        }
    for (const auto &[xid, t] : m_dhcp) {
        if (!t.asked)
            continue;
        ++m_dhcpTxns;
        if (t.acked)
            continue;
        ++m_dhcpWithoutAck;
        addItem(m_items, HealthKind::DhcpNoAck, HealthSubject{IpAddress(), macText(t.clientMac).toStdString()},
                t.packets, t.firstNs, 1);
    }
    for (const auto &[ip, claims] : m_claims)
        if (claims.size() >= 2)
            for (const Claim &c : claims)
                m_items.add(HealthKind::DuplicateIp, HealthSubject{ip, {}}, c.firstPacket, c.firstNs);
}

void LinkHealth::fill(FailuresSection &f, int listCap) const
{
    static const char *const icmpNames[] = {"unreachable", "time_exceeded", "fragmentation_needed"};
    for (const auto &[ip, counts] : m_icmp) {
        FailureCount row{QString::fromStdString(ip.toString()), {}};
        for (int k = 0; k < IcmpKinds; ++k)
            if (counts[size_t(k)])
                row.counts.emplace_back(QString::fromLatin1(icmpNames[k]), qint64(counts[size_t(k)]));
        f.icmpErrors.push_back(std::move(row));
    }
    f.dhcpTransactions = qint64(m_dhcpTxns);
    f.dhcpWithoutAck = qint64(m_dhcpWithoutAck);
    for (const auto &[xid, t] : m_dhcp)
        if (t.asked && !t.acked)
            f.dhcpClients.push_back({macText(t.clientMac), {{QString::fromLatin1(t.nakked ? "nak" : "no_ack"), 1}}});
    f.arpRequests = qint64(m_arpRequests);
    f.arpUnansweredTargets = qint64(m_arpUnanswered);
    for (const auto &[ip, ask] : m_arp)
        if (!ask.answered)
            f.arpUnanswered.push_back({QString::fromStdString(ip.toString()), {{QStringLiteral("requests"), qint64(ask.requests)}}});
    for (const auto &[ip, claims] : m_claims) {
        if (claims.size() < 2)
            continue;
        FailureCount row{QString::fromStdString(ip.toString()), {}};
        for (const Claim &c : claims)
            row.counts.emplace_back(macText(c.mac), qint64(c.requests));
        f.duplicateIps.push_back(std::move(row));
    }
    f.fragmentationNeeded = qint64(m_fragNeeded);
    f.oversizedFrames = qint64(m_oversized);
    f.largestFrame = qint64(m_largest);
    for (auto *list : {&f.icmpErrors, &f.dhcpClients, &f.arpUnanswered, &f.duplicateIps})
        sortFailures(*list, listCap);
}

} // namespace packetlens
