// SPDX-License-Identifier: GPL-3.0-or-later
#include "icmptunneldetector.h"

#include <bit>
#include <cmath>
#include <cstring>

namespace packetlens {

namespace {
// Data bytes from which a payload's randomness is judged, and how many of
// them are looked at (the cost per packet stays bounded).
constexpr uint32_t kRandomFrom = 128, kRandomLooked = 256;
// Of the replies whose request was seen, how many must there be before their
// data is judged.
constexpr uint64_t kMinMatched = 10;

uint64_t dataHash(const uint8_t *p, uint32_t n)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
    uint32_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = std::rotl((h ^ w) * 0xff51afd7ed558ccdull, 29);
    }
    for (; i < n; ++i)
        h = (h ^ p[i]) * 0x100000001b3ull;
    return h ^ (h >> 31);
}
} // namespace

IcmpTunnelDetector::IcmpTunnelDetector(const DetectionSettings &s)
    : m_minPackets(size_t(s.number("icmp_tunneling", "min_packets"))),
      m_minBytes(uint64_t(s.number("icmp_tunneling", "min_bytes"))),
      m_differingRatio(s.number("icmp_tunneling", "differing_reply_ratio")),
      m_maxTracked(size_t(s.number("limits", "max_tracked")))
{
}

bool IcmpTunnelDetector::randomLooking(const uint8_t *data, size_t n)
{
    n = std::min<size_t>(n, kRandomLooked);
    if (n < 3)
        return false;
    size_t steady = 0; // bytes that continue a constant step (a fill pattern: 0x10 0x11 0x12 …)
    for (size_t i = 2; i < n; ++i)
        if (uint8_t(data[i] - data[i - 1]) == uint8_t(data[i - 1] - data[i - 2]))
            ++steady;
    if (steady * 2 >= n)
        return false;
    const double h = detect::entropy(data, n);
    // Random bytes come close to log2(n) (n ≤ 256); text and fill patterns
    // stay well under it.
    return h >= 0.85 * std::log2(double(n));
}

void IcmpTunnelDetector::onPacket(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    const bool v6 = d.l4 == Proto::Icmpv6;
    if (!d.src.isValid() || d.malformed || d.payloadLen < 4 || detect::isMulticastOrBroadcast(d.dst))
        return;
    const bool request = d.icmpType == (v6 ? 128 : 8) && d.icmpCode == 0;
    const bool reply = d.icmpType == (v6 ? 129 : 0) && d.icmpCode == 0;
    if (!request && !reply)
        return;
    const detect::PairKey key = request ? detect::PairKey{d.src, d.dst, v6 ? 1u : 0u} : detect::PairKey{d.dst, d.src, v6 ? 1u : 0u};
    const uint64_t h = detect::PairKeyHash()(key);
    Echo e;
    e.ns = pc.tsNs;
    e.packet = pc.number;
    std::memcpy(&e.idSeq, d.payload, 4);
    e.len = d.payloadLen - 4;
    e.request = request;
    e.data = d.payload + 4;
    // Cut by the snap length: its data cannot be compared.
    e.hash = d.snapped ? 0 : dataHash(e.data, e.len) | 1;
    Pair *p = m_pairs.find(key, h);
    if (!p) { // state only for pairs that exchange more than two echo messages
        const Echo held{e.ns, e.packet, e.hash, e.idSeq, e.len, e.request, nullptr};
        if (Early *early = m_early.held(h); early && early->count == 1) {
            early->second = held;
            early->count = 2;
            return;
        }
        Early early;
        if (!m_early.seenBefore(h, Early{held, {}, 1}, early))
            return;
        detect::capMap(m_pairs, m_maxTracked, [](const Pair &x) { return double(x.requests + x.replies); });
        p = m_pairs.tryEmplace(key, h).first;
        p->firstNs = p->lastNs = early.first.ns;
        add(*p, early.first);
        add(*p, early.second);
    }
    add(*p, e);
}

void IcmpTunnelDetector::add(Pair &p, const Echo &e)
{
    p.firstNs = std::min(p.firstNs, e.ns);
    p.lastNs = std::max(p.lastNs, e.ns);
    (e.request ? p.requests : p.replies)++;
    p.dataBytes += e.len;
    p.maxData = std::max(p.maxData, e.len);
    p.sizeBins |= uint64_t(1) << std::min<uint32_t>(e.len / 24, 63);
    const uint64_t n = p.requests + p.replies;
    if (e.data && e.len >= kRandomFrom && (p.sampled < 256 || n % 16 == 0)) {
        p.sampled++;
        if (randomLooking(e.data, e.len)) {
            p.randomData++;
            addEvidence(p.evidence, e.packet);
        }
    }
    if (p.evidence.size() < 10)
        addEvidence(p.evidence, e.packet);
    if (!e.hash)
        return;
    const uint64_t hash = e.hash;
    const uint32_t idSeq = e.idSeq;
    if (e.request) {
        p.asked[p.next] = Pair::Asked{idSeq, uint32_t(hash) | 1};
        p.next = uint8_t((p.next + 1) % std::size(p.asked));
        return;
    }
    for (Pair::Asked &a : p.asked) {
        if (!a.hash || a.idSeq != idSeq)
            continue;
        const bool same = a.hash == (uint32_t(hash) | 1);
        a.hash = 0;
        p.matched++;
        if (!same) {
            p.differing++;
            addEvidence(p.evidence, e.packet);
        }
        return;
    }
}

void IcmpTunnelDetector::finish(std::vector<Finding> &out)
{
    m_pairs.forEach([&](const detect::PairKey &key, const Pair &p) {
        if (p.requests + p.replies < m_minPackets)
            return;
        if (const Signals s = signalsOf(p); s.count() > 0)
            out.push_back(raise(key, p, s));
    });
}

IcmpTunnelDetector::Signals IcmpTunnelDetector::signalsOf(const Pair &p) const
{
    Signals s;
    s.differing = p.matched >= kMinMatched && double(p.differing) >= m_differingRatio * double(p.matched);
    s.random = p.sampled >= 10 && p.randomData * 2 >= p.sampled && p.dataBytes >= m_minBytes;
    s.bulk = p.dataBytes >= 100 * m_minBytes && std::popcount(p.sizeBins) >= 4;
    return s;
}

Finding IcmpTunnelDetector::raise(const detect::PairKey &key, const Pair &p, const Signals &s) const
{
    const bool differing = s.differing, random = s.random, bulk = s.bulk;
    const int signalCount = s.count();
    Finding f;
    f.category = QStringLiteral("icmp_tunneling");
    f.severity = signalCount >= 2 || (differing && p.dataBytes >= m_minBytes) ? Severity::High : Severity::Medium;
    f.confidence = std::min(1.0, 0.5 + 0.2 * signalCount);
    f.source = detect::ipText(key.a);
    f.targets = {detect::ipText(key.b)};
    f.firstNs = p.firstNs;
    f.lastNs = p.lastNs;
    f.count = p.requests + p.replies;
    QJsonArray why;
    if (differing)
        why.append(phraseArg(message("icmp_tunnel.why.differing", {qint64(p.differing), qint64(p.matched)})));
    if (random)
        why.append(phraseArg(message("icmp_tunnel.why.random", {qint64(p.randomData), qint64(p.sampled)})));
    if (bulk)
        why.append(phraseArg(message("icmp_tunnel.why.bulk", {qint64(std::popcount(p.sizeBins))})));
    f.setSummary(message("icmp_tunnel.summary", {f.source, f.targets.first(), qint64(p.requests), qint64(p.replies),
                                                 qint64(p.dataBytes), listArg(why)}));
    f.setThreshold(message("icmp_tunnel.threshold", {qint64(m_minPackets), qRound(m_differingRatio * 100), qint64(m_minBytes)}));
    f.packets = p.evidence;
    std::sort(f.packets.begin(), f.packets.end());
    f.packets.erase(std::unique(f.packets.begin(), f.packets.end()), f.packets.end()); // (one packet may show two signals)
    f.metrics = QJsonObject{{QStringLiteral("messages"), qint64(p.requests + p.replies)},
                            {QStringLiteral("requests"), qint64(p.requests)},
                            {QStringLiteral("replies"), qint64(p.replies)},
                            {QStringLiteral("data_bytes"), qint64(p.dataBytes)},
                            {QStringLiteral("max_data_bytes"), qint64(p.maxData)},
                            {QStringLiteral("size_classes"), qint64(std::popcount(p.sizeBins))},
                            {QStringLiteral("replies_matched"), qint64(p.matched)},
                            {QStringLiteral("replies_differing"), qint64(p.differing)},
                            {QStringLiteral("random_payloads"), qint64(p.randomData)},
                            {QStringLiteral("payloads_examined"), qint64(p.sampled)}};
    f.mitre = {QStringLiteral("T1095"), QStringLiteral("T1048")};
    f.setRecommendation(message("icmp_tunnel.recommendation", {f.source, f.targets.first()}));
    return f;
}

} // namespace packetlens
