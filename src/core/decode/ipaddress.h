// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>

namespace packetlens {

// An IPv4 or IPv6 address held by value (17 bytes), cheap to hash and compare.
struct IpAddress
{
    uint8_t family = 0; // 0 = none, 4, 6
    uint8_t bytes[16] = {};

    static IpAddress v4(const uint8_t *p)
    {
        IpAddress a;
        a.setV4(p);
        return a;
    }
    static IpAddress v6(const uint8_t *p)
    {
        IpAddress a;
        a.setV6(p);
        return a;
    }
    // In place, one store per word (as word() reads them back): building a
    // temporary and copying it stalls the copy's wide load on the narrow
    // stores still in flight (store-to-load forwarding fails), per address.
    void setV4(const uint8_t *p)
    {
        uint32_t a;
        std::memcpy(&a, p, 4);
        setWords(4, a, 0); // the address, then zeros (bytes[4..15])
    }
    void setV6(const uint8_t *p)
    {
        uint64_t w0, w1;
        std::memcpy(&w0, p, 8);
        std::memcpy(&w1, p + 8, 8);
        setWords(6, w0, w1);
    }
    // A copy made the same way, for keys that are read back word by word at once.
    void setFrom(const IpAddress &o) { setWords(o.family, o.word(0), o.word(1)); }
    bool isValid() const { return family != 0; }
    bool operator==(const IpAddress &o) const
    {
        return family == o.family && word(0) == o.word(0) && word(1) == o.word(1);
    }
    // Byte order (as memcmp), from the words read as big-endian numbers:
    // inline, where memcmp's ordering result is a library call per packet.
    bool operator<(const IpAddress &o) const
    {
        if (family != o.family)
            return family < o.family;
        const uint64_t a = bigEndian(word(0)), b = bigEndian(o.word(0));
        if (a != b)
            return a < b;
        return bigEndian(word(1)) < bigEndian(o.word(1));
    }
    std::string toString() const;
    static bool parse(const std::string &text, IpAddress &out);
    // Two 64-bit words (the address is zero-padded) folded and finished with
    // murmur3's fmix64, so that every bit of the address reaches the low bits
    // (tables index by them). Inline: every table lookup starts here.
    uint64_t hash() const
    {
        uint64_t h = word(0) * 0x9e3779b97f4a7c15ull ^ ((word(1) + family) * 0xc2b2ae3d27d4eb4full);
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdull;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53ull;
        return h ^ (h >> 33);
    }

private:
    static uint64_t bigEndian(uint64_t w)
    {
        if constexpr (std::endian::native == std::endian::little)
            return __builtin_bswap64(w);
        return w;
    }
    void setWords(uint8_t fam, uint64_t w0, uint64_t w1)
    {
        family = fam;
        std::memcpy(bytes, &w0, 8);
        std::memcpy(bytes + 8, &w1, 8);
    }
    uint64_t word(int i) const
    {
        uint64_t w;
        std::memcpy(&w, bytes + 8 * i, 8);
        return w;
    }
};

std::string macToString(const uint8_t *mac);
// The 6 bytes of a MAC as a 48-bit number (first byte highest), for keys.
inline uint64_t macToInt(const uint8_t *mac)
{
    uint64_t v = 0;
    for (int i = 0; i < 6; ++i)
        v = v << 8 | mac[i];
    return v;
}

} // namespace packetlens

template<>
struct std::hash<packetlens::IpAddress>
{
    size_t operator()(const packetlens::IpAddress &a) const noexcept { return a.hash(); }
};

#ifdef __GLIBCXX__
// Hash tables keyed by address store each node's hash, so that erasing and
// rehashing never re-read the key (a large share of the time when a spoofed
// flood churns the tables).
template<>
struct std::__is_fast_hash<std::hash<packetlens::IpAddress>> : std::false_type
{
};
#endif
