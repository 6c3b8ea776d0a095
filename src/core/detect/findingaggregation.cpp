// SPDX-License-Identifier: GPL-3.0-or-later
#include "findingaggregation.h"

#include <QJsonArray>

#include <set>

namespace packetlens {

namespace {

// Categories whose findings are about their target: a source (if any) is the
// attacker of that one victim, and each victim is its own finding.
bool perVictim(const QString &category)
{
    return category == QLatin1String("syn_flood") || category == QLatin1String("udp_flood")
           || category == QLatin1String("icmp_flood") || category == QLatin1String("ddos");
}

QJsonObject destinationOf(const Finding &f)
{
    QJsonArray ports;
    for (int p : f.ports)
        if (ports.size() < 20)
            ports.append(p);
    return QJsonObject{{QStringLiteral("targets"), QJsonArray::fromStringList(f.targets.mid(0, 10))},
                       {QStringLiteral("ports"), ports},
                       {QStringLiteral("severity"), severityName(f.severity)},
                       {QStringLiteral("count"), qint64(f.count)},
                       {QStringLiteral("summary"), f.summary}};
}

// Several findings of one category from one source, worst first, as one.
Finding merge(std::vector<Finding> &group, const FindingLimits &limits)
{
    Finding out = group.front();
    QStringList targets;
    std::set<QString> allTargets;
    std::set<int> ports(out.ports.begin(), out.ports.end());
    QJsonArray destinations;
    for (const Finding &f : group) {
        for (const QString &t : f.targets) {
            if (allTargets.insert(t).second && size_t(targets.size()) < limits.destinationsListed)
                targets << t;
        }
        for (int p : f.ports)
            if (ports.size() < 100)
                ports.insert(p);
        out.firstNs = std::min(out.firstNs, f.firstNs);
        out.lastNs = std::max(out.lastNs, f.lastNs);
        if (&f != &group.front()) {
            out.count += f.count;
            for (uint64_t p : f.packets)
                addEvidence(out.packets, p);
        }
        if (size_t(destinations.size()) < limits.destinationsListed)
            destinations.append(destinationOf(f));
    }
    std::sort(out.packets.begin(), out.packets.end());
    out.targets = targets;
    out.ports.assign(ports.begin(), ports.end());
    out.setSummary(message("merged.summary", {out.summaryMessage.isEmpty() ? QJsonValue(out.summary) : phraseArg(out.summaryMessage), qint64(group.size() - 1), categoryArg(out.category),
                                              group.size() == 2 ? QString() : QStringLiteral("s"), out.source, qint64(allTargets.size())}));
    out.metrics.insert(QStringLiteral("merged_findings"), qint64(group.size()));
    out.metrics.insert(QStringLiteral("targets_total"), qint64(allTargets.size()));
    out.metrics.insert(QStringLiteral("destinations"), destinations);
    return out;
}

} // namespace

bool rankedBefore(const Finding &a, const Finding &b)
{
    if (a.severity != b.severity)
        return a.severity > b.severity;
    if (a.confidence != b.confidence)
        return a.confidence > b.confidence;
    if (a.firstNs != b.firstNs)
        return a.firstNs < b.firstNs;
    return a.source < b.source;
}

std::vector<Finding> aggregateFindings(std::vector<Finding> all, const FindingLimits &limits, std::map<QString, uint64_t> *omitted)
{
    std::stable_sort(all.begin(), all.end(), rankedBefore);
    // Groups in rank order: a group's place is that of its worst finding.
    std::map<std::pair<QString, QString>, size_t> groupOf; // (category, source) -> index
    std::vector<std::vector<Finding>> groups;
    for (Finding &f : all) {
        if (f.sourceUnknown || f.source.isEmpty() || perVictim(f.category)) {
            groups.emplace_back().push_back(std::move(f));
            continue;
        }
        const auto [it, inserted] = groupOf.try_emplace({f.category, f.source}, groups.size());
        if (inserted)
            groups.emplace_back();
        groups[it->second].push_back(std::move(f));
    }
    std::vector<Finding> out;
    std::map<QString, size_t> kept;
    for (std::vector<Finding> &g : groups) {
        const QString category = g.front().category;
        if (kept[category] >= limits.perCategory) {
            if (omitted)
                (*omitted)[category] += g.size();
            continue;
        }
        kept[category]++;
        out.push_back(g.size() == 1 ? std::move(g.front()) : merge(g, limits));
    }
    std::stable_sort(out.begin(), out.end(), rankedBefore);
    return out;
}

} // namespace packetlens
