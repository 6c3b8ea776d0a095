// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../report/report.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <optional>
#include <cstdint>
#include <vector>

namespace packetlens {

// One detection result with the evidence that proves it.
struct Finding
{
    QString category;      // exactly one of the documented category names
    Severity severity = Severity::Low;
    double confidence = 0.5; // 0..1
    QString source;        // IP, or MAC for layer-2 categories; empty with sourceUnknown
    // No single source can be named (a flood from spoofed addresses, a
    // reflection): the report's "source" is null and no address is scored.
    bool sourceUnknown = false;
    std::optional<qint64> sourceCount;   // distinct sources, where it matters (floods, DDoS)
    std::optional<bool> spoofedSources;  // and whether they look spoofed
    QStringList targets;
    std::vector<int> ports;
    int64_t firstNs = 0, lastNs = 0;
    uint64_t count = 0;
    QString summary;
    QString threshold;
    std::vector<uint64_t> packets; // 1-based evidence packet numbers (capped)
    QJsonObject metrics;
    QStringList mitre;
    QString recommendation;
    QString matchKey;      // what the allow list is also matched against (e.g. a domain)
    // summary, threshold and recommendation as catalogue messages
    // (report/message.h); the set*() calls keep their English text beside.
    Message summaryMessage, thresholdMessage, recommendationMessage;
    void setSummary(const Message &m);
    void setThreshold(const Message &m);
    void setRecommendation(const Message &m);

    // The report's form of it (evidence sorted, confidence to two places).
    ReportFinding toReport(const QString &id) const;
};

// Keeps the `cap` lowest (earliest) packet numbers, whatever order they come in
// (conversations are reported as they end, not as they start). Once full the
// vector is a max-heap, so a later packet costs one comparison; the report
// sorts the numbers.
// How many evidence packets a finding cites at most (the earliest).
inline constexpr size_t kEvidenceCap = 50;

inline void addEvidence(std::vector<uint64_t> &v, uint64_t packet, size_t cap = kEvidenceCap)
{
    if (v.size() < cap) {
        v.push_back(packet);
        if (v.size() == cap)
            std::make_heap(v.begin(), v.end());
        return;
    }
    if (cap == 0 || packet >= v.front())
        return;
    std::pop_heap(v.begin(), v.end());
    v.back() = packet;
    std::push_heap(v.begin(), v.end());
}

} // namespace packetlens
