// SPDX-License-Identifier: GPL-3.0-or-later
// DetectionEngine::provisionalFindings: a live capture asks, as its packets'
// time goes on, what the detectors would report if the capture ended now.
#include "detectionengine.h"

#include "detectorclone.h"

namespace packetlens {

std::vector<Finding> DetectionEngine::provisionalFindings(const ConversationVisitor &visitOpen) const
{
    std::vector<Finding> all;
    if (m_finished)
        return all;
    std::vector<std::unique_ptr<Detector>> copies;
    std::vector<Detector *> listeners;
    const FindingLimits limits = findingLimits(); // as the report will list them
    for (const auto &d : m_detectors) {
        std::unique_ptr<Detector> copy = cloneDetector(*d);
        if (!copy)
            continue; // a detector that cannot be copied reports when the capture ends
        copy->setProvisionalLimit(limits.perCategory, limits.destinationsListed);
        if (copy->wantsConversations())
            listeners.push_back(copy.get());
        copies.push_back(std::move(copy));
    }
    // The conversations still open end now, for the copies only.
    if (!listeners.empty())
        visitOpen([&listeners](const Conv &c) {
            for (Detector *d : listeners)
                d->onConversation(c);
        });
    for (auto &d : copies) {
        d->setCaptureSpan(m_firstNs, m_lastNs);
        d->finish(all);
    }
    std::vector<Finding> kept;
    for (Finding &f : all)
        if (!allowed(f))
            kept.push_back(std::move(f));
    return kept;
}

} // namespace packetlens
