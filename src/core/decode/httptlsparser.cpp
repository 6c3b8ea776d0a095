// SPDX-License-Identifier: GPL-3.0-or-later
#include "appdecoder.h"

#include "../util/ascii.h"

#include <cctype>
#include <cstring>
#include <string_view>

namespace packetlens {

namespace {
constexpr size_t kMaxHttpField = 2048;

constexpr std::string_view kMethods[] = {"GET ", "POST ", "HEAD ", "PUT ", "DELETE ", "OPTIONS ",
                                         "PATCH ", "CONNECT ", "TRACE ", "PROPFIND ", "SUBSCRIBE ",
                                         "NOTIFY ", "M-SEARCH "};

// name is lower case.
bool iequalsPrefix(const char *line, size_t lineLen, std::string_view name)
{
    if (lineLen < name.size())
        return false;
    for (size_t i = 0; i < name.size(); ++i)
        if (asciiLower(line[i]) != name[i])
            return false;
    return true;
}

void assignTrimmed(std::string &out, const char *p, size_t n)
{
    while (n && (*p == ' ' || *p == '\t')) {
        ++p;
        --n;
    }
    while (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r'))
        --n;
    out.assign(p, n < kMaxHttpField ? n : kMaxHttpField);
}
} // namespace

bool parseHttp(ByteView payload, HttpFacts &facts)
{
    facts.clear();
    const char *p = reinterpret_cast<const char *>(payload.data());
    const size_t n = payload.size();
    if (payload.startsWith("HTTP/1.", 7)) {
        if (n < 12 || p[8] != ' ')
            return false;
        int status = 0;
        for (int i = 9; i < 12; ++i) {
            if (!std::isdigit(uint8_t(p[i])))
                return false;
            status = status * 10 + (p[i] - '0');
        }
        facts.status = uint16_t(status);
        return true;
    }
    size_t methodLen = 0;
    for (std::string_view m : kMethods) {
        if (payload.startsWith(m.data(), m.size())) {
            methodLen = m.size();
            break;
        }
    }
    if (!methodLen)
        return false;
    const void *eolp = std::memchr(p, '\n', n);
    const size_t lineEnd = eolp ? size_t(static_cast<const char *>(eolp) - p) : n;
    const char *uriStart = p + methodLen;
    const void *sp = std::memchr(uriStart, ' ', lineEnd - methodLen);
    const size_t uriLen = sp ? size_t(static_cast<const char *>(sp) - uriStart)
                             : lineEnd - methodLen;
    if (!sp || !std::memchr(static_cast<const char *>(sp), 'H', p + lineEnd - static_cast<const char *>(sp)))
        return false; // no "HTTP/x.y" on the request line
    facts.isRequest = true;
    facts.method.assign(p, methodLen - 1);
    assignTrimmed(facts.uri, uriStart, uriLen);
    size_t pos = lineEnd + 1;
    while (pos < n) {
        const void *e = std::memchr(p + pos, '\n', n - pos);
        const size_t end = e ? size_t(static_cast<const char *>(e) - p) : n;
        const char *line = p + pos;
        const size_t len = end - pos;
        if (len == 0 || (len == 1 && line[0] == '\r'))
            break;
        if (iequalsPrefix(line, len, "host:"))
            assignTrimmed(facts.host, line + 5, len - 5);
        else if (iequalsPrefix(line, len, "user-agent:"))
            assignTrimmed(facts.userAgent, line + 11, len - 11);
        else if (iequalsPrefix(line, len, "authorization:"))
            assignTrimmed(facts.authorization, line + 14, len - 14);
        pos = end + 1;
    }
    return true;
}

bool looksLikeTlsRecord(ByteView payload)
{
    uint8_t type = 0, major = 0, minor = 0;
    uint16_t len = 0;
    if (!payload.u8(0, type) || !payload.u8(1, major) || !payload.u8(2, minor)
        || !payload.be16(3, len))
        return false;
    return type >= 20 && type <= 24 && major == 3 && minor <= 4 && len > 0
        && len <= (1 << 14) + 2048;
}

bool parseTls(ByteView payload, TlsFacts &facts)
{
    facts.clear();
    if (!looksLikeTlsRecord(payload))
        return false;
    facts.contentType = payload.data()[0];
    payload.be16(1, facts.recordVersion);
    if (facts.contentType != 22)
        return true;
    ByteView hs = payload.from(5);
    uint8_t hsType = 0;
    if (!hs.u8(0, hsType) || (hsType != 1 && hsType != 2))
        return true;
    facts.handshakeType = hsType;
    ByteView body = hs.from(4); // type(1) + length(3)
    if (!body.be16(0, facts.helloVersion))
        return true;
    size_t off = 2 + 32; // version + random
    uint8_t sidLen = 0;
    if (!body.u8(off, sidLen))
        return true;
    off += 1 + sidLen;
    if (hsType == 1) {
        uint16_t csLen = 0;
        if (!body.be16(off, csLen))
            return true;
        off += 2 + csLen;
        uint8_t compLen = 0;
        if (!body.u8(off, compLen))
            return true;
        off += 1 + compLen;
    } else {
        off += 2 + 1; // cipher suite + compression method
    }
    uint16_t extTotal = 0;
    if (!body.be16(off, extTotal))
        return true;
    ByteView exts = body.slice(off + 2, extTotal);
    size_t e = 0;
    for (int guard = 0; guard < 128; ++guard) {
        uint16_t type = 0, len = 0;
        if (!exts.be16(e, type) || !exts.be16(e + 2, len) || !exts.has(e + 4, len))
            break;
        ByteView ext = exts.slice(e + 4, len);
        if (type == 0 && hsType == 1) { // server_name
            uint8_t nameType = 0;
            uint16_t nameLen = 0;
            if (ext.u8(2, nameType) && nameType == 0 && ext.be16(3, nameLen)
                && ext.has(5, nameLen) && nameLen <= 255) {
                facts.sni.assign(reinterpret_cast<const char *>(ext.data() + 5), nameLen);
                for (char &c : facts.sni)
                    c = asciiLower(c);
            }
        } else if (type == 43) { // supported_versions
            if (hsType == 2) {
                ext.be16(0, facts.negotiatedVersion);
            } else {
                uint8_t listLen = 0;
                uint16_t best = 0;
                if (ext.u8(0, listLen)) {
                    for (size_t i = 1; i + 1 < size_t(listLen) + 1; i += 2) {
                        uint16_t ver = 0;
                        if (!ext.be16(i, ver))
                            break;
                        if ((ver & 0x0f0f) == 0x0a0a)
                            continue; // GREASE
                        if (ver > best && ver <= 0x0304)
                            best = ver;
                    }
                }
                facts.negotiatedVersion = best;
            }
        }
        e += 4 + size_t(len);
    }
    return true;
}

} // namespace packetlens
