// SPDX-License-Identifier: GPL-3.0-or-later
#include "arpspoofdetector.h"

#include <QJsonArray>

#include <cstring>
#include <set>

namespace packetlens {

namespace {
QString macText(const std::array<uint8_t, 6> &m)
{
    return QString::fromStdString(macToString(m.data()));
}
} // namespace

// The addresses a sender claimed (the first it claimed), in text order.
QStringList ArpSpoofDetector::claimedIps(const Sender &s)
{
    std::vector<std::string> text;
    for (const IpAddress &ip : s.ips)
        text.push_back(ip.toString());
    std::sort(text.begin(), text.end());
    QStringList out;
    for (const std::string &t : text)
        out << QString::fromStdString(t);
    return out;
}

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
    if (m_requests.size() > m_maxTracked)
        m_requests.clear();
    claim(a.senderIp, mac, pc, !d.hasMac || std::memcmp(d.srcMac, a.senderMac, 6) == 0, unsolicited);
    if ((gratuitous && a.op == 2) || unsolicited) {
        auto it = m_senders.find(mac);
        if (it == m_senders.end()) {
            detect::capMap(m_senders, m_maxTracked, [](const Sender &x) { return double(x.replies); });
            it = m_senders.emplace(mac, Sender()).first;
        }
        Sender &sender = it->second;
        sender.addReply(pc.tsNs, m_burstWindowNs, std::max(kWindowTimes, m_burst));
        addEvidence(sender.evidence, pc.number);
        if (sender.ips.size() < kListedIps && std::find(sender.ips.begin(), sender.ips.end(), a.senderIp) == sender.ips.end())
            sender.ips.push_back(a.senderIp);
    }
}

void ArpSpoofDetector::claim(const IpAddress &ip, const Mac &mac, const PacketContext &pc, bool framed, bool unsolicited)
{
    auto at = m_claims.find(ip);
    if (at == m_claims.end()) {
        if (m_claims.size() >= m_maxTracked)
            return;
        at = m_claims.emplace(ip, Claimants()).first;
    }
    Claimants &claimants = at->second;
    std::vector<Claim> &kept = claimants.kept;
    auto c = std::find_if(kept.begin(), kept.end(), [&mac](const Claim &k) { return k.mac == mac; });
    if (c == kept.end()) {
        if (kept.size() < kKeptClaimants) {
            kept.emplace_back();
            c = kept.end() - 1;
        } else {
            // All places taken. The weakest place: one that is not credible
            // (a damaged frame's MAC), else the one that claimed least, the
            // longest ago.
            c = std::min_element(kept.begin(), kept.end(), [](const Claim &x, const Claim &y) {
                if (x.credible() != y.credible())
                    return !x.credible();
                return x.count != y.count ? x.count < y.count : x.lastNs < y.lastNs;
            });
            if (framed && !c->credible()) {
                *c = Claim(); // a claimant from its own frame displaces a damaged one at once
            } else {
                // A newcomer is remembered until it claims again, counted if credible.
                uint64_t h = ip.hash();
                for (uint8_t b : mac)
                    h = (h ^ b) * 0x100000001b3ull;
                FirstClaim first;
                if (!m_newcomers.seenBefore(h, FirstClaim{pc.tsNs, pc.number, framed, unsolicited}, first)) {
                    claimants.otherMacs += framed;
                    return;
                }
                // It has: it takes the weakest place, whose MAC is counted instead.
                claimants.otherMacs += uint64_t(c->credible()) - uint64_t(first.framed);
                *c = Claim();
                c->firstNs = first.ns;
                c->count = 1;
                c->framed = first.framed;
                c->unsolicited = first.unsolicited;
                c->evidence.push_back(first.packet);
            }
        }
        c->mac = mac;
        if (c->count == 0)
            c->firstNs = pc.tsNs;
    }
    c->lastNs = pc.tsNs;
    c->count++;
    c->framed += framed;
    c->unsolicited += unsolicited;
    addEvidence(c->evidence, pc.number, 20);
}

void ArpSpoofDetector::Sender::addReply(int64_t ns, int64_t windowNs, size_t most)
{
    firstNs = replies == 0 ? ns : std::min(firstNs, ns);
    lastNs = replies == 0 ? ns : std::max(lastNs, ns);
    ++replies;
    // The window stays sorted (a reply stamped out of order goes to its place).
    auto at = std::upper_bound(window.begin() + long(head), window.end(), ns);
    window.insert(at, ns);
    while (head < window.size() && window.back() - window[head] > windowNs)
        ++head;
    if (window.size() - head > most)
        ++head;
    maxInWindow = std::max(maxInWindow, window.size() - head);
    if (head >= most) { // what fell out of the window goes, now and then
        window.erase(window.begin(), window.begin() + long(head));
        head = 0;
    }
}

// One IP address claimed by several MACs: the later or unsolicited claimant
// is the suspect; one finding per suspect MAC (further addresses join it).
void ArpSpoofDetector::reportClaims(std::vector<Finding> &out, std::map<Mac, size_t> &reported) const
{
    // In address order: which addresses a spoofer's summary and targets
    // name first does not depend on hashing.
    std::vector<const std::pair<const IpAddress, Claimants> *> claimed;
    claimed.reserve(m_claims.size());
    for (const auto &kv : m_claims)
        if (kv.second.kept.size() >= 2)
            claimed.push_back(&kv);
    std::sort(claimed.begin(), claimed.end(), [](const auto *x, const auto *y) { return x->first < y->first; });
    for (const auto *entry : claimed) {
        const IpAddress &ip = entry->first;
        const Claimants &all = entry->second;
        std::vector<const Claim *> macs; // the credible claimants, by MAC
        for (const Claim &c : all.kept)
            if (c.credible())
                macs.push_back(&c);
        if (macs.size() < 2)
            continue;
        std::sort(macs.begin(), macs.end(), [](const Claim *x, const Claim *y) { return x->mac < y->mac; });
        const Claim *suspect = macs.front();
        for (const Claim *c : macs) {
            const bool moreUnsolicited = c->unsolicited > suspect->unsolicited;
            const bool sameButLater = c->unsolicited == suspect->unsolicited && c->firstNs > suspect->firstNs;
            if (moreUnsolicited || sameButLater)
                suspect = c;
        }
        auto existing = reported.find(suspect->mac);
        Finding f = claimFinding(ip, macs, *suspect, all.otherMacs);
        if (existing != reported.end() && existing->second < out.size()) {
            Finding &prev = out[existing->second];
            // A spoofer of a whole subnet: its first addresses listed, all counted.
            const qint64 claimed = prev.metrics.value(QLatin1String("addresses_claimed")).toInteger() + 1;
            prev.metrics.insert(QStringLiteral("addresses_claimed"), claimed);
            prev.severity = std::max(prev.severity, f.severity);
            if (claimed <= qint64(kListedIps))
                prev.targets << f.targets.first();
            if (claimed > qint64(kAlsoSaid) + 1)
                continue;
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
            continue;
        }
        reported[suspect->mac] = out.size();
        out.push_back(f);
    }
    // Past the addresses said one by one, the summary says how many more.
    for (const auto &[mac, at] : reported) {
        Finding &f = out[at];
        const qint64 claimed = f.metrics.value(QLatin1String("addresses_claimed")).toInteger();
        if (claimed <= qint64(kAlsoSaid) + 1)
            continue;
        Message summary = f.summaryMessage;
        summary.args[6] = phraseArg(message("list.and_more", {summary.args[6], claimed - 1 - qint64(kAlsoSaid)}));
        f.setSummary(summary);
    }
}

Finding ArpSpoofDetector::claimFinding(const IpAddress &ip, const std::vector<const Claim *> &macs, const Claim &suspect,
                                       uint64_t otherMacs) const
{
    const Mac &suspectMac = suspect.mac;
    // Both claimants active at the same time (not a simple address change)?
    bool overlap = false;
    QStringList others;
    for (const Claim *c : macs) {
        if (c->mac == suspectMac)
            continue;
        overlap = overlap || c->lastNs >= suspect.firstNs;
        others << macText(c->mac);
    }
    // Beyond the claimants kept, the others are a number: "… and 120 more".
    const QJsonValue othersSaid = otherMacs == 0 ? listArg(others)
                                                 : phraseArg(message("list.and_more", {listArg(others), qint64(otherMacs)}));
    Finding f;
    f.category = QStringLiteral("arp_spoofing");
    f.severity = overlap ? Severity::High : Severity::Low;
    f.confidence = overlap ? (suspect.unsolicited ? 0.9 : 0.75) : 0.4;
    f.source = macText(suspectMac);
    f.targets = {detect::ipText(ip)};
    f.firstNs = suspect.firstNs;
    f.lastNs = suspect.lastNs;
    f.count = suspect.count;
    f.setSummary(message("arp.claim.summary", {f.source, f.targets.first(), othersSaid,
                                                phraseArg(message(overlap ? "arp.claim.same_time" : "arp.claim.earlier")),
                                                qint64(suspect.count), qint64(suspect.unsolicited)}));
    f.setThreshold(message("arp.claim.threshold"));
    f.packets = suspect.evidence;
    for (const Claim *c : macs)
        if (c->mac != suspectMac)
            for (uint64_t p : c->evidence)
                addEvidence(f.packets, p);
    std::sort(f.packets.begin(), f.packets.end());
    f.metrics = QJsonObject{{QStringLiteral("claimants"), qint64(macs.size() + otherMacs)},
                            {QStringLiteral("other_macs"), QJsonArray::fromStringList(others)},
                            {QStringLiteral("unsolicited_replies"), qint64(suspect.unsolicited)},
                            {QStringLiteral("addresses_claimed"), 1},
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
    QStringList claimed = claimedIps(s), others;
    for (const Mac &o : rel.second)
        others << macText(o);
    Finding f;
    f.category = QStringLiteral("arp_spoofing");
    f.severity = Severity::High;
    f.confidence = 0.85;
    f.source = macText(mac);
    f.targets = claimed;
    f.firstNs = s.firstNs;
    f.lastNs = s.lastNs;
    f.count = s.replies;
    f.setSummary(message("arp.relay.summary", {f.source, qint64(s.replies), listArg(claimed), qint64(rel.first.size()),
                                                listArg(others)}));
    f.setThreshold(message("arp.relay.threshold"));
    f.packets = s.evidence;
    for (uint64_t p : relayEvidence)
        addEvidence(f.packets, p);
    std::sort(f.packets.begin(), f.packets.end());
    f.metrics = QJsonObject{{QStringLiteral("unsolicited_replies"), qint64(s.replies)},
                            {QStringLiteral("relayed_remote_addresses"), qint64(rel.first.size())},
                            {QStringLiteral("other_macs"), QJsonArray::fromStringList(others)}};
    f.mitre = {QStringLiteral("T1557.002")};
    f.setRecommendation(message("arp.relay.recommendation", {f.source}));
    return f;
}

// A burst of gratuitous or unsolicited replies from one MAC; false when none.
bool ArpSpoofDetector::burstFinding(const Mac &mac, const Sender &s, Finding &f) const
{
    const size_t n = s.maxInWindow;
    if (n < m_burst)
        return false;
    const QStringList ips = claimedIps(s);
    f.category = QStringLiteral("arp_spoofing");
    f.severity = Severity::Medium;
    f.confidence = 0.6;
    f.source = macText(mac);
    f.targets = ips.mid(0, 50);
    f.firstNs = s.firstNs;
    f.lastNs = s.lastNs;
    f.count = s.replies;
    f.setSummary(message("arp.burst.summary", {f.source, qint64(n), qint64(m_burstWindowNs / detect::kSecond), listArg(ips.mid(0, 5))}));
    f.setThreshold(message("arp.burst.threshold", {qint64(m_burst), qint64(m_burstWindowNs / detect::kSecond)}));
    f.packets = s.evidence;
    f.metrics = QJsonObject{{QStringLiteral("replies"), qint64(s.replies)}, {QStringLiteral("max_in_window"), qint64(n)}};
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
    // In the order of their MACs (the report's order does not depend on hashing).
    std::vector<const std::pair<const Mac, Sender> *> senders;
    senders.reserve(m_senders.size());
    for (const auto &kv : m_senders)
        senders.push_back(&kv);
    std::sort(senders.begin(), senders.end(), [](const auto *x, const auto *y) { return x->first < y->first; });
    for (const auto *kv : senders) {
        const Mac &mac = kv->first;
        const Sender &s = kv->second;
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
