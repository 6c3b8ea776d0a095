// SPDX-License-Identifier: GPL-3.0-or-later
#include "dnstunneldetector.h"

#include <algorithm>
#include <cmath>
#include <functional>

namespace packetlens {

namespace {
constexpr size_t kMaxSubdomains = 20000;
constexpr size_t kMaxClients = 256;

// Second-level labels under which names are registered one level deeper
// (co.uk, com.au, …): a short built-in list of the common ones.
bool isPublicSecondLevel(std::string_view sld, std::string_view tld)
{
    static const char *const slds[] = {"co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go"};
    if (tld.size() != 2)
        return false;
    for (const char *s : slds)
        if (sld == s)
            return true;
    return false;
}
} // namespace

DnsTunnelDetector::DnsTunnelDetector(const DetectionSettings &s)
    : m_minUnique(size_t(s.number("dns_tunneling", "min_unique_subdomains"))),
      m_longLabel(size_t(s.number("dns_tunneling", "long_label"))),
      m_minEntropy(s.number("dns_tunneling", "min_entropy")),
      m_minSuspicious(size_t(s.number("dns_tunneling", "min_suspicious_names"))),
      m_txtRatio(s.number("dns_tunneling", "txt_null_ratio")),
      m_minQueriesForRatio(size_t(s.number("dns_tunneling", "min_queries_for_ratio"))),
      m_maxTracked(size_t(s.number("limits", "max_tracked")))
{
}

std::string_view DnsTunnelDetector::registeredDomainView(std::string_view name)
{
    // The last two labels, or three under a public second level (co.uk).
    size_t last = name.rfind('.');
    if (last == std::string_view::npos || last == 0)
        return name;
    size_t second = name.rfind('.', last - 1);
    if (second == std::string_view::npos)
        return name;
    const std::string_view sld = name.substr(second + 1, last - second - 1);
    const std::string_view tld = name.substr(last + 1);
    if (second > 0 && isPublicSecondLevel(sld, tld)) {
        const size_t third = name.rfind('.', second - 1);
        return third == std::string_view::npos ? name : name.substr(third + 1);
    }
    return name.substr(second + 1);
}

bool DnsTunnelDetector::hasPlausibleTld(std::string_view name)
{
    const size_t dot = name.rfind('.');
    const std::string_view tld = dot == std::string_view::npos ? name : name.substr(dot + 1);
    if (tld.size() > 4 && tld.substr(0, 4) == "xn--")
        return true; // an internationalized TLD
    if (tld.size() < 2 || tld.size() > 18)
        return false;
    return std::all_of(tld.begin(), tld.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}

DnsTunnelDetector::Domain &DnsTunnelDetector::domainFor(const PacketContext &pc, std::string_view key, bool direct)
{
    auto it = m_domains.find(key);
    if (it == m_domains.end()) {
        detect::capMap(m_domains, m_maxTracked, [](const Domain &dm) { return double(dm.queries); });
        it = m_domains.emplace(std::string(key), Domain{}).first;
        it->second.firstNs = pc.tsNs;
        it->second.direct = direct;
        it->second.server = pc.d->dst;
    }
    return it->second;
}

void DnsTunnelDetector::onPacket(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (d.app != Proto::Dns || d.dns.isResponse || d.dns.qname.empty() || (d.malformed && d.malformedAt == Proto::Dns))
        return;
    const std::string &name = d.dns.qname;
    if (name.size() > 6 && (name.compare(name.size() - 6, 6, ".local") == 0 || name.compare(name.size() - 5, 5, ".arpa") == 0))
        return;
    // A name under a registered domain groups by that domain; one without
    // (a tool talking to its server directly) by the server it went to.
    const bool direct = name.find('.') != std::string::npos && !hasPlausibleTld(name);
    std::string directKey;
    if (direct)
        directKey = "direct:" + d.dst.toString();
    const std::string_view key = direct ? std::string_view(directKey) : registeredDomainView(name);
    Domain &dm = domainFor(pc, key, direct);
    dm.queries++;
    dm.lastNs = pc.tsNs;
    if (d.dns.qtype == 16 || d.dns.qtype == 10)
        dm.txtNull++;
    // A few hundred clients at most: a sorted array stays in the cache where
    // a node-based map would not.
    auto c = std::lower_bound(dm.clients.begin(), dm.clients.end(), d.src,
                              [](const std::pair<IpAddress, uint64_t> &e, const IpAddress &ip) { return e.first < ip; });
    if (c != dm.clients.end() && c->first == d.src)
        c->second++;
    else if (dm.clients.size() < kMaxClients)
        dm.clients.insert(c, {d.src, 1});
    else
        dm.moreClients = true;
    const size_t subLen = direct ? name.size() : name.size() > key.size() ? name.size() - key.size() - 1 : 0;
    if (subLen == 0)
        return;
    dm.subLenSum += subLen;
    dm.withSub++;
    const uint64_t h = std::hash<std::string_view>()(std::string_view(name.data(), subLen));
    if (dm.subdomains.size() < kMaxSubdomains)
        dm.subdomains.insert(h);
    else if (!dm.subdomains.count(h))
        dm.subdomainsDropped++;
    // Longest label and the entropy of the subdomain part (dots removed).
    // (A DNS name has at most 255 bytes, so the letters fit on the stack.)
    size_t longest = 0, cur = 0, nLetters = 0;
    char letters[256];
    const size_t scan = std::min<size_t>(subLen, sizeof letters);
    for (size_t i = 0; i < scan; ++i) {
        if (name[i] == '.') {
            longest = std::max(longest, cur);
            cur = 0;
        } else {
            ++cur;
            letters[nLetters++] = name[i];
        }
    }
    longest = std::max(longest, cur);
    dm.maxLabel = std::max(dm.maxLabel, longest);
    const bool isLong = longest > m_longLabel;
    const bool isRandom = nLetters >= 20 && detect::entropy(reinterpret_cast<const uint8_t *>(letters), nLetters) >= m_minEntropy;
    dm.longLabels += isLong;
    dm.highEntropy += isRandom;
    if (isLong || isRandom || dm.evidence.size() < 10) {
        addEvidence(dm.evidence, pc.number);
        if (dm.example.empty() && (isLong || isRandom))
            dm.example = name;
    }
}

void DnsTunnelDetector::finish(std::vector<Finding> &out)
{
    for (const auto &[domain, dm] : m_domains) {
        const size_t unique = dm.subdomains.size() + dm.subdomainsDropped;
        const size_t suspicious = std::max(dm.longLabels, dm.highEntropy);
        // Many unique names alone also describe a large internal domain; tunnels
        // use long names (encoded data), so short host names do not count.
        const double avgLen = dm.withSub ? double(dm.subLenSum) / double(dm.withSub) : 0.0;
        const bool manyUnique = unique >= m_minUnique && (avgLen >= 16 || dm.longLabels + dm.highEntropy > 0);
        const bool oddNames = suspicious >= m_minSuspicious;
        const bool txtHeavy = dm.queries >= m_minQueriesForRatio && double(dm.txtNull) >= m_txtRatio * double(dm.queries)
                              && unique >= m_minQueriesForRatio / 2;
        const int signalCount = int(manyUnique) + int(oddNames) + int(txtHeavy);
        if (signalCount == 0)
            continue;
        out.push_back(raise(domain, dm, signalCount, manyUnique, oddNames, txtHeavy));
    }
}


Finding DnsTunnelDetector::raise(const std::string &domain, const Domain &dm, int signalCount, bool manyUnique, bool oddNames,
                                 bool txtHeavy) const
{
    const size_t unique = dm.subdomains.size() + dm.subdomainsDropped;
    const size_t suspicious = std::max(dm.longLabels, dm.highEntropy);
    const double avgLen = dm.withSub ? double(dm.subLenSum) / double(dm.withSub) : 0.0;
    IpAddress client;
    uint64_t most = 0;
    for (const auto &[ip, n] : dm.clients)
        if (n > most) {
            most = n;
            client = ip;
        }
    Finding f;
    f.category = QStringLiteral("dns_tunneling");
    f.severity = signalCount >= 2 || (oddNames && unique >= m_minUnique / 2) ? Severity::High : Severity::Medium;
    f.confidence = std::min(1.0, 0.5 + 0.2 * signalCount + 0.1 * std::min(1.0, double(unique) / 500));
    f.source = detect::ipText(client);
    // Direct names have no domain to name: the server they went to is the target.
    f.targets = {dm.direct ? detect::ipText(dm.server) : QString::fromStdString(domain)};
    f.ports = {53};
    f.firstNs = dm.firstNs;
    f.lastNs = dm.lastNs;
    f.count = dm.queries;
    QJsonArray why;
    if (manyUnique)
        why.append(phraseArg(message("dns.why.unique", {qint64(unique)})));
    if (oddNames)
        why.append(phraseArg(message("dns.why.odd", {qint64(suspicious), qint64(dm.maxLabel)})));
    if (txtHeavy)
        why.append(phraseArg(message("dns.why.txt", {qRound(100.0 * double(dm.txtNull) / double(dm.queries))})));
    const Message under = message(dm.direct ? "dns.direct" : "dns.under", {f.targets.first()});
    const QJsonValue example = dm.example.empty() ? QJsonValue(QString())
                                                  : phraseArg(message("dns.example", {QString::fromStdString(dm.example)}));
    // Several clients: the count is theirs together, the source only the busiest.
    const bool several = dm.clients.size() > 1;
    // Past the clients kept, their number is a floor.
    const QJsonValue clients = dm.moreClients ? QJsonValue(QStringLiteral("%1+").arg(dm.clients.size())) : QJsonValue(qint64(dm.clients.size()));
    f.setSummary(several ? message("dns.summary.clients", {f.source, qint64(dm.queries), phraseArg(under), listArg(why), example,
                                                           clients, qint64(most)})
                         : message("dns.summary", {f.source, qint64(dm.queries), phraseArg(under), listArg(why), example}));
    f.setThreshold(message("dns.threshold", {qint64(m_minUnique), qint64(m_minSuspicious), qint64(m_longLabel), numberArg(m_minEntropy),
                                             qRound(m_txtRatio * 100)}));
    f.packets = dm.evidence;
    f.metrics = QJsonObject{{QStringLiteral("queries"), qint64(dm.queries)},
                            {QStringLiteral("unique_subdomains"), qint64(unique)},
                            {QStringLiteral("long_labels"), qint64(dm.longLabels)},
                            {QStringLiteral("high_entropy_names"), qint64(dm.highEntropy)},
                            {QStringLiteral("max_label_length"), qint64(dm.maxLabel)},
                            {QStringLiteral("avg_subdomain_length"), qRound(avgLen * 10) / 10.0},
                            {QStringLiteral("txt_null_queries"), qint64(dm.txtNull)},
                            {QStringLiteral("clients"), qint64(dm.clients.size())},
                            {QStringLiteral("source_queries"), qint64(most)}};
    if (dm.moreClients)
        f.metrics.insert(QStringLiteral("clients_capped"), true);
    f.mitre = {QStringLiteral("T1071.004"), QStringLiteral("T1048")};
    f.setRecommendation(several ? message("dns.recommendation.clients", {f.source, f.targets.first(), clients})
                                : message("dns.recommendation", {f.source, f.targets.first()}));
    f.matchKey = f.targets.first();
    return f;
}

} // namespace packetlens
