// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detector.h"
#include "oncecache.h"

namespace packetlens {

// port_scan: one source probes many ports of one host with failed or
// unanswered attempts (Zeek scan.zeek: 15 ports in 5 min). Works on the
// conversations as they end, so it costs nothing per packet: a probe is a
// conversation that the prober opened with a SYN and never sent data on
// (refused, unanswered, or answered and then reset: a half-open SYN scan), or
// one made of NULL, FIN or XMAS probes, or one or two small UDP datagrams that
// got no UDP answer (a UDP scan; closed ports answer with ICMP, if at all).
class PortScanDetector : public Detector
{
public:
    explicit PortScanDetector(const DetectionSettings &s);
    void onConversation(const Conv &c) override;
    void prefetchConversation(const Conv &c, int stage) override;
    bool wantsConversations() const override { return true; }
    void finish(std::vector<Finding> &out) override;

private:
    struct Probe
    {
        int64_t ns;
        uint16_t port;
        uint8_t kind; // 0 refused, 1 unanswered, 2 half-open, 3 stealth, 4 unanswered UDP, 5 bare ACK
        uint64_t packet;
    };
    struct Pair
    {
        std::vector<Probe> probes;
        int64_t firstNs = INT64_MAX, lastNs = 0;
        std::vector<uint64_t> evidence;
    };
    void record(Pair &p, const Probe &probe, int64_t lastNs);
    void raise(const detect::PairKey &key, Pair &p, std::vector<Finding> &out) const;
    DenseHashMap<detect::PairKey, Pair> m_pairs;
    detect::OnceCache<Probe> m_once;
    size_t m_minPorts;
    int64_t m_windowNs;
    size_t m_maxTracked;
};

} // namespace packetlens
