// SPDX-License-Identifier: GPL-3.0-or-later
#include "distinctcount.h"

#include <cmath>

namespace packetlens::detect {

namespace {
uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}
} // namespace

void DistinctCount::add(uint64_t keyHash)
{
    const uint64_t h = mix(keyHash);
    const uint64_t bit = h >> 55; // 0..511
    m_bits[bit >> 6] |= uint64_t(1) << (bit & 63);
    const size_t reg = size_t(h & 63);
    const uint64_t rest = (h >> 6) | (uint64_t(1) << 48); // the register's bits, never all zero
    const uint8_t rank = uint8_t(__builtin_ctzll(rest) + 1);
    if (rank > m_registers[reg])
        m_registers[reg] = rank;
}

size_t DistinctCount::estimate() const
{
    int set = 0;
    for (uint64_t w : m_bits)
        set += __builtin_popcountll(w);
    // Linear counting is accurate while the bitmap is not nearly full.
    if (set < 400)
        return size_t(std::lround(-512.0 * std::log(double(512 - set) / 512.0)));
    double sum = 0;
    for (uint8_t r : m_registers)
        sum += std::ldexp(1.0, -int(r));
    constexpr double m = 64, alpha = 0.709;
    return size_t(std::lround(alpha * m * m / sum));
}

} // namespace packetlens::detect
