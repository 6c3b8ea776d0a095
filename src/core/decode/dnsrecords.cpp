// SPDX-License-Identifier: GPL-3.0-or-later
#include "dnsrecords.h"

#include "appdecoder.h"
#include "ipaddress.h"

namespace packetlens {

namespace {
constexpr int kMaxRecords = 256;

std::string nameAt(ByteView msg, size_t off)
{
    std::string name;
    size_t next = 0;
    const char *error = nullptr;
    if (!readDnsName(msg, off, &name, next, &error, false))
        return {};
    return name.empty() ? std::string("<Root>") : name;
}

std::string rdataText(ByteView msg, const DnsRecord &r)
{
    const ByteView rd = msg.slice(r.dataOffset, r.dataLength);
    uint16_t a = 0, b = 0, c = 0;
    switch (r.type) {
    case 1: return rd.has(0, 4) ? IpAddress::v4(rd.data()).toString() : std::string();
    case 28: return rd.has(0, 16) ? IpAddress::v6(rd.data()).toString() : std::string();
    case 2: case 5: case 6: case 12: case 39: return nameAt(msg, r.dataOffset); // NS CNAME SOA PTR DNAME
    case 15:
        if (!rd.be16(0, a))
            return {};
        return std::to_string(a) + " " + nameAt(msg, r.dataOffset + 2);
    case 33:
        if (!rd.be16(0, a) || !rd.be16(2, b) || !rd.be16(4, c))
            return {};
        return std::to_string(a) + " " + std::to_string(b) + " " + std::to_string(c) + " " + nameAt(msg, r.dataOffset + 6);
    default: return {};
    }
}

// One record at off; false when it does not fit.
bool readRecord(ByteView msg, size_t &off, DnsRecord &r)
{
    size_t next = 0;
    const char *error = nullptr;
    if (!readDnsName(msg, off, &r.name, next, &error, false))
        return false;
    if (r.name.empty())
        r.name = "<Root>";
    if (!msg.be16(next, r.type) || !msg.be16(next + 2, r.cls))
        return false;
    r.offset = uint32_t(off);
    if (r.section == DnsRecord::Question) {
        off = next + 4;
        r.length = uint32_t(off - r.offset);
        return true;
    }
    uint16_t rdlen = 0;
    if (!msg.be32(next + 4, r.ttl) || !msg.be16(next + 8, rdlen) || !msg.has(next + 10, rdlen))
        return false;
    r.dataOffset = uint32_t(next + 10);
    r.dataLength = rdlen;
    off = next + 10 + rdlen;
    r.length = uint32_t(off - r.offset);
    r.data = rdataText(msg, r);
    return true;
}
} // namespace

DnsMessage parseDnsMessage(ByteView msg)
{
    DnsMessage m;
    if (!msg.be16(0, m.id) || !msg.be16(2, m.flags))
        return m;
    for (int i = 0; i < 4; ++i)
        if (!msg.be16(4 + size_t(i) * 2, m.counts[i]))
            return m;
    size_t off = 12;
    for (int s = 0; s < 4; ++s) {
        for (int i = 0; i < m.counts[s]; ++i) {
            if (int(m.records.size()) >= kMaxRecords)
                return m;
            DnsRecord r;
            r.section = DnsRecord::Section(s);
            if (!readRecord(msg, off, r))
                return m;
            m.records.push_back(std::move(r));
        }
    }
    m.complete = true;
    return m;
}

} // namespace packetlens
