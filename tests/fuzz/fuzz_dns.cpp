// SPDX-License-Identifier: GPL-3.0-or-later
// The DNS message parser (names with compression pointers, counts, rcodes).
#include "fuzztarget.h"

#include "core/decode/appdecoder.h"

PACKETLENS_FUZZ_TARGET(dns)
{
    using namespace packetlens;
    DnsFacts facts;
    const char *error = nullptr;
    parseDns(ByteView(data, size), facts, &error);
    return 0;
}
