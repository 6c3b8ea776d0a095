// SPDX-License-Identifier: GPL-3.0-or-later
// The allow-list and IOC-list loader (plain text or CSV: IPs, CIDRs,
// domains, categories), the lists' lookups, and a small capture analyzed
// with the input as both its allow list and its IOC list.
#include "fuzzscenario.h"
#include "fuzzsupport.h"
#include "fuzztarget.h"

#include "core/decode/ipaddress.h"

using namespace packetlens;

PACKETLENS_FUZZ_TARGET(indicators)
{
    const fuzz::MemFile file(data, size);
    auto settings = std::make_shared<DetectionSettings>();
    QString error;
    if (!settings->allow.loadFile(file.path(), &error) || !settings->iocs.loadFile(file.path(), &error))
        return 0;
    IpAddress ip;
    IpAddress::parse("10.0.0.5", ip);
    settings->allow.matchesIp(ip);
    settings->iocs.matchesIpText(QStringLiteral("2001:db8::1"));
    settings->iocs.matchingDomain(QStringLiteral("a.b.exfil.example.net"));
    settings->allow.fingerprint();
    fuzz::analyzeScenario(settings);
    return 0;
}
