// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detector.h"

#include <string>

namespace packetlens {

// name_poisoning: one host answering other hosts' local name lookups for
// names that are not its own (Responder, Inveigh: LLMNR and NBT-NS
// poisoning, the first step of credential relaying). A host answers LLMNR
// and broadcast NBT-NS queries only for its own name; a poisoner answers for
// whatever is asked. Per responder: the distinct names it answered (first
// label, case folded; NetBIOS suffixes ignored) and who it answered. NBT-NS
// answers count only for queries that were broadcast (a WINS server answers
// unicast queries for many names, as it should).
class NamePoisonDetector : public Detector
{
public:
    explicit NamePoisonDetector(const DetectionSettings &s);
    uint32_t interests() const override { return NameService; }
    void onPacket(const PacketContext &pc) override;
    void finish(std::vector<Finding> &out) override;

    // The NetBIOS name (15 characters, trailing spaces dropped, lower case)
    // at the start of an NBT-NS message's name field; empty if malformed.
    static std::string netbiosName(const uint8_t *p, size_t n);

private:
    struct Responder
    {
        std::vector<uint64_t> names, askers; // hashes, sorted, capped
        std::vector<std::string> examples;   // the first names answered
        uint64_t answers = 0;
        bool llmnr = false, nbns = false, wpad = false;
        int64_t firstNs = 0, lastNs = 0;
        std::vector<uint64_t> evidence;
    };
    void answered(const PacketContext &pc, const std::string &name, bool nbns);
    Finding raise(const IpAddress &responder, const Responder &r) const;

    std::unordered_map<IpAddress, Responder> m_responders;
    std::unordered_map<uint64_t, int64_t> m_broadcastAsks; // hash of (asker, name) -> when asked
    size_t m_minNames;
    size_t m_maxTracked;
};

} // namespace packetlens
