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
    const FindingLimits limits = findingLimits(); // as the report will list them
    const Detector::ProvisionalScope scope{limits.perCategory, limits.destinationsListed, m_firstNs, m_lastNs};
    for (const auto &d : m_detectors) {
        if (d->findProvisionally(visitOpen, scope, all))
            continue; // from its own state, nothing copied
        // A copy, freed before the next is made: what this holds for a
        // moment is the largest detector's state, not all of them.
        std::unique_ptr<Detector> copy = cloneDetector(*d);
        if (!copy)
            continue; // a detector that cannot be copied reports when the capture ends
        copy->setProvisionalLimit(scope.sources, scope.perSource);
        // The conversations still open end now, for the copy only.
        if (copy->wantsConversations())
            visitOpen([&copy](const Conv &c) { copy->onConversation(c); });
        copy->setCaptureSpan(scope.firstNs, scope.lastNs);
        copy->finish(all);
    }
    std::vector<Finding> kept;
    for (Finding &f : all)
        if (!allowed(f))
            kept.push_back(std::move(f));
    return kept;
}

} // namespace packetlens
