// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>

namespace packetlens::detect {

// The number of distinct keys (sources, ports) seen, in constant space and
// without a cap: exact-ish up to a few hundred with a 512-bit linear-counting
// bitmap, and a HyperLogLog of 64 registers (about ±13 %) beyond, so that a
// flood from a hundred thousand spoofed sources is counted as such, not as
// "thousands" (a spoofing verdict must not rest on a capped sample).
class DistinctCount
{
public:
    void add(uint64_t keyHash);
    size_t estimate() const;

private:
    uint64_t m_bits[8] = {};
    uint8_t m_registers[64] = {};
};

} // namespace packetlens::detect
