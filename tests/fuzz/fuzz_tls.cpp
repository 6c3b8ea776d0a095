// SPDX-License-Identifier: GPL-3.0-or-later
// The TLS record and handshake parser (ClientHello SNI, supported_versions).
#include "fuzztarget.h"

#include "core/decode/appdecoder.h"

PACKETLENS_FUZZ_TARGET(tls)
{
    using namespace packetlens;
    TlsFacts facts;
    parseTls(ByteView(data, size), facts);
    return 0;
}
