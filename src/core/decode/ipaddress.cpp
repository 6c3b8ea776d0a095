// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipaddress.h"

#include <arpa/inet.h>
#include <cstdio>

namespace packetlens {

std::string IpAddress::toString() const
{
    char buf[INET6_ADDRSTRLEN] = {};
    if (family == 4)
        inet_ntop(AF_INET, bytes, buf, sizeof buf);
    else if (family == 6)
        inet_ntop(AF_INET6, bytes, buf, sizeof buf);
    return buf;
}

bool IpAddress::parse(const std::string &text, IpAddress &out)
{
    IpAddress a;
    if (inet_pton(AF_INET, text.c_str(), a.bytes) == 1) {
        a.family = 4;
    } else if (inet_pton(AF_INET6, text.c_str(), a.bytes) == 1) {
        a.family = 6;
    } else {
        return false;
    }
    out = a;
    return true;
}

std::string macToString(const uint8_t *mac)
{
    char buf[18];
    std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3],
                  mac[4], mac[5]);
    return buf;
}

} // namespace packetlens
