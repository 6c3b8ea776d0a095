#pragma once

#include "detector.h"

namespace packetlens {

// port_scan: one source probes many ports of one host with failed or
// unanswered attempts (Zeek scan.zeek: 15 ports in 5 min). SYN probes that are
// refused (RST), unanswered, or answered and then reset by the prober
// (half-open SYN scan) count; so do NULL, FIN and XMAS probes.
class PortScanDetector : public Detector
{
public:
    explicit PortScanDetector(const DetectionSettings &s);
    void onPacket(const PacketContext &pc) override;
    void finish(std::vector<Finding> &out) override;

private:
    enum PortFlag : uint8_t { Probed = 1, SynAck = 2, Refused = 4, ProberReset = 8 };
    struct PortState
    {
        int64_t firstNs = 0;
        uint8_t flags = 0;
    };
    struct Pair
    {
        std::unordered_map<uint16_t, PortState> ports;
        uint64_t probes = 0, nullScan = 0, finScan = 0, xmasScan = 0;
        int64_t firstNs = 0, lastNs = 0;
        std::vector<uint64_t> evidence;
    };
    Pair *pair(const IpAddress &prober, const IpAddress &target, bool create, int64_t ts);

    std::unordered_map<detect::PairKey, Pair, detect::PairKeyHash> m_pairs;
    size_t m_minPorts;
    int64_t m_windowNs;
    size_t m_maxTracked;
};

} // namespace packetlens
