// SPDX-License-Identifier: GPL-3.0-or-later
#include "detector.h"

#include <algorithm>
#include <cmath>

namespace packetlens::detect {

bool isPrivate(const IpAddress &ip)
{
    const uint8_t *b = ip.bytes;
    if (ip.family == 4)
        return b[0] == 10 || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168)
               || b[0] == 127 || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && (b[1] & 0xc0) == 64);
    if (ip.family == 6)
        return (b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
               || (std::all_of(b, b + 15, [](uint8_t x) { return x == 0; }) && b[15] == 1);
    return false;
}

Scope scopeOf(const IpAddress &ip)
{
    const uint8_t *b = ip.bytes;
    if (ip.family == 4) {
        if (b[0] == 127)
            return Scope::Loopback;
        if (b[0] == 169 && b[1] == 254)
            return Scope::LinkLocal;
        if (isPrivate(ip) || b[0] == 0)
            return Scope::Private;
        return Scope::Public;
    }
    if (ip.family == 6) {
        if (std::all_of(b, b + 15, [](uint8_t x) { return x == 0; }) && b[15] == 1)
            return Scope::Loopback;
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
            return Scope::LinkLocal;
        if (isPrivate(ip) || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)) // ULA, documentation
            return Scope::Private;
        if (b[0] == 0 && b[1] == 0 && b[10] == 0xff && b[11] == 0xff) { // IPv4-mapped
            return scopeOf(IpAddress::v4(b + 12));
        }
        return Scope::Public;
    }
    return Scope::Private;
}

bool isMulticastOrBroadcast(const IpAddress &ip)
{
    if (ip.family == 4)
        return (ip.bytes[0] & 0xf0) == 0xe0 || ip.bytes[3] == 255;
    return ip.family == 6 && ip.bytes[0] == 0xff;
}

size_t maxInWindow(std::vector<int64_t> &t, int64_t windowNs, int64_t *start, int64_t *end)
{
    std::sort(t.begin(), t.end());
    size_t best = 0, lo = 0;
    for (size_t hi = 0; hi < t.size(); ++hi) {
        while (t[hi] - t[lo] > windowNs)
            ++lo;
        if (hi - lo + 1 > best) {
            best = hi - lo + 1;
            if (start)
                *start = t[lo];
            if (end)
                *end = t[hi];
        }
    }
    return best;
}

double entropy(const uint8_t *p, size_t n)
{
    if (n == 0)
        return 0;
    size_t counts[256] = {};
    for (size_t i = 0; i < n; ++i)
        counts[p[i]]++;
    double h = 0;
    for (size_t c : counts)
        if (c) {
            const double q = double(c) / double(n);
            h -= q * std::log2(q);
        }
    return h;
}

Distinct addDistinct(std::vector<uint64_t> &sorted, uint64_t hash, size_t cap)
{
    auto at = std::lower_bound(sorted.begin(), sorted.end(), hash);
    if (at != sorted.end() && *at == hash)
        return Distinct::Seen;
    if (sorted.size() >= cap)
        return Distinct::Full;
    sorted.insert(at, hash);
    return Distinct::Added;
}

} // namespace packetlens::detect
