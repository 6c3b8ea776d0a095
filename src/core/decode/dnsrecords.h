// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "byteview.h"

#include <cstdint>
#include <string>
#include <vector>

namespace packetlens {

// One question or resource record of a DNS message, for the packet details
// and the Info column (the analysis needs only DnsFacts).
struct DnsRecord
{
    enum Section : uint8_t { Question, Answer, Authority, Additional };
    Section section = Question;
    std::string name;  // as sent (case kept), "<Root>" for the root
    uint16_t type = 0, cls = 0;
    uint32_t ttl = 0;
    uint32_t offset = 0, length = 0;     // the whole record in the message
    uint32_t dataOffset = 0, dataLength = 0;
    std::string data;  // A/AAAA address, a name (NS, CNAME, PTR, SOA mname), "10 mx.example" (MX), "0 5 5060 sip.example" (SRV); empty otherwise
};

struct DnsMessage
{
    uint16_t id = 0, flags = 0;
    uint16_t counts[4] = {};
    std::vector<DnsRecord> records; // questions first, then the record sections
    bool complete = false;          // every counted record was read
};

// Parses at most 256 records; stops at the first that does not fit.
DnsMessage parseDnsMessage(ByteView msg);

// The wire view of a DNS message in a TCP/UDP payload (TCP has a 2-byte length first).
inline ByteView dnsMessageView(ByteView payload, bool tcp)
{
    return tcp ? payload.from(2) : payload;
}

} // namespace packetlens
