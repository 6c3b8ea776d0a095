// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detector.h"

#include <unordered_set>

namespace packetlens {

// dns_tunneling: data smuggled in DNS names or records. Per registered domain:
// many unique subdomains (RITA: 100), long labels (nDPI: first label > 48),
// high-entropy labels, and a query mix heavy in TXT/NULL records. Names with
// no registered domain (a top label that is no TLD: hex, digits, very long —
// a tunnel tool talking straight to its server, "dnscat.<hex>.<hex>") are
// grouped by the server they are sent to and scored the same way.
class DnsTunnelDetector : public Detector
{
public:
    explicit DnsTunnelDetector(const DetectionSettings &s);
    uint32_t interests() const override { return Dns; }
    void onPacket(const PacketContext &pc) override;
    void finish(std::vector<Finding> &out) override;

    static std::string_view registeredDomainView(std::string_view name);
    // Whether a name ends in something that can be a top-level domain.
    static bool hasPlausibleTld(std::string_view name);

private:
    struct Domain
    {
        std::unordered_set<uint64_t> subdomains; // hashes, capped
        uint64_t queries = 0, txtNull = 0, longLabels = 0, highEntropy = 0, subLenSum = 0, withSub = 0;
        size_t maxLabel = 0;
        uint64_t subdomainsDropped = 0;
        std::vector<std::pair<IpAddress, uint64_t>> clients; // queries by client, in address order, capped
        int64_t firstNs = 0, lastNs = 0;
        std::vector<uint64_t> evidence;
        std::string example;
        bool direct = false; // names with no registered domain, grouped by the server they went to
        bool moreClients = false; // clients past the ones kept
        IpAddress server;
    };
    Domain &domainFor(const PacketContext &pc, std::string_view key, bool direct);
    Finding raise(const std::string &key, const Domain &dm, int signalCount, bool manyUnique, bool oddNames, bool txtHeavy) const;
    struct StringHash
    {
        using is_transparent = void;
        size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>()(s); }
    };
    std::unordered_map<std::string, Domain, StringHash, std::equal_to<>> m_domains;
    size_t m_minUnique;
    size_t m_longLabel;
    double m_minEntropy;
    size_t m_minSuspicious;
    double m_txtRatio;
    size_t m_minQueriesForRatio;
    size_t m_maxTracked;
};

} // namespace packetlens
