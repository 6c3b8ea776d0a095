// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "backdoorpayload.h"
#include "detector.h"

#include <bitset>
#include <map>
#include <set>

namespace packetlens {

// suspicious_port: answered conversations (or two-way data seen mid-stream) on
// ports of well-known back doors and C2 tools (Metasploit 4444, Back Orifice
// 31337, NetBus 12345, IRC bots 6667, Tor 9001, …). The port alone is policy
// information (low to the outside, info inside); a back door's payload on it
// (an executable stage, a shell being driven) makes it high.
// protocol_mismatch: HTTP, TLS or SSH spoken first on a port that is not one of
// that protocol's usual ports; medium only on the port of another well-known
// service (HTTP to 22), otherwise policy information.
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
        detect::Scope scope = detect::Scope::Loopback;
        detect::BackdoorPayload payload = detect::BackdoorPayload::None;
        uint64_t payloadPacket = 0;
        bool otherService = false; // protocol_mismatch: the port of another well-known service
    };
    // What the first payloads of one conversation on a listed port showed.
    struct Inspected
    {
        uint8_t packets = 0;
        detect::BackdoorPayload payload = detect::BackdoorPayload::None;
        uint64_t packet = 0;
    };
    void inspectBackdoorPort(const PacketContext &pc);
    void checkProtocolOnPort(const PacketContext &pc);
    void raiseSuspicious(std::vector<Finding> &out);
    void raiseMismatches(std::vector<Finding> &out);

    std::bitset<65536> m_badPorts;
    std::unordered_map<uint64_t, Inspected> m_inspected; // by conversation id
    std::map<std::tuple<std::string, std::string, int>, Seen> m_suspicious; // (client, server, port)
    std::map<std::tuple<std::string, std::string, int, QString>, Seen> m_mismatch;
    size_t m_maxTracked;
};

} // namespace packetlens
