// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detector.h"

namespace packetlens {

// dga: a host looking up many random-looking domains that do not exist
// (malware with a domain generation algorithm trying its day's list until one
// answers). Per client (the receiver of the NXDOMAIN answers): the distinct
// registered domains it was told do not exist, how many of them look
// machine-made (a long second-level label with no vowels to speak of, long
// consonant runs or digits mixed in), and the busiest window of them.
// Single-label names (a browser's intranet probes), .local and reverse
// lookups are not counted; names under one domain count once.
class DgaDetector : public Detector
{
public:
    explicit DgaDetector(const DetectionSettings &s);
    uint32_t interests() const override { return Dns; }
    void onPacket(const PacketContext &pc) override;
    void finish(std::vector<Finding> &out) override;

    // Whether a registered domain's own label (the "xjwqpzkd" of
    // xjwqpzkd.com) looks machine-made.
    static bool generatedLooking(std::string_view label);

private:
    struct Client
    {
        std::vector<uint64_t> domains; // hashes of the distinct domains NXDOMAIN'd (sorted), capped
        std::vector<int64_t> generatedTimes; // when each generated-looking one was first refused
        uint64_t nxdomains = 0, dropped = 0;
        int64_t firstNs = 0, lastNs = 0;
        std::vector<uint64_t> evidence;
        std::vector<std::string> examples;
    };
    Finding raise(const IpAddress &client, Client &c, size_t inWindow) const;

    std::unordered_map<IpAddress, Client> m_clients;
    size_t m_minDomains;
    int64_t m_windowNs;
    size_t m_maxTracked;
};

} // namespace packetlens
