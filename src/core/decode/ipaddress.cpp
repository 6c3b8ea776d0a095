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
    // Two 64-bit words mixed by multiplication (the address is zero-padded).
    uint64_t a, b;
    std::memcpy(&a, bytes, 8);
    std::memcpy(&b, bytes + 8, 8);
    uint64_t h = (a ^ (uint64_t(family) << 56)) * 0x9e3779b97f4a7c15ull;
    h ^= b + 0x632be59bd9b4e019ull + (h << 6) + (h >> 2);
    h *= 0xff51afd7ed558ccdull;
    return h ^ (h >> 32);
}

std::string macToString(const uint8_t *mac)
{
    char buf[18];
    std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3],
                  mac[4], mac[5]);
    return buf;
}

} // namespace packetlens
