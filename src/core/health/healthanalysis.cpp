// SPDX-License-Identifier: GPL-3.0-or-later
#include "healthanalysis.h"

#include "failurelist.h"

namespace packetlens {

namespace {
constexpr int64_t kNs = 1000000000;
} // namespace

HealthAnalysis::HealthAnalysis()
    : m_tcp(m_items, m_latency), m_web(m_tcp, m_items, m_latency), m_dns(m_items, m_latency), m_link(m_items)
{
}

void HealthAnalysis::add(PacketContext &pc, Conv *conv)
{
    const DecodedPacket &d = *pc.d;
    if (m_load.add(pc))
        m_items.add(HealthKind::BroadcastHeavy, HealthSubject{}, pc.number, pc.tsNs);
    if (conv && d.l4 == Proto::Tcp && !(d.malformed && d.malformedAt == Proto::Tcp)) {
        m_tcp.add(pc, *conv);
        m_web.add(pc, *conv);
    }
    if (d.app == Proto::Dns || d.app == Proto::Mdns || d.app == Proto::Llmnr)
        m_dns.add(pc);
    m_link.add(pc);
    if (pc.expert.dnsTimeNs >= 0 || pc.expert.httpTimeNs >= 0)
        noteSlow(pc);
}

// A slow answer counts toward its server's "slow" item (kept only when
// enough of the server's answers are slow, see items()).
void HealthAnalysis::noteSlow(const PacketContext &pc)
{
    const HealthSubject server{pc.d->src, {}};
    if (pc.expert.dnsTimeNs > int64_t(kSlowDnsS * kNs))
        m_items.add(HealthKind::DnsSlow, server, pc.number, pc.tsNs);
    if (pc.expert.httpTimeNs > int64_t(kSlowHttpS * kNs))
        m_items.add(HealthKind::HttpSlow, server, pc.number, pc.tsNs);
}

void HealthAnalysis::retire(const Conv &c)
{
    m_tcp.retire(c);
    m_load.retire(c);
}

void HealthAnalysis::finish()
{
    m_tcp.finish();
    m_dns.finish();
    m_link.finish();
    m_load.finish();
}

HealthSection HealthAnalysis::section(int listCap) const
{
    HealthSection h;
    h.present = true;
    const int cap = std::min(listCap, 20);
    h.tcp = m_tcp.section(cap);
    h.latency = m_latency.section(5);
    m_dns.fill(h.failures, cap);
    m_web.fill(h.failures, cap);
    m_link.fill(h.failures, cap);
    h.load = m_load.section(std::min(listCap, 10));
    h.items = items();
    return h;
}

} // namespace packetlens
