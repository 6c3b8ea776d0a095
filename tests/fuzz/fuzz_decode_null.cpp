// SPDX-License-Identifier: GPL-3.0-or-later
// The packet decoder and dissection for BSD loopback, NULL and LOOP: a sequence of
// packets (format in fuzzsupport.h) decoded, shown and analyzed.
#include "fuzzsupport.h"
#include "fuzztarget.h"

PACKETLENS_FUZZ_TARGET(decode_null)
{
    packetlens::fuzz::runPacketSequence({0, 108}, data, size);
    return 0;
}
