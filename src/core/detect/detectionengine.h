// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detector.h"
#include "findingaggregation.h"

#include "../flow/packetlistener.h"

#include <array>
#include <functional>
#include <map>
#include <memory>

namespace packetlens {

// Runs every detector over the packets and conversations of one capture, then
// applies the allow list, merges each source's findings of a category and caps
// each category (findingaggregation.h), orders the findings, scores suspicious IPs and
// derives prioritized recommendations. A listener of the analyzer (the
// service adds it); knows nothing of the analysis' tables.
class DetectionEngine : public PacketListener
{
public:
    explicit DetectionEngine(const DetectionSettings &settings);
    ~DetectionEngine() override;
    void onPacket(const PacketContext &pc) override;
    bool wantsConversations() const override { return !m_conversationListeners.empty(); }
    void onConversation(const Conv &c) override;
    void prefetchConversation(const Conv &c, int stage) override
    {
        for (Detector *d : m_conversationListeners)
            d->prefetchConversation(c, stage);
    }
    // The files the capture carried, before finish() (indicator lists match their hashes).
    void addObject(const CapturedObject &o); // as each file is hashed
    void finish();
    // A live capture's findings so far: what finish() would report if the
    // capture ended now (before the allow list's ordering). Runs on copies
    // of the detectors, given the conversations still open (visitOpen calls
    // its argument with each, as the analyzer's last sweep would); this
    // engine's state does not change. (provisionalfindings.cpp)
    using ConversationVisitor = Detector::OpenConversations;
    std::vector<Finding> provisionalFindings(const ConversationVisitor &visitOpen) const;

    const std::vector<Finding> &findings() const { return m_findings; }
    // The detectors, in the order they run (tests check each can be copied).
    std::vector<const Detector *> detectors() const
    {
        std::vector<const Detector *> out;
        for (const auto &d : m_detectors)
            out.push_back(d.get());
        return out;
    }
    // The report's findings (numbered F1… in order), suspicious IPs,
    // recommendations and suppressed counts; after finish().
    DetectionSection section() const;

private:
    FindingLimits findingLimits() const; // the report's caps, from the settings
    bool allowed(const Finding &f) const;
    std::vector<SuspiciousIp> suspiciousIps() const;
    std::vector<Recommendation> recommendations() const;
    // The Detector::Interest bits of the packet alone (onPacket adds
    // RemoteSource, which also depends on the packet's conversation).
    static uint32_t kindsOf(const DecodedPacket &d);

    DetectionSettings m_settings;
    std::vector<std::unique_ptr<Detector>> m_detectors;
    // The detectors to call for each combination of the 10 packet kinds.
    std::array<std::vector<Detector *>, 1024> m_dispatch;
    std::vector<Detector *> m_conversationListeners;
    uint64_t m_packets = 0;
    int64_t m_firstNs = 0, m_lastNs = 0;
    std::vector<Finding> m_findings;
    std::map<QString, int> m_suppressed;
    std::map<QString, uint64_t> m_omitted; // findings past the per-category cap
    bool m_finished = false;
};

} // namespace packetlens
