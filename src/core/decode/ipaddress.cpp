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

uint64_t IpAddress::hash() const
{
    // FNV-1a over the significant bytes, finished with a 64-bit mix.
    uint64_t h = 1469598103934665603ull ^ family;
    const int n = family == 6 ? 16 : 4;
    for (int i = 0; i < n; ++i) {
        h ^= bytes[i];
        h *= 1099511628211ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

std::string macToString(const uint8_t *mac)
{
    char buf[18];
    std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3],
                  mac[4], mac[5]);
    return buf;
}

} // namespace packetlens
