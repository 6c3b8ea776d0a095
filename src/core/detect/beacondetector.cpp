// SPDX-License-Identifier: GPL-3.0-or-later
#include "beacondetector.h"
#include "findingaggregation.h"

#include <cmath>

namespace packetlens {

namespace {
// Services that talk on a timer by design: time, address leases, name
// discovery, and the keepalives of tunnels, wireless controllers, VoIP
// registrations, NAT traversal and DDS/RTPS discovery (7400–7500). A peer on the
// same host or link is never a C2 server either.
bool periodicService(uint16_t port, const IpAddress &dst)
{
    switch (port) {
    case 123: case 67: case 68: case 546: case 547: case 5353: case 5355: case 137: case 138: case 1900:
    case 500: case 4500: case 1194: case 51820: case 3478: case 3479: case 5349: case 5060: case 5061:
    case 5246: case 5247: case 7351: case 161: case 162: case 10050: case 10051: case 5666:
        return true;
    case 53:
        return detect::isPrivate(dst);
    default:
        break;
    }
    if (port >= 7400 && port <= 7500)
        return true;
    const detect::Scope scope = detect::scopeOf(dst);
    return scope == detect::Scope::Loopback || scope == detect::Scope::LinkLocal;
}

// Sources beaconing to one destination port at once: from this many on it is
// a managed service (an agent fleet checking in), not one implant (RITA's prevalence).
constexpr size_t kFleetSources = 5;

double quantile(const std::vector<double> &sorted, double q)
{
    const double pos = q * double(sorted.size() - 1);
    const size_t lo = size_t(pos);
    const size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - double(lo));
}

// The pair a TCP connection contacts: originator, responder and its port.
detect::PairKey contactOf(const Conv &c)
{
    return detect::PairKey{c.orig, c.resp, uint32_t(c.respPort)};
}

// Whether a TCP connection is a contact (its first packet, a SYN) of a pair
// that may beacon (UDP is followed per packet).
bool isContact(const Conv &c)
{
    return c.proto == 6 && (c.flags & OrigSyn) && !periodicService(c.respPort, c.resp)
           && !detect::isMulticastOrBroadcast(c.resp);
}
} // namespace

BeaconDetector::BeaconDetector(const DetectionSettings &s)
    : m_minContacts(size_t(s.number("beaconing", "min_contacts"))),
      m_minScore(s.number("beaconing", "min_score")),
      m_gapNs(int64_t(s.number("beaconing", "contact_gap_s") * 1e9)),
      m_minIntervalS(s.number("beaconing", "min_interval_s")),
      m_maxTracked(size_t(s.number("limits", "max_tracked")))
{
}

BeaconDetector::Score BeaconDetector::score(const std::vector<int64_t> &contacts, int64_t spanNs, int64_t firstNs, int64_t lastNs)
{
    Score s;
    if (contacts.size() < 3)
        return s;
    std::vector<double> iv;
    for (size_t i = 1; i < contacts.size(); ++i)
        iv.push_back(double(contacts[i] - contacts[i - 1]) / 1e9);
    std::sort(iv.begin(), iv.end());
    const double q1 = quantile(iv, 0.25), q2 = quantile(iv, 0.5), q3 = quantile(iv, 0.75);
    // Bowley skew is unstable when the intervals hardly vary at all: a spread
    // under 10% of the median is as regular as it gets.
    const double bowley = q3 - q1 > 0.1 * q2 ? (q3 + q1 - 2 * q2) / (q3 - q1) : 0.0;
    std::vector<double> dev;
    for (double x : iv)
        dev.push_back(std::fabs(x - q2));
    std::sort(dev.begin(), dev.end());
    const double mad = quantile(dev, 0.5);
    s.medianS = q2;
    s.skew = 1.0 - std::min(1.0, std::fabs(bowley));
    s.mad = q2 > 0 ? 1.0 - std::min(1.0, mad / q2) : 0.0;
    // How much of the capture the beacon spans: a steady beacon covers it all.
    const double covered = double(lastNs - firstNs) / std::max(1.0, double(spanNs));
    s.coverage = std::min(1.0, covered * 1.25);
    s.total = (s.skew + s.mad + s.coverage) / 3.0;
    return s;
}

void BeaconDetector::Track::addContact(int64_t ns)
{
    firstNs = count == 0 ? ns : std::min(firstNs, ns);
    lastNs = count == 0 ? ns : std::max(lastNs, ns);
    ++count;
    if (contacts.size() < kKeptContacts) {
        contacts.push_back(ns);
        if (contacts.size() == kKeptContacts)
            std::make_heap(contacts.begin(), contacts.end(), std::greater<>());
        return;
    }
    if (ns <= contacts.front())
        return; // older than every kept contact
    std::pop_heap(contacts.begin(), contacts.end(), std::greater<>());
    contacts.back() = ns;
    std::push_heap(contacts.begin(), contacts.end(), std::greater<>());
}

size_t BeaconDetector::contactsHeld() const
{
    size_t n = 0;
    m_tracks.forEach([&n](const detect::PairKey &, const Track &t) { n += t.contacts.size(); });
    return n;
}

BeaconDetector::Track &BeaconDetector::track(const IpAddress &src, const IpAddress &dst, uint16_t port, bool udp)
{
    const detect::PairKey key{src, dst, uint32_t(port) | (udp ? 0x10000u : 0u)};
    const uint64_t h = detect::PairKeyHash()(key);
    if (Track *t = m_tracks.find(key, h))
        return *t;
    detect::capMap(m_tracks, m_maxTracked, [](const Track &t) { return double(t.count); });
    Track *t = m_tracks.tryEmplace(key, h).first;
    t->udp = udp;
    return *t;
}

void BeaconDetector::prefetchConversation(const Conv &c, int stage)
{
    if (c.proto != 6 || !(c.flags & OrigSyn))
        return;
    const uint64_t h = detect::PairKeyHash()(contactOf(c));
    m_tracks.prefetch(h, stage);
    if (stage == 0)
        m_once.prefetch(h);
}

void BeaconDetector::onConversation(const Conv &c)
{
    if (!isContact(c))
        return;
    const detect::PairKey key = contactOf(c);
    const uint64_t h = detect::PairKeyHash()(key);
    Track *t = m_tracks.find(key, h);
    if (!t) { // state only for pairs contacted more than once
        FirstContact first;
        if (!m_once.seenBefore(h, FirstContact{c.firstNs, c.firstPacket}, first))
            return;
        t = &track(c.orig, c.resp, c.respPort, false);
        t->addContact(first.ns);
        addEvidence(t->evidence, first.packet);
    }
    t->packets += c.origPackets;
    t->addContact(c.firstNs);
    addEvidence(t->evidence, c.firstPacket);
}

void BeaconDetector::onPacket(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (d.l4 != Proto::Udp || !pc.hasConversation || !pc.fromOriginator || !d.src.isValid())
        return;
    if (periodicService(d.dport, d.dst) || detect::isMulticastOrBroadcast(d.dst))
        return;
    Track &t = track(d.src, d.dst, d.dport, true);
    t.packets++;
    const bool contact = t.count == 0 || pc.tsNs - t.lastSeenNs >= m_gapNs;
    t.lastSeenNs = pc.tsNs;
    if (contact) {
        t.addContact(pc.tsNs);
        addEvidence(t.evidence, pc.number);
    }
}

void BeaconDetector::finish(std::vector<Finding> &out)
{
    draw(nullptr, m_captureLastNs - m_captureFirstNs, m_provisionalSources, m_provisionalPerSource, out);
}

bool BeaconDetector::findProvisionally(const OpenConversations &visitOpen, const ProvisionalScope &scope,
                                       std::vector<Finding> &out)
{
    OpenContacts open;
    visitOpen([&open](const Conv &c) {
        if (isContact(c))
            open[contactOf(c)].push_back({c.firstNs, c.firstPacket, c.origPackets});
    });
    // Near the cap of pairs a copy would drop the smaller half of them to
    // make room for new ones: then only a copy tells what it would report.
    size_t fresh = 0;
    for (const auto &[key, contacts] : open)
        fresh += m_tracks.find(key, detect::PairKeyHash()(key)) ? 0 : 1;
    if (m_tracks.size() + fresh >= m_maxTracked)
        return false;
    draw(&open, scope.lastNs - scope.firstNs, scope.sources, scope.perSource, out);
    return true;
}

BeaconDetector::Track BeaconDetector::ended(const detect::PairKey &key, const Track *held,
                                            const std::vector<OpenContact> &extra) const
{
    Track t;
    size_t next = 0;
    if (held) {
        t = *held;
    } else {
        FirstContact first;
        if (!m_once.peek(detect::PairKeyHash()(key), first)) { // the first open conversation is the first contact
            if (extra.size() < 2)
                return t;
            first = FirstContact{extra[0].ns, extra[0].packet};
            next = 1;
        }
        t.addContact(first.ns);
        addEvidence(t.evidence, first.packet);
    }
    for (; next < extra.size(); ++next) {
        t.packets += extra[next].packets;
        t.addContact(extra[next].ns);
        addEvidence(t.evidence, extra[next].packet);
    }
    return t;
}

void BeaconDetector::draw(const OpenContacts *open, int64_t span, size_t sources, size_t perSourceCap,
                          std::vector<Finding> &out)
{
    struct Candidate
    {
        const detect::PairKey *key;
        const Track *held;                     // null: a pair only open conversations make
        const std::vector<OpenContact> *extra; // the open conversations' contacts, if any
        Score score;
        uint64_t count;
        int64_t firstNs;
    };
    std::vector<Candidate> found;
    std::unordered_map<detect::PairKey, size_t, detect::PairKeyHash> sourcesPerService; // (-, dst, port|udp)
    auto consider = [&](const detect::PairKey &key, Track &t, const Track *held, const std::vector<OpenContact> *extra) {
        if (t.count < m_minContacts)
            return;
        std::sort(t.contacts.begin(), t.contacts.end()); // (still a min-heap)
        const Score s = score(t.contacts, span, t.firstNs, t.lastNs);
        if (s.total < m_minScore || s.medianS < m_minIntervalS)
            return;
        found.push_back(Candidate{&key, held, extra, s, t.count, t.firstNs});
        sourcesPerService[detect::PairKey{IpAddress(), key.b, key.extra}]++;
    };
    // A pair an open conversation adds to is scored on a temporary copy,
    // one at a time; the others as they are.
    m_tracks.forEach([&](const detect::PairKey &key, Track &t) {
        auto it = open ? open->find(key) : OpenContacts::const_iterator();
        if (!open || it == open->end()) {
            consider(key, t, &t, nullptr);
            return;
        }
        Track e = ended(key, &t, it->second);
        consider(key, e, &t, &it->second);
    });
    if (open)
        for (const auto &[key, extra] : *open)
            if (!m_tracks.find(key, detect::PairKeyHash()(key))) {
                Track e = ended(key, nullptr, extra);
                consider(key, e, nullptr, &extra);
            }
    auto fleetOf = [&sourcesPerService](const detect::PairKey &k) {
        return sourcesPerService[detect::PairKey{IpAddress(), k.b, k.extra}];
    };
    if (found.size() > sources) {
        // A live capture's provisional findings: only those the report would
        // list (the worst sources, ranked as the aggregation ranks findings,
        // and a bounded number of pairs of each), not thousands every second.
        struct Ranked
        {
            const Candidate *c;
            Finding rank; // only what rankedBefore reads
        };
        std::vector<Ranked> ranked;
        ranked.reserve(found.size());
        for (const Candidate &c : found) {
            Finding rank;
            rank.severity = severityOf(*c.key, c.count, c.score, fleetOf(*c.key));
            rank.confidence = c.score.total;
            rank.firstNs = c.firstNs;
            rank.source = detect::ipText(c.key->a);
            ranked.push_back({&c, std::move(rank)});
        }
        std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked &x, const Ranked &y) { return rankedBefore(x.rank, y.rank); });
        std::unordered_map<IpAddress, size_t> perSource;
        std::vector<Candidate> kept;
        for (const Ranked &r : ranked) {
            auto it = perSource.find(r.c->key->a);
            if (it == perSource.end()) {
                if (perSource.size() >= sources)
                    continue;
                it = perSource.emplace(r.c->key->a, 0).first;
            }
            if (it->second >= perSourceCap)
                continue;
            ++it->second;
            kept.push_back(*r.c);
        }
        found.swap(kept);
    }
    for (const Candidate &c : found)
        out.push_back(c.extra ? raise(*c.key, ended(*c.key, c.held, *c.extra), c.score, fleetOf(*c.key))
                              : raise(*c.key, *c.held, c.score, fleetOf(*c.key)));
}

Severity BeaconDetector::severityOf(const detect::PairKey &key, size_t contacts, const Score &s, size_t fleet)
{
    // To the outside a timer is worth a look; inside (both ends private) or
    // shared by a fleet of hosts it is most often management traffic.
    const bool external = detect::widerScope(key.a, key.b) == detect::Scope::Public;
    return !external || fleet >= kFleetSources ? Severity::Low
           : s.total >= 0.9 && contacts >= 20  ? Severity::High
                                               : Severity::Medium;
}

Finding BeaconDetector::raise(const detect::PairKey &key, const Track &t, const Score &s, size_t fleet) const
{
    Finding f;
    f.category = QStringLiteral("beaconing");
    const bool external = detect::widerScope(key.a, key.b) == detect::Scope::Public;
    f.severity = severityOf(key, t.count, s, fleet);
    f.confidence = s.total;
    f.source = detect::ipText(key.a);
    f.targets = {detect::ipText(key.b)};
    f.ports = {int(key.extra & 0xffff)};
    f.firstNs = t.firstNs;
    f.lastNs = t.lastNs;
    f.count = t.count;
    f.setSummary(message("beacon.summary", {f.source, f.targets.first(), QString::number(f.ports.front()), t.udp ? QStringLiteral("udp") : QStringLiteral("tcp"),
                                             qint64(t.count), decimalArg(s.medianS, s.medianS < 10 ? 1 : 0)}));
    f.setThreshold(message("beacon.threshold", {qint64(m_minContacts), numberArg(m_minScore)}));
    f.packets = t.evidence;
    std::sort(f.packets.begin(), f.packets.end());
    f.metrics = QJsonObject{{QStringLiteral("contacts"), qint64(t.count)},
                            {QStringLiteral("median_interval_s"), qRound(s.medianS * 1000) / 1000.0},
                            {QStringLiteral("skew_score"), qRound(s.skew * 1000) / 1000.0},
                            {QStringLiteral("mad_score"), qRound(s.mad * 1000) / 1000.0},
                            {QStringLiteral("coverage_score"), qRound(s.coverage * 1000) / 1000.0},
                            {QStringLiteral("score"), qRound(s.total * 1000) / 1000.0},
                            {QStringLiteral("external"), external},
                            {QStringLiteral("sources_same_service"), qint64(fleet)}};
    if (fleet >= kFleetSources) { // the summary's last argument: others doing the same
        Message summary = f.summaryMessage;
        summary.args.append(phraseArg(message("beacon.fleet", {qint64(fleet)})));
        f.setSummary(summary);
    }
    f.mitre = {QStringLiteral("T1071"), QStringLiteral("T1573")};
    f.setRecommendation(message("beacon.recommendation", {f.source, f.targets.first()}));
    return f;
}

} // namespace packetlens
