// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../decode/ipaddress.h"

namespace packetlens {

// Whether an address is a public unicast one (not private, loopback,
// link-local, shared, multicast, broadcast or unspecified): an "external" host.
bool isExternalAddress(const IpAddress &ip);

} // namespace packetlens
