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
// Reads a (possibly compressed) DNS name at off; next is the offset after it.
// Pointers must point backward; lower-cases the name when asked.
bool readDnsName(ByteView msg, size_t off, std::string *name, size_t &next, const char **error, bool lower = true);

} // namespace packetlens
