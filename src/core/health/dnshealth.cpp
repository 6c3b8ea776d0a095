// SPDX-License-Identifier: GPL-3.0-or-later
#include "dnshealth.h"

#include "failurelist.h"

namespace packetlens {

namespace {
constexpr int64_t kSecond = 1000000000;
constexpr int64_t kSweepEveryNs = 10 * kSecond;
constexpr int64_t kAnsweredKeptNs = 10 * kSecond;  // a late duplicate answer is known as one
constexpr int64_t kUnansweredAfterNs = 30 * kSecond; // then a query counts as unanswered
constexpr int64_t kRetransmissionNs = 5 * kSecond;
const char *const kFailureNames[] = {"unanswered", "servfail", "refused", "nxdomain"};
} // namespace

void DnsHealth::add(PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if ((d.app != Proto::Dns && d.app != Proto::Mdns && d.app != Proto::Llmnr) || !pc.conversationId
        || (d.malformed && d.malformedAt == d.app))
        return;
    if (pc.tsNs - m_lastSweepNs > kSweepEveryNs || m_pending.size() >= kMaxPending) {
        sweep(pc.tsNs, m_pending.size() >= kMaxPending);
        m_lastSweepNs = pc.tsNs;
    }
    const uint64_t key = pc.conversationId << 16 | d.dns.id;
    const bool counted = d.app == Proto::Dns;
    if (d.dns.isResponse)
        response(pc, key, counted);
    else
        query(pc, key, counted);
}

void DnsHealth::query(const PacketContext &pc, uint64_t key, bool counted)
{
    if (counted)
        ++m_queries;
    Txn &t = m_pending[key];
    if (t.queryPacket && !t.answered && t.counted && (t.client != pc.d->src || t.server != pc.d->dst))
        fail(Unanswered, t.client, t.server, t.queryPacket, t.queryNs); // the same id the other way: a new query
    // A query again within kRetransmissionNs of the transaction's first is a
    // retransmission: the response is timed from the first (Wireshark's DNS
    // retransmission timer); later, it starts a new transaction.
    if (!t.queryPacket || t.answered || pc.tsNs - t.queryNs >= kRetransmissionNs) {
        t.queryPacket = pc.number;
        t.queryNs = pc.tsNs;
    }
    t.client = pc.d->src;
    t.server = pc.d->dst;
    t.answered = false;
    t.counted = counted;
}

void DnsHealth::response(PacketContext &pc, uint64_t key, bool counted)
{
    const DecodedPacket &d = *pc.d;
    auto it = m_pending.find(key);
    if (it != m_pending.end() && !it->second.answered) { // only the first response is timed, as in Wireshark
        it->second.answered = true;
        pc.expert.dnsTimeNs = std::max<int64_t>(0, pc.tsNs - it->second.queryNs);
        m_latency.add(LatencyBook::Dns, d.src, pc.expert.dnsTimeNs);
    }
    if (!counted)
        return;
    const uint8_t rcode = d.dns.rcode;
    if (rcode == 2)
        fail(Servfail, d.dst, d.src, pc.number, pc.tsNs);
    else if (rcode == 5)
        fail(Refused, d.dst, d.src, pc.number, pc.tsNs);
    else if (rcode == 3)
        fail(Nxdomain, d.dst, d.src, pc.number, pc.tsNs);
}

void DnsHealth::fail(Failure kind, const IpAddress &client, const IpAddress &server, uint64_t packet, int64_t tsNs)
{
    ++m_counts[kind];
    for (auto [table, ip] : {std::pair{&m_clients, &client}, std::pair{&m_servers, &server}}) {
        auto it = table->find(*ip);
        if (it == table->end() && table->size() < kMaxHosts)
            it = table->emplace(*ip, std::array<uint64_t, FailureKinds>{}).first;
        if (it != table->end())
            ++it->second[kind];
    }
    static const HealthKind kinds[] = {HealthKind::DnsUnanswered, HealthKind::DnsServfail, HealthKind::DnsRefused,
                                       HealthKind::DnsNxdomain};
    // NXDOMAIN is the asker's doing (names that do not exist); the rest the server's.
    m_items.add(kinds[kind], HealthSubject{kind == Nxdomain ? client : server, {}}, packet, tsNs);
}

void DnsHealth::sweep(int64_t nowNs, bool all)
{
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        const Txn &t = it->second;
        const int64_t age = nowNs - t.queryNs;
        if (!all && age < (t.answered ? kAnsweredKeptNs : kUnansweredAfterNs)) {
            ++it;
            continue;
        }
        if (!t.answered && t.counted)
            fail(Unanswered, t.client, t.server, t.queryPacket, t.queryNs);
        it = m_pending.erase(it);
    }
}

void DnsHealth::finish()
{
    sweep(0, true);
}

void DnsHealth::fill(FailuresSection &f, int listCap) const
{
    f.dnsQueries = qint64(m_queries);
    f.dnsUnanswered = qint64(m_counts[Unanswered]);
    f.dnsServfail = qint64(m_counts[Servfail]);
    f.dnsRefused = qint64(m_counts[Refused]);
    f.dnsNxdomain = qint64(m_counts[Nxdomain]);
    for (auto [table, out] : {std::pair{&m_clients, &f.dnsClients}, std::pair{&m_servers, &f.dnsServers}}) {
        for (const auto &[ip, counts] : *table) {
            FailureCount row{QString::fromStdString(ip.toString()), {}};
            for (int k = 0; k < FailureKinds; ++k)
                if (counts[size_t(k)])
                    row.counts.emplace_back(QString::fromLatin1(kFailureNames[k]), qint64(counts[size_t(k)]));
            out->push_back(std::move(row));
        }
        sortFailures(*out, listCap);
    }
}

} // namespace packetlens
