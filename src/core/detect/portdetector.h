#pragma once

#include "detector.h"

#include <map>
#include <set>

namespace packetlens {

// suspicious_port: established connections to ports of well-known backdoors and
// C2 tools (Metasploit 4444, Back Orifice 31337, NetBus 12345, IRC bots 6667,
// Tor 9001, …). protocol_mismatch: HTTP, TLS or SSH spoken on a port that is
// not one of that protocol's usual ports.
class PortDetector : public Detector
{
public:
    explicit PortDetector(const DetectionSettings &s);
    uint32_t interests() const override { return TcpPayload; }
    void onPacket(const PacketContext &pc) override;
    void onConversation(const Conv &c) override;
    bool wantsConversations() const override { return true; }
    void finish(std::vector<Finding> &out) override;

private:
    struct Seen
    {
        uint64_t count = 0;
        uint64_t bytes = 0;
        int64_t firstNs = 0, lastNs = 0;
        std::vector<uint64_t> evidence;
        QString detail;
    };
    std::set<int> m_badPorts;
    std::map<std::tuple<std::string, std::string, int>, Seen> m_suspicious; // (client, server, port)
    std::map<std::tuple<std::string, std::string, int, QString>, Seen> m_mismatch;
    size_t m_maxTracked;
};

} // namespace packetlens
