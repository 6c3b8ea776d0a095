// SPDX-License-Identifier: GPL-3.0-or-later
// The packet decoder and dissection for Linux cooked capture, SLL and SLL2: a sequence of
// packets (format in fuzzsupport.h) decoded, shown and analyzed.
#include "fuzzsupport.h"
#include "fuzztarget.h"

PACKETLENS_FUZZ_TARGET(decode_sll)
{
    packetlens::fuzz::runPacketSequence({113, 276}, data, size);
    return 0;
}
