// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpstreams.h"

#include "../decode/appdecoder.h"
#include "../util/ascii.h"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <vector>

namespace packetlens {

namespace {
constexpr uint8_t kSyn = 0x02, kFin = 0x01, kRst = 0x04;

bool validHeader(const uint8_t *h)
{
    const uint16_t len = uint16_t(h[3] << 8 | h[4]);
    return h[0] >= 20 && h[0] <= 24 && h[1] == 3 && h[2] <= 4 && len > 0 && len <= (1 << 14) + 2048;
}
// Finds "\r\n\r\n"; returns the offset just past it, or 0.
uint32_t headerEnd(const uint8_t *p, uint32_t n)
{
    for (uint32_t i = 3; i < n; ++i)
        if (p[i] == '\n' && p[i - 1] == '\r' && p[i - 2] == '\n' && p[i - 3] == '\r')
            return i + 1;
    return 0;
}

// Value of a header (case-insensitive name incl. ':') within the header block.
std::string_view headerValue(std::string_view block, std::string_view name)
{
    for (size_t pos = block.find('\n'); pos != std::string_view::npos; pos = block.find('\n', pos + 1)) {
        const std::string_view line = block.substr(pos + 1, name.size());
        if (line.size() == name.size()
            && std::equal(line.begin(), line.end(), name.begin(),
                          [](char a, char b) { return asciiLower(a) == b; })) {
            size_t start = pos + 1 + name.size();
            size_t end = block.find('\r', start);
            if (end == std::string_view::npos)
                end = block.size();
            while (start < end && block[start] == ' ')
                ++start;
            return block.substr(start, end - start);
        }
    }
    return {};
}
} // namespace

void TcpStreams::followHttp(Direction &dir, const uint8_t *p, uint32_t n, DecodedPacket &d)
{
    if (dir.mode == Mode::HttpBody) {
        if (n >= dir.httpNeed) {
            dir.mode = Mode::Unknown;
            dir.httpNeed = 0;
            setApp(d, Proto::Http);
        } else {
            dir.httpNeed -= n;
            setApp(d, Proto::Count);
        }
        return;
    }
    if (dir.mode == Mode::HttpUntilClose) {
        if (d.app != Proto::Http)
            setApp(d, Proto::Http); // a "continuation" of a body that ends with the connection
        return;
    }
    if (d.app != Proto::Http || p != d.payload)
        return;
    const uint32_t end = headerEnd(p, n);
    if (end == 0)
        return; // headers continue in later segments: shown here
    const std::string_view block(reinterpret_cast<const char *>(p), end);
    const std::string_view cl = headerValue(block, "content-length:");
    const std::string_view te = headerValue(block, "transfer-encoding:");
    const uint16_t status = d.http.status;
    const bool noBody = d.http.isRequest ? cl.empty() && te.empty()
                                         : (status < 200 || status == 204 || status == 304);
    if (noBody)
        return;
    if (!cl.empty()) {
        uint64_t len = 0;
        for (char c : cl) {
            if (c < '0' || c > '9')
                break;
            len = len * 10 + uint64_t(c - '0');
        }
        const uint64_t have = n - end;
        if (have >= len)
            return;
        dir.mode = Mode::HttpBody;
        dir.httpNeed = len - have;
        setApp(d, Proto::Count);
        return;
    }
    if (!te.empty())
        return; // chunked: shown on the header segment
    if (!d.http.isRequest)
        dir.mode = Mode::HttpUntilClose;
}

bool TcpStreams::walkTls(Direction &dir, const uint8_t *p, uint32_t n, bool &desync)
{
    bool completed = false;
    uint32_t pos = 0;
    desync = false;
    while (pos < n) {
        if (dir.tlsNeed > 0) {
            const uint32_t take = std::min(dir.tlsNeed, n - pos);
            dir.tlsNeed -= take;
            pos += take;
            if (dir.tlsNeed == 0)
                completed = true;
            continue;
        }
        while (dir.hdrHave < 5 && pos < n)
            dir.hdr[dir.hdrHave++] = p[pos++];
        if (dir.hdrHave < 5)
            break; // header continues in the next segment
        dir.hdrHave = 0;
        if (!validHeader(dir.hdr)) {
            desync = true;
            return completed;
        }
        dir.tlsNeed = uint32_t(dir.hdr[3] << 8 | dir.hdr[4]);
    }
    return completed;
}

void TcpStreams::setApp(DecodedPacket &d, Proto app)
{
    int tcpAt = -1;
    for (int i = 0; i < d.depth; ++i)
        if (d.path[i] == Proto::Tcp)
            tcpAt = i;
    if (tcpAt < 0)
        return;
    d.depth = uint8_t(tcpAt + 1);
    d.app = app;
    if (app != Proto::Count)
        d.push(app, d.payload);
}

void TcpStreams::process(DecodedPacket &d, Direction &dir)
{
    if (d.l4 != Proto::Tcp || (d.malformed && d.malformedAt == Proto::Tcp))
        return;
    const bool isNew = !dir.seen;
    dir.seen = true;
    const uint32_t len = d.payloadLen;
    const uint32_t seqEnd = d.seq + len + ((d.tcpFlags & kSyn) ? 1 : 0) + ((d.tcpFlags & kFin) ? 1 : 0);
    if (d.tcpFlags & kSyn) {
        const int32_t delta = int32_t(seqEnd - dir.nextSeq);
        if (!isNew && delta <= 0 && delta > -(1 << 30))
            return; // the same SYN again: keep the stream (its data will be retransmissions)
        dir = Direction{};
        dir.seen = true;
        dir.nextSeq = seqEnd;
        return;
    }
    if (d.tcpFlags & kRst)
        return;
    if (len == 0) {
        if (isNew)
            dir.nextSeq = seqEnd;
        return;
    }
    const uint8_t *newData = d.payload;
    uint32_t newLen = len;
    bool gap = false;
    if (!isNew) {
        const int32_t endDelta = int32_t(seqEnd - dir.nextSeq);
        const int32_t startDelta = int32_t(d.seq - dir.nextSeq);
        if (endDelta <= 0) { // nothing new: a retransmission (or keep-alive)
            ++m_retransmissions;
            d.tcpRetransmission = true;
            setApp(d, Proto::Count);
            return;
        }
        if (startDelta > 0) {
            gap = true; // bytes missing before this segment
        } else if (startDelta < 0) {
            const uint32_t skip = uint32_t(-startDelta);
            newData += skip;
            newLen -= skip;
        }
    }
    dir.nextSeq = seqEnd - ((d.tcpFlags & kFin) ? 1 : 0);
    if (gap) {
        dir.tlsNeed = 0;
        dir.hdrHave = 0;
        dir.httpNeed = 0;
        dir.mode = Mode::Unknown;
    }
    if (dir.mode == Mode::HttpUntilClose && d.app == Proto::Http && newData == d.payload)
        dir.mode = Mode::Unknown; // a new message on the same connection
    if (d.app == Proto::Http || dir.mode == Mode::HttpBody || dir.mode == Mode::HttpUntilClose) {
        followHttp(dir, newData, newLen, d);
        return;
    }
    if (dir.mode == Mode::Unknown) {
        if (dir.hdrHave != 0 || !looksLikeTlsRecord(ByteView(newData, newLen)))
            return; // not TLS (yet): keep what the decoder found
        dir.mode = Mode::Tls;
    }
    bool desync = false;
    const bool completed = walkTls(dir, newData, newLen, desync);
    if (desync) {
        dir.mode = Mode::Unknown;
        dir.tlsNeed = 0;
        dir.hdrHave = 0;
    }
    setApp(d, completed ? Proto::Tls : Proto::Count);
}

} // namespace packetlens
