// SPDX-License-Identifier: GPL-3.0-or-later
// The packet decoder and dissection for Ethernet, with 802.1Q, QinQ and MPLS: a sequence of
// packets (format in fuzzsupport.h) decoded, shown and analyzed.
#include "fuzzsupport.h"
#include "fuzztarget.h"

PACKETLENS_FUZZ_TARGET(decode_ethernet)
{
    packetlens::fuzz::runPacketSequence({1}, data, size);
    return 0;
}
