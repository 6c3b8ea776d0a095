// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP/1.x request and status line and header parser of the decoder.
#include "fuzztarget.h"

#include "core/decode/appdecoder.h"

PACKETLENS_FUZZ_TARGET(http)
{
    using namespace packetlens;
    HttpFacts facts;
    parseHttp(ByteView(data, size), facts);
    return 0;
}
