// SPDX-License-Identifier: GPL-3.0-or-later
#include "arpspoofdetector.h"

#include <QJsonArray>

#include <cstring>
#include <set>

namespace packetlens {

namespace {
constexpr size_t kMaxTimes = 10000;

QString macText(const std::array<uint8_t, 6> &m)
{
    return QString::fromStdString(macToString(m.data()));
}
} // namespace

ArpSpoofDetector::ArpSpoofDetector(const DetectionSettings &s)
    : m_burst(size_t(s.number("arp_spoofing", "gratuitous_burst"))),
      m_burstWindowNs(int64_t(s.number("arp_spoofing", "burst_window_s") * 1e9)),
      m_maxTracked(size_t(s.number("limits", "max_tracked")))
{
}

void ArpSpoofDetector::onPacket(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (!d.hasArp) {
        // A public IPv4 source with its MAC (the engine sends only those and
        // ARP here): which MACs deliver this remote address?
        Known seen;
        std::memcpy(&seen.ip, d.src.bytes, 4);
        std::memcpy(seen.mac, d.srcMac, 6);
        Known &known = m_known[(seen.ip * 0x9e3779b1u) >> 19];
        if (known == seen)
            return;
        const uint64_t hash = d.src.hash();
        Relays *r = m_remote.find(d.src, hash);
        if (!r) {
            if (m_remote.size() >= m_maxTracked)
                return;
            r = m_remote.tryEmplace(d.src, hash).first;
        }
        Mac mac;
        std::memcpy(mac.data(), d.srcMac, 6);
        for (uint8_t i = 0; i < r->count; ++i) {
            if (r->mac[i] == mac) {
                known = seen;
                return;
            }
        }
        if (r->count < 4) {
            r->mac[r->count] = mac;
            r->firstPacket[r->count] = pc.number;
            r->count++;
            known = seen;
        }
        return;
    }
    const ArpFacts &a = d.arp;
    Mac mac;
    std::memcpy(mac.data(), a.senderMac, 6);
    const bool zeroSender = a.senderIp.bytes[0] == 0 && a.senderIp.bytes[1] == 0 && a.senderIp.bytes[2] == 0
                            && a.senderIp.bytes[3] == 0;
    if (a.op == 1 && !zeroSender)
        m_requests[detect::PairKey{a.senderIp, a.targetIp, 0}] = pc.tsNs;
    if (zeroSender)
        return; // ARP probe (RFC 5227): claims nothing
    const bool gratuitous = a.senderIp == a.targetIp;
    bool unsolicited = false;
    if (a.op == 2 && !gratuitous) {
        auto it = m_requests.find(detect::PairKey{a.targetIp, a.senderIp, 0});
        unsolicited = it == m_requests.end() || pc.tsNs - it->second > 10 * detect::kSecond;
    }
    if (m_claims.size() >= m_maxTracked && !m_claims.count(a.senderIp))
        return;
    if (m_requests.size() > m_maxTracked)
        m_requests.clear();
    Claim &c = m_claims[a.senderIp][mac];
    if (c.count == 0)
        c.firstNs = pc.tsNs;
    c.lastNs = pc.tsNs;
    c.count++;
    c.framed += !d.hasMac || std::memcmp(d.srcMac, a.senderMac, 6) == 0;
    c.unsolicited += unsolicited;
    addEvidence(c.evidence, pc.number, 20);
    if ((gratuitous && a.op == 2) || unsolicited) {
        Sender &s = m_senders[mac];
        if (s.gratuitous.size() < kMaxTimes)
            s.gratuitous.push_back(pc.tsNs);
        addEvidence(s.evidence, pc.number);
        s.ips[a.senderIp.toString()]++;
    }
}

// One IP address claimed by several MACs: the later or unsolicited claimant
// is the suspect; one finding per suspect MAC (further addresses join it).
void ArpSpoofDetector::reportClaims(std::vector<Finding> &out, std::map<Mac, size_t> &reported) const
{
    for (const auto &[ip, all] : m_claims) {
        if (all.size() < 2)
            continue;
        std::map<Mac, Claim> macs;
        for (const auto &[m, c] : all)
            if (c.credible())
                macs.emplace(m, c);
        if (macs.size() < 2)
            continue;
        auto suspect = macs.begin();
        for (auto it = macs.begin(); it != macs.end(); ++it) {
            const bool moreUnsolicited = it->second.unsolicited > suspect->second.unsolicited;
            const bool sameButLater = it->second.unsolicited == suspect->second.unsolicited && it->second.firstNs > suspect->second.firstNs;
            if (moreUnsolicited || sameButLater)
                suspect = it;
        }
        auto existing = reported.find(suspect->first);
        Finding f = claimFinding(ip, macs, suspect->first);
        if (existing != reported.end() && existing->second < out.size()) {
            Finding &prev = out[existing->second];
            prev.targets << f.targets.first();
            // The summary's 7th argument: "; also claimed <ip>" for each further address.
            Message summary = prev.summaryMessage;
            QJsonObject also = summary.args.size() > 6 ? summary.args[6].toObject() : QJsonObject{{QStringLiteral("sep"), QString()}};
            QJsonArray items = also.value(QLatin1String("list")).toArray();
            items.append(phraseArg(message("arp.claim.also", {f.targets.first()})));
            also.insert(QStringLiteral("list"), items);
            while (summary.args.size() < 7)
                summary.args.append(QString());
            summary.args[6] = also;
            prev.setSummary(summary);
            prev.severity = std::max(prev.severity, f.severity);
            continue;
        }
        reported[suspect->first] = out.size();
        out.push_back(f);
    }
}

Finding ArpSpoofDetector::claimFinding(const IpAddress &ip, const std::map<Mac, Claim> &macs, const Mac &suspectMac) const
{
    const Claim &suspect = macs.at(suspectMac);
    // Both claimants active at the same time (not a simple address change)?
    bool overlap = false;
    QStringList others;
    for (const auto &[m, c] : macs) {
        if (m == suspectMac)
            continue;
        overlap = overlap || c.lastNs >= suspect.firstNs;
        others << macText(m);
    }
    Finding f;
    f.category = QStringLiteral("arp_spoofing");
    f.severity = overlap ? Severity::High : Severity::Low;
    f.confidence = overlap ? (suspect.unsolicited ? 0.9 : 0.75) : 0.4;
    f.source = macText(suspectMac);
    f.targets = {detect::ipText(ip)};
    f.firstNs = suspect.firstNs;
    f.lastNs = suspect.lastNs;
    f.count = suspect.count;
    f.setSummary(message("arp.claim.summary", {f.source, f.targets.first(), listArg(others),
                                                phraseArg(message(overlap ? "arp.claim.same_time" : "arp.claim.earlier")),
                                                qint64(suspect.count), qint64(suspect.unsolicited)}));
    f.setThreshold(message("arp.claim.threshold"));
    f.packets = suspect.evidence;
    for (const auto &[m, c] : macs)
        if (m != suspectMac)
            for (uint64_t p : c.evidence)
                addEvidence(f.packets, p);
    std::sort(f.packets.begin(), f.packets.end());
    f.metrics = QJsonObject{{QStringLiteral("claimants"), qint64(macs.size())},
                            {QStringLiteral("other_macs"), QJsonArray::fromStringList(others)},
                            {QStringLiteral("unsolicited_replies"), qint64(suspect.unsolicited)},
                            {QStringLiteral("overlapping"), overlap}};
    f.mitre = {QStringLiteral("T1557.002")};
    f.setRecommendation(message("arp.claim.recommendation", {f.source, f.targets.first()}));
    return f;
}

// MACs that deliver remote addresses another MAC also delivers: for each,
// the remote addresses and the other MACs.
ArpSpoofDetector::RelayMap ArpSpoofDetector::relaysByMac(std::map<Mac, std::vector<uint64_t>> &evidence) const
{
    // A MAC that delivered a single remote address once may be a damaged
    // frame's source field: only MACs that deliver several remote addresses
    // count as deliverers.
    std::map<Mac, size_t> delivered;
    m_remote.forEach([&](const IpAddress &, const Relays &r) {
        for (uint8_t i = 0; i < r.count; ++i)
            delivered[r.mac[i]]++;
    });
    auto deliverer = [&](const Mac &m) { return delivered[m] >= 2; };
    RelayMap relays;
    m_remote.forEach([&](const IpAddress &remote, const Relays &r) {
        uint8_t credible = 0;
        for (uint8_t i = 0; i < r.count; ++i)
            credible += deliverer(r.mac[i]);
        if (credible < 2)
            return;
        const std::string ip = remote.toString();
        for (uint8_t i = 0; i < r.count; ++i) {
            if (!deliverer(r.mac[i]))
                continue;
            relays[r.mac[i]].first.insert(ip);
            addEvidence(evidence[r.mac[i]], r.firstPacket[i], 20);
            for (uint8_t j = 0; j < r.count; ++j)
                if (j != i && deliverer(r.mac[j]))
                    relays[r.mac[i]].second.insert(r.mac[j]);
        }
    });
    return relays;
}

// Unsolicited ARP plus relaying: a man in the middle.
Finding ArpSpoofDetector::relayFinding(const Mac &mac, const Sender &s, const std::pair<std::set<std::string>, std::set<Mac>> &rel,
                                       const std::vector<uint64_t> &relayEvidence) const
{
    QStringList claimed, others;
    for (const auto &[ip, c] : s.ips)
        claimed << QString::fromStdString(ip);
    for (const Mac &o : rel.second)
        others << macText(o);
    Finding f;
    f.category = QStringLiteral("arp_spoofing");
    f.severity = Severity::High;
    f.confidence = 0.85;
    f.source = macText(mac);
    f.targets = claimed;
    f.firstNs = s.gratuitous.front();
    f.lastNs = s.gratuitous.back();
    f.count = s.gratuitous.size();
    f.setSummary(message("arp.relay.summary", {f.source, qint64(s.gratuitous.size()), listArg(claimed), qint64(rel.first.size()),
                                                listArg(others)}));
    f.setThreshold(message("arp.relay.threshold"));
    f.packets = s.evidence;
    for (uint64_t p : relayEvidence)
        addEvidence(f.packets, p);
    std::sort(f.packets.begin(), f.packets.end());
    f.metrics = QJsonObject{{QStringLiteral("unsolicited_replies"), qint64(s.gratuitous.size())},
                            {QStringLiteral("relayed_remote_addresses"), qint64(rel.first.size())},
                            {QStringLiteral("other_macs"), QJsonArray::fromStringList(others)}};
    f.mitre = {QStringLiteral("T1557.002")};
    f.setRecommendation(message("arp.relay.recommendation", {f.source}));
    return f;
}

// A burst of gratuitous or unsolicited replies from one MAC; false when none.
bool ArpSpoofDetector::burstFinding(const Mac &mac, Sender &s, Finding &f) const
{
    int64_t ws = 0, we = 0;
    const size_t n = detect::maxInWindow(s.gratuitous, m_burstWindowNs, &ws, &we);
    if (n < m_burst)
        return false;
    QStringList ips;
    for (const auto &[ip, c] : s.ips)
        ips << QString::fromStdString(ip);
    f.category = QStringLiteral("arp_spoofing");
    f.severity = Severity::Medium;
    f.confidence = 0.6;
    f.source = macText(mac);
    f.targets = ips.mid(0, 50);
    f.firstNs = s.gratuitous.front();
    f.lastNs = s.gratuitous.back();
    f.count = s.gratuitous.size();
    f.setSummary(message("arp.burst.summary", {f.source, qint64(n), qint64(m_burstWindowNs / detect::kSecond), listArg(ips.mid(0, 5))}));
    f.setThreshold(message("arp.burst.threshold", {qint64(m_burst), qint64(m_burstWindowNs / detect::kSecond)}));
    f.packets = s.evidence;
    f.metrics = QJsonObject{{QStringLiteral("replies"), qint64(s.gratuitous.size())}, {QStringLiteral("max_in_window"), qint64(n)}};
    f.mitre = {QStringLiteral("T1557.002")};
    f.setRecommendation(message("arp.burst.recommendation", {f.source}));
    return true;
}

void ArpSpoofDetector::finish(std::vector<Finding> &out)
{
    std::map<Mac, size_t> reported; // mac -> index into out
    reportClaims(out, reported);
    std::map<Mac, std::vector<uint64_t>> relayEvidence;
    const RelayMap relays = relaysByMac(relayEvidence);
    for (auto &[mac, s] : m_senders) {
        if (reported.count(mac))
            continue;
        if (auto rel = relays.find(mac); rel != relays.end()) {
            reported[mac] = out.size();
            out.push_back(relayFinding(mac, s, rel->second, relayEvidence[mac]));
            continue;
        }
        Finding f;
        if (burstFinding(mac, s, f))
            out.push_back(f);
    }
}

} // namespace packetlens
