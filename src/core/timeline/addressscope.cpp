// SPDX-License-Identifier: GPL-3.0-or-later
#include "addressscope.h"

namespace packetlens {

bool isExternalAddress(const IpAddress &ip)
{
    const uint8_t *b = ip.bytes;
    if (ip.family == 4) {
        return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224            // this network, private, loopback, multicast, reserved
                 || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168)
                 || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && (b[1] & 0xc0) == 64)); // link-local, shared (CGNAT)
    }
    if (ip.family == 6) {
        bool zeroPrefix = true;
        for (int i = 0; i < 15; ++i)
            zeroPrefix = zeroPrefix && b[i] == 0;
        return !(zeroPrefix                                // :: and ::1
                 || b[0] == 0xff                           // multicast
                 || (b[0] & 0xfe) == 0xfc                  // unique local
                 || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)); // link-local
    }
    return false;
}

} // namespace packetlens
