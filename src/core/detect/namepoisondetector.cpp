// SPDX-License-Identifier: GPL-3.0-or-later
#include "namepoisondetector.h"

#include <algorithm>
#include <functional>

namespace packetlens {

namespace {
constexpr size_t kMaxKept = 256, kExamples = 10;
// How long after a broadcast NBT-NS query its answers count.
constexpr int64_t kAnswerWithinNs = 10 * detect::kSecond;

uint64_t askKey(const IpAddress &asker, const std::string &name)
{
    return asker.hash() ^ (std::hash<std::string>()(name) * 0x9e3779b97f4a7c15ull);
}
} // namespace

NamePoisonDetector::NamePoisonDetector(const DetectionSettings &s)
    : m_minNames(size_t(s.number("name_poisoning", "min_names"))), m_maxTracked(size_t(s.number("limits", "max_tracked")))
{
}

std::string NamePoisonDetector::netbiosName(const uint8_t *p, size_t n)
{
    // A length byte of 32, then 16 bytes each encoded as two letters A–P.
    if (n < 33 || p[0] != 32)
        return {};
    std::string name;
    for (int i = 0; i < 15; ++i) {
        const int hi = p[1 + 2 * i] - 'A', lo = p[2 + 2 * i] - 'A';
        if (hi < 0 || hi > 15 || lo < 0 || lo > 15)
            return {};
        const char c = char(hi << 4 | lo);
        name += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    }
    while (!name.empty() && (name.back() == ' ' || name.back() == '\0'))
        name.pop_back();
    return name;
}

void NamePoisonDetector::onPacket(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (!d.src.isValid() || d.malformed)
        return;
    if (d.app == Proto::Llmnr) {
        if (!d.dns.isResponse || d.dns.rcode != 0 || d.dns.answers == 0 || d.dns.qname.empty())
            return;
        const std::string &q = d.dns.qname;
        if (q.size() >= 5 && q.compare(q.size() - 5, 5, ".arpa") == 0)
            return; // a host answering for its own addresses (PTR)
        std::string name = d.dns.qname.substr(0, d.dns.qname.find('.'));
        std::transform(name.begin(), name.end(), name.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? char(c + 32) : c; });
        answered(pc, name, false);
        return;
    }
    if (d.app != Proto::Nbns || d.payloadLen < 12 + 33)
        return;
    const uint8_t *p = d.payload;
    const bool response = p[2] & 0x80;
    const int opcode = (p[2] >> 3) & 0x0f;
    if (opcode != 0)
        return; // registrations, releases, refreshes: not lookups
    const std::string name = netbiosName(p + 12, d.payloadLen - 12);
    if (name.empty())
        return;
    // Group and browser names (the domain's or workgroup's master browser
    // <1B>/<1D>, domain controllers <1C>, browser elections <1E>,
    // __MSBROWSE__ <01>): a master browser answers for them as it should.
    const int suffix = (p[12 + 31] - 'A') << 4 | (p[12 + 32] - 'A');
    if (suffix == 0x01 || (suffix >= 0x1b && suffix <= 0x1e) || name[0] == '\x01')
        return;
    if (!response) {
        const bool broadcast = (p[3] & 0x10) || detect::isMulticastOrBroadcast(d.dst);
        if (broadcast) {
            if (m_broadcastAsks.size() >= m_maxTracked)
                m_broadcastAsks.clear();
            m_broadcastAsks[askKey(d.src, name)] = pc.tsNs;
        }
        return;
    }
    const uint16_t answers = uint16_t(p[6] << 8 | p[7]);
    if ((p[3] & 0x0f) != 0 || answers == 0)
        return; // a negative answer claims nothing
    // The answer: name (34 bytes), type, class, TTL, length, then NB_FLAGS,
    // whose G bit marks a group name (any member answers for it).
    constexpr uint32_t kFlagsAt = 12 + 34 + 2 + 2 + 4 + 2;
    if (d.payloadLen > kFlagsAt && (p[kFlagsAt] & 0x80))
        return;
    auto it = m_broadcastAsks.find(askKey(d.dst, name));
    if (it == m_broadcastAsks.end() || pc.tsNs - it->second > kAnswerWithinNs || pc.tsNs < it->second)
        return;
    answered(pc, name, true);
}

void NamePoisonDetector::answered(const PacketContext &pc, const std::string &name, bool nbns)
{
    const DecodedPacket &d = *pc.d;
    auto it = m_responders.find(d.src);
    if (it == m_responders.end()) {
        detect::capMap(m_responders, m_maxTracked, [](const Responder &r) { return double(r.answers); });
        it = m_responders.emplace(d.src, Responder()).first;
        it->second.firstNs = pc.tsNs;
    }
    Responder &r = it->second;
    r.answers++;
    r.firstNs = std::min(r.firstNs, pc.tsNs);
    r.lastNs = std::max(r.lastNs, pc.tsNs);
    (nbns ? r.nbns : r.llmnr) = true;
    detect::addDistinct(r.askers, d.dst.hash(), kMaxKept);
    if (detect::addDistinct(r.names, std::hash<std::string>()(name), kMaxKept) == detect::Distinct::Seen)
        return;
    r.wpad = r.wpad || name == "wpad";
    addEvidence(r.evidence, pc.number);
    if (r.examples.size() < kExamples)
        r.examples.push_back(name);
}

void NamePoisonDetector::finish(std::vector<Finding> &out)
{
    for (const auto &[ip, r] : m_responders)
        if (r.names.size() >= m_minNames)
            out.push_back(raise(ip, r));
}

Finding NamePoisonDetector::raise(const IpAddress &responder, const Responder &r) const
{
    Finding f;
    f.category = QStringLiteral("name_poisoning");
    const bool strong = r.names.size() >= 2 * m_minNames || r.askers.size() >= 3 || r.wpad;
    f.severity = strong ? Severity::High : Severity::Medium;
    f.confidence = std::min(1.0, 0.6 + 0.05 * double(r.names.size()) + (r.wpad ? 0.1 : 0.0));
    f.source = detect::ipText(responder);
    QStringList names;
    for (const std::string &n : r.examples)
        names << QString::fromStdString(n);
    f.targets = names;
    f.ports = r.llmnr && r.nbns ? std::vector<int>{137, 5355} : r.nbns ? std::vector<int>{137} : std::vector<int>{5355};
    f.firstNs = r.firstNs;
    f.lastNs = r.lastNs;
    f.count = r.answers;
    const QString protocols = r.llmnr && r.nbns ? QStringLiteral("LLMNR, NBT-NS") : r.nbns ? QStringLiteral("NBT-NS") : QStringLiteral("LLMNR");
    f.setSummary(message("poison.summary", {f.source, qint64(r.names.size()), qint64(r.askers.size()), protocols, listArg(names.mid(0, 5))}));
    f.setThreshold(message("poison.threshold", {qint64(m_minNames)}));
    f.packets = r.evidence;
    std::sort(f.packets.begin(), f.packets.end());
    f.metrics = QJsonObject{{QStringLiteral("names_answered"), qint64(r.names.size())},
                            {QStringLiteral("hosts_answered"), qint64(r.askers.size())},
                            {QStringLiteral("answers"), qint64(r.answers)},
                            {QStringLiteral("protocols"), protocols},
                            {QStringLiteral("wpad"), r.wpad}};
    f.mitre = {QStringLiteral("T1557.001")};
    f.setRecommendation(message("poison.recommendation", {f.source}));
    return f;
}

} // namespace packetlens
