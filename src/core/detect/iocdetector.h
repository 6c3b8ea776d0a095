// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "detector.h"

#include <map>
#include <memory>

namespace packetlens {

// ioc_match: traffic to or from addresses, ranges or domains on the user's
// block lists (DNS names, HTTP hosts and TLS server names are matched), and
// files carried by HTTP, FTP-DATA or SMTP whose SHA-256 is listed.
class IocDetector : public Detector
{
public:
    explicit IocDetector(const DetectionSettings &s);
    uint32_t interests() const override { return m_iocs.isEmpty() ? Nothing : Everything; }
    void onPacket(const PacketContext &pc) override;
    void onObject(const CapturedObject &o) override;
    void finish(std::vector<Finding> &out) override;

private:
    struct Hit
    {
        uint64_t count = 0;
        int64_t firstNs = 0, lastNs = 0;
        std::vector<uint64_t> evidence;
        const char *how = ""; // the catalogue id of how it matched (ioc.how.*)
        std::shared_ptr<const CapturedObject> object; // a file hash's match: the first such file
    };
    Hit &hit(uint64_t number, int64_t tsNs, const std::string &host, const QString &indicator, const char *how);
    static void describe(Finding &f, const Hit &h, const QString &indicator);
    void countFile(const CapturedObject &o);
    void countFiles();
    static constexpr size_t kMaxFiles = 100000; // listed files held until finish
    std::vector<CapturedObject> m_files;
    const IndicatorList &m_iocs;
    std::map<std::pair<std::string, QString>, Hit> m_hits; // (local host, indicator)
    Hit m_dropped; // past the cap of hits
};

} // namespace packetlens
