#pragma once

#include "detector.h"

#include <QJsonArray>
#include <QJsonObject>

#include <array>
#include <map>
#include <memory>

namespace packetlens {

// Runs every detector over the packets and conversations of one capture, then
// applies the allow list, orders the findings, scores suspicious IPs and
// derives prioritized recommendations.
class DetectionEngine
{
public:
    explicit DetectionEngine(const DetectionSettings &settings);
    ~DetectionEngine();
    void onPacket(const PacketContext &pc);
    void onConversation(const ConversationTable::Conv &c);
    void prefetchConversation(const ConversationTable::Conv &c)
    {
        for (Detector *d : m_conversationListeners)
            d->prefetchConversation(c);
    }
    void finish();

    const std::vector<Finding> &findings() const { return m_findings; }
    QJsonArray findingsJson(int timeDigits) const;
    QJsonArray suspiciousIpsJson() const;
    QJsonArray recommendationsJson() const;
    QJsonObject suppressedJson() const;

private:
    bool allowed(const Finding &f) const;
    // The Detector::Interest bits of the packet alone (onPacket adds
    // RemoteSource, which also depends on the packet's conversation).
    static uint32_t kindsOf(const DecodedPacket &d);

    DetectionSettings m_settings;
    std::vector<std::unique_ptr<Detector>> m_detectors;
    // The detectors to call for each combination of the 9 packet kinds.
    std::array<std::vector<Detector *>, 512> m_dispatch;
    std::vector<Detector *> m_conversationListeners;
    uint64_t m_packets = 0;
    int64_t m_firstNs = 0, m_lastNs = 0;
    std::vector<Finding> m_findings;
    std::map<QString, int> m_suppressed;
    bool m_finished = false;
};

} // namespace packetlens
