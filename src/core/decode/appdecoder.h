// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "byteview.h"
#include "decodedpacket.h"

namespace packetlens {

// Recognizes the application protocol of a TCP/UDP payload (by content first,
// then by well-known port) and extracts the facts the analysis needs.
void decodeApplication(ByteView payload, DecodedPacket &out);

// ICMP errors quote the offending datagram; Wireshark shows the quoted
// application protocol under icmp (e.g. eth:ip:icmp:dns). v starts at the quote.
void decodeIcmpQuotedApplication(ByteView v, DecodedPacket &out);

// Parsers exposed for unit tests.
bool parseDns(ByteView msg, DnsFacts &facts, const char **error);
bool parseHttp(ByteView payload, HttpFacts &facts);
bool parseTls(ByteView payload, TlsFacts &facts);
bool looksLikeTlsRecord(ByteView payload);

} // namespace packetlens
