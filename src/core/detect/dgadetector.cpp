// SPDX-License-Identifier: GPL-3.0-or-later
#include "dgadetector.h"
#include "dnstunneldetector.h"

#include <algorithm>
#include <functional>

namespace packetlens {

namespace {
// Distinct refused domains kept per client (their hashes), and examples shown.
constexpr size_t kMaxDomains = 4096, kExamples = 5;

bool endsWith(std::string_view s, std::string_view tail)
{
    return s.size() >= tail.size() && s.substr(s.size() - tail.size()) == tail;
}

bool isVowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}
} // namespace

DgaDetector::DgaDetector(const DetectionSettings &s)
    : m_minDomains(size_t(s.number("dga", "min_domains"))),
      m_windowNs(int64_t(s.number("dga", "window_s") * 1e9)),
      m_maxTracked(size_t(s.number("limits", "max_tracked")))
{
}

bool DgaDetector::generatedLooking(std::string_view label)
{
    if (label.size() < 8)
        return false; // short names are too often real ones
    size_t vowels = 0, digits = 0, run = 0, longestRun = 0, letters = 0;
    for (char c : label) {
        if (c >= '0' && c <= '9') {
            ++digits;
            run = 0;
        } else if (c >= 'a' && c <= 'z') {
            ++letters;
            if (isVowel(c)) {
                ++vowels;
                run = 0;
            } else {
                longestRun = std::max(longestRun, ++run);
            }
        } else {
            run = 0; // a hyphen
        }
    }
    if (letters == 0)
        return false; // all digits: a number, not a name
    const bool fewVowels = double(vowels) < 0.22 * double(letters);
    const bool mixed = digits >= 2 && letters >= 4 && digits * 5 >= label.size();
    return fewVowels || longestRun >= 5 || mixed;
}

void DgaDetector::onPacket(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (d.app != Proto::Dns || !d.dns.isResponse || d.dns.rcode != 3 || d.dns.qname.empty() || !d.dst.isValid()
        || (d.malformed && d.malformedAt == Proto::Dns))
        return;
    const std::string_view name = d.dns.qname;
    // Host lookups only (A, AAAA, HTTPS): a mail server checking random
    // senders' MX, SPF and _dmarc records is no DGA.
    const uint16_t qtype = d.dns.qtype;
    if ((qtype != 1 && qtype != 28 && qtype != 65) || name.find('.') == std::string_view::npos || endsWith(name, ".local")
        || endsWith(name, ".arpa") || name.find("._") != std::string_view::npos || name[0] == '_'
        || !DnsTunnelDetector::hasPlausibleTld(name))
        return;
    const std::string_view domain = DnsTunnelDetector::registeredDomainView(name);
    auto it = m_clients.find(d.dst);
    if (it == m_clients.end()) {
        detect::capMap(m_clients, m_maxTracked, [](const Client &c) { return double(c.nxdomains); });
        it = m_clients.emplace(d.dst, Client()).first;
        it->second.firstNs = pc.tsNs;
    }
    Client &c = it->second;
    c.nxdomains++;
    c.firstNs = std::min(c.firstNs, pc.tsNs);
    c.lastNs = std::max(c.lastNs, pc.tsNs);
    const uint64_t h = std::hash<std::string_view>()(domain);
    const detect::Distinct added = detect::addDistinct(c.domains, h, kMaxDomains);
    if (added == detect::Distinct::Full)
        c.dropped++;
    if (added != detect::Distinct::Added)
        return; // refused before, or past the cap
    const size_t dot = domain.find('.');
    if (domain.substr(0, 4) == "xn--" || !generatedLooking(domain.substr(0, dot))) // (an internationalized name is not random)
        return;
    c.generatedTimes.push_back(pc.tsNs);
    addEvidence(c.evidence, pc.number);
    if (c.examples.size() < kExamples)
        c.examples.emplace_back(name);
}

void DgaDetector::finish(std::vector<Finding> &out)
{
    for (auto &[ip, c] : m_clients) {
        if (c.generatedTimes.size() < m_minDomains)
            continue;
        const size_t inWindow = detect::maxInWindow(c.generatedTimes, m_windowNs);
        if (inWindow >= m_minDomains)
            out.push_back(raise(ip, c, inWindow));
    }
}

Finding DgaDetector::raise(const IpAddress &client, Client &c, size_t inWindow) const
{
    const size_t distinct = c.domains.size(); // (past the cap, at least that many)
    const size_t generated = c.generatedTimes.size();
    Finding f;
    f.category = QStringLiteral("dga");
    // Mostly machine-made names, or very many: a DGA at work.
    const bool mostly = generated * 2 >= distinct;
    f.severity = mostly || generated >= 4 * m_minDomains ? Severity::High : Severity::Medium;
    f.confidence = std::min(1.0, 0.5 + 0.3 * double(generated) / double(std::max<size_t>(distinct, 1))
                                     + 0.2 * std::min(1.0, double(generated) / double(4 * m_minDomains)));
    f.source = detect::ipText(client);
    QStringList examples;
    for (const std::string &e : c.examples)
        examples << QString::fromStdString(e);
    f.targets = examples;
    f.ports = {53};
    f.firstNs = c.firstNs;
    f.lastNs = c.lastNs;
    f.count = generated;
    f.setSummary(message("dga.summary", {f.source, qint64(generated), qint64(distinct), qint64(inWindow),
                                         qint64(m_windowNs / detect::kSecond), listArg(examples)}));
    f.setThreshold(message("dga.threshold", {qint64(m_minDomains), qint64(m_windowNs / detect::kSecond)}));
    f.packets = c.evidence;
    std::sort(f.packets.begin(), f.packets.end());
    f.metrics = QJsonObject{{QStringLiteral("generated_looking_domains"), qint64(generated)},
                            {QStringLiteral("nxdomain_domains"), qint64(distinct)},
                            {QStringLiteral("nxdomain_answers"), qint64(c.nxdomains)},
                            {QStringLiteral("max_in_window"), qint64(inWindow)}};
    if (c.dropped)
        f.metrics.insert(QStringLiteral("nxdomain_domains_capped"), true);
    f.mitre = {QStringLiteral("T1568.002")};
    f.setRecommendation(message("dga.recommendation", {f.source}));
    return f;
}

} // namespace packetlens
