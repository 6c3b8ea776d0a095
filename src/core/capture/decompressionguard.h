// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
#include "core/report/errortext.h"

#include <QString>

#include <cstdint>

namespace packetlens {

// Stops decompression past a total size or a ratio to the compressed size
// (a decompression bomb), with a message that says which limit was hit.
class DecompressionGuard
{
public:
    DecompressionGuard(uint64_t maxBytes, double maxRatio) : m_maxBytes(maxBytes), m_maxRatio(maxRatio) {}
    // `total`: bytes produced so far (for the size limit); `own`/`compressed`: for the ratio.
    bool check(uint64_t total, uint64_t own, uint64_t compressed, QString *error) const
    {
        if (total > m_maxBytes) {
            *error = errorText("error.decompress.size", {QString::number(m_maxBytes)});
            return false;
        }
        constexpr uint64_t kRatioFloor = 16ull << 20; // small inputs may compress very well
        if (own > kRatioFloor && double(own) > m_maxRatio * double(compressed ? compressed : 1)) {
            *error = errorText("error.decompress.ratio", {QString::number(m_maxRatio)});
            return false;
        }
        return true;
    }

private:
    uint64_t m_maxBytes;
    double m_maxRatio;
};

} // namespace packetlens
