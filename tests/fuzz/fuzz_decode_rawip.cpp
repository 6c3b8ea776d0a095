// SPDX-License-Identifier: GPL-3.0-or-later
// The packet decoder and dissection for raw IP (IPv4 or IPv6 by version): a sequence of
// packets (format in fuzzsupport.h) decoded, shown and analyzed.
#include "fuzzsupport.h"
#include "fuzztarget.h"

PACKETLENS_FUZZ_TARGET(decode_rawip)
{
    packetlens::fuzz::runPacketSequence({12, 14, 101, 228, 229}, data, size);
    return 0;
}
