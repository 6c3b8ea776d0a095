// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detector.h"

#include <map>

namespace packetlens {

// malformed_traffic: packets whose headers fail validation, land attacks, and
// impossible TCP flag combinations, grouped by the sending host.
class MalformedDetector : public Detector
{
public:
    explicit MalformedDetector(const DetectionSettings &s);
    uint32_t interests() const override { return Malformed; }
    void onPacket(const PacketContext &pc) override;
    void finish(std::vector<Finding> &out) override;

private:
    struct Source
    {
        uint64_t malformed = 0, land = 0, badFlags = 0;
        std::map<QString, uint64_t> reasons;
        int64_t firstNs = 0, lastNs = 0;
        std::vector<uint64_t> evidence;
        std::map<std::string, int> targets;
    };
    std::map<std::string, Source> m_sources;
    size_t m_minPackets;
    size_t m_maxTracked;
};

} // namespace packetlens
