// SPDX-License-Identifier: GPL-3.0-or-later
#include "detectorclone.h"

#include "arpspoofdetector.h"
#include "beacondetector.h"
#include "bruteforcedetector.h"
#include "cleartextdetector.h"
#include "dgadetector.h"
#include "dnstunneldetector.h"
#include "flooddetector.h"
#include "hostsweepdetector.h"
#include "icmptunneldetector.h"
#include "iocdetector.h"
#include "malformeddetector.h"
#include "namepoisondetector.h"
#include "portdetector.h"
#include "portscandetector.h"

namespace packetlens {

namespace {
template<typename T, typename... More>
std::unique_ptr<Detector> cloneAs(const Detector &d)
{
    if (const auto *t = dynamic_cast<const T *>(&d))
        return std::make_unique<T>(*t);
    if constexpr (sizeof...(More) > 0)
        return cloneAs<More...>(d);
    else
        return nullptr;
}
} // namespace

std::unique_ptr<Detector> cloneDetector(const Detector &detector)
{
    return cloneAs<PortScanDetector, HostSweepDetector, FloodDetector, DnsTunnelDetector, IcmpTunnelDetector, DgaDetector, BeaconDetector,
                   BruteForceDetector, ArpSpoofDetector, NamePoisonDetector, CleartextDetector, PortDetector, MalformedDetector,
                   IocDetector>(detector);
}

} // namespace packetlens
