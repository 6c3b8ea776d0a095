// SPDX-License-Identifier: GPL-3.0-or-later
#include "appdecoder.h"

#include "../util/ascii.h"

namespace packetlens {

namespace {
constexpr int kMaxPointerJumps = 32;
constexpr size_t kMaxNameLength = 255;
constexpr int kMaxRecordsWalked = 64;
} // namespace

// Reads a (possibly compressed) name starting at off. Compression pointers
// must point strictly backward, and at most kMaxPointerJumps are followed.
// On success, 'next' is the offset just past the name in the original position.
bool readDnsName(ByteView msg, size_t off, std::string *name, size_t &next, const char **error, bool lower)
{
    size_t pos = off;
    size_t total = 0;
    bool jumped = false;
    int jumps = 0;
    size_t lowestJumpFrom = off;
    if (name)
        name->clear();
    for (;;) {
        uint8_t len = 0;
        if (!msg.u8(pos, len)) {
            *error = "DNS name runs past the end of the message";
            return false;
        }
        if ((len & 0xc0) == 0xc0) {
            uint8_t low = 0;
            if (!msg.u8(pos + 1, low)) {
                *error = "DNS compression pointer cut short";
                return false;
            }
            const size_t target = size_t(len & 0x3f) << 8 | low;
            if (target >= lowestJumpFrom) {
                *error = "DNS compression pointer does not point backward";
                return false;
            }
            if (++jumps > kMaxPointerJumps) {
                *error = "DNS name has too many compression pointers";
                return false;
            }
            if (!jumped)
                next = pos + 2;
            jumped = true;
            lowestJumpFrom = target;
            pos = target;
            continue;
        }
        if ((len & 0xc0) != 0) {
            *error = "DNS label has a reserved length type";
            return false;
        }
        if (len == 0) {
            if (!jumped)
                next = pos + 1;
            return true;
        }
        if (!msg.has(pos + 1, len)) {
            *error = "DNS label runs past the end of the message";
            return false;
        }
        total += size_t(len) + 1;
        if (total > kMaxNameLength) {
            *error = "DNS name longer than 255 bytes";
            return false;
        }
        if (name) {
            if (!name->empty())
                name->push_back('.');
            const size_t from = name->size();
            name->append(reinterpret_cast<const char *>(msg.data() + pos + 1), len);
            for (size_t i = from; lower && i < name->size(); ++i)
                (*name)[i] = asciiLower((*name)[i]);
        }
        pos += size_t(len) + 1;
    }
}

bool parseDns(ByteView msg, DnsFacts &facts, const char **error)
{
    facts.clear();
    uint16_t id = 0, flags = 0, qd = 0, an = 0, ns = 0, ar = 0;
    if (!msg.be16(0, id) || !msg.be16(2, flags) || !msg.be16(4, qd) || !msg.be16(6, an)
        || !msg.be16(8, ns) || !msg.be16(10, ar)) {
        *error = "DNS header shorter than 12 bytes";
        return false;
    }
    facts.id = id;
    facts.isResponse = flags & 0x8000;
    facts.rcode = flags & 0x0f;
    facts.answers = an;
    size_t off = 12;
    for (int q = 0; q < qd && q < kMaxRecordsWalked; ++q) {
        size_t next = 0;
        if (!readDnsName(msg, off, q == 0 ? &facts.qname : nullptr, next, error))
            return false;
        uint16_t qtype = 0;
        if (!msg.be16(next, qtype) || !msg.has(next, 4)) {
            *error = "DNS question cut short";
            return false;
        }
        if (q == 0)
            facts.qtype = qtype;
        off = next + 4;
    }
    const int records = int(an) + ns + ar;
    for (int r = 0; r < records && r < kMaxRecordsWalked; ++r) {
        size_t next = 0;
        if (!readDnsName(msg, off, nullptr, next, error))
            return false;
        uint16_t rdlen = 0;
        if (!msg.be16(next + 8, rdlen) || !msg.has(next + 10, rdlen)) {
            *error = "DNS resource record cut short";
            return false;
        }
        off = next + 10 + rdlen;
    }
    return true;
}

} // namespace packetlens
