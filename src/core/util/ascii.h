// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace packetlens {

// ASCII lower case of one byte, inline (std::tolower is a call into the C
// locale per byte, and protocol names and headers are ASCII by definition).
inline char asciiLower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c + ('a' - 'A')) : c;
}

} // namespace packetlens
