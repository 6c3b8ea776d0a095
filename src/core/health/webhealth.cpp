// SPDX-License-Identifier: GPL-3.0-or-later
#include "webhealth.h"

#include "failurelist.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace packetlens {

namespace {
constexpr uint8_t kHttpSeen = 1, kTlsPending = 2, kChunksPending = 4, kHeaderPending = 8;
constexpr uint8_t kChangeCipherSpec = 20, kAlert = 21, kHandshake = 22, kApplicationData = 23;

QString ipText(const IpAddress &ip)
{
    return QString::fromStdString(ip.toString());
}

char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c;
}

// Whether a message's header block (from its first line) says
// "Transfer-Encoding: chunked".
bool isChunked(const uint8_t *p, uint32_t n)
{
    const std::string_view text(reinterpret_cast<const char *>(p), n);
    const size_t end = std::min(text.find("\r\n\r\n"), text.size());
    static constexpr std::string_view kName = "\ntransfer-encoding:";
    for (size_t at = text.find('\n'); at < end; at = text.find('\n', at + 1)) {
        if (end - at < kName.size() || !std::equal(kName.begin(), kName.end(), text.begin() + long(at),
                                                   [](char a, char b) { return lower(b) == a; }))
            continue;
        const size_t eol = std::min(text.find('\r', at + 1), end);
        std::string value(text.substr(at + kName.size(), eol - at - kName.size()));
        std::transform(value.begin(), value.end(), value.begin(), lower);
        return value.find("chunked") != std::string::npos;
    }
    return false;
}

bool hasHeaderEnd(const uint8_t *p, uint32_t n)
{
    return std::string_view(reinterpret_cast<const char *>(p), n).find("\r\n\r\n") != std::string_view::npos;
}

// Whether a segment ends a chunked body (its last, empty chunk).
bool endsChunks(const uint8_t *p, uint32_t n)
{
    return n >= 5 && std::memcmp(p + n - 5, "0\r\n\r\n", 5) == 0;
}
} // namespace

const char *tlsAlertName(uint8_t d)
{
    switch (d) {
    case 0: return "close_notify";
    case 10: return "unexpected_message";
    case 20: return "bad_record_mac";
    case 22: return "record_overflow";
    case 40: return "handshake_failure";
    case 42: return "bad_certificate";
    case 43: return "unsupported_certificate";
    case 44: return "certificate_revoked";
    case 45: return "certificate_expired";
    case 46: return "certificate_unknown";
    case 47: return "illegal_parameter";
    case 48: return "unknown_ca";
    case 49: return "access_denied";
    case 50: return "decode_error";
    case 51: return "decrypt_error";
    case 70: return "protocol_version";
    case 71: return "insufficient_security";
    case 80: return "internal_error";
    case 86: return "inappropriate_fallback";
    case 90: return "user_canceled";
    case 109: return "missing_extension";
    case 110: return "unsupported_extension";
    case 112: return "unrecognized_name";
    case 113: return "bad_certificate_status_response";
    case 116: return "certificate_required";
    case 120: return "no_application_protocol";
    default: return nullptr;
    }
}

void WebHealth::add(PacketContext &pc, Conv &conv)
{
    const DecodedPacket &d = *pc.d;
    const uint8_t ct = d.tls.contentType;
    const bool hello = ct == kHandshake && d.tls.handshakeType == 1;
    uint8_t &flags = m_tcp.webFlags(conv);
    const bool retransmitted = pc.expert.tcp & kTcpAnyRetransmission; // not given to HTTP again, as in Wireshark
    const bool httpLook = !retransmitted && (d.httpMessage || (d.app == Proto::Http && (flags & kHttpSeen))
                          || ((flags & kChunksPending) && endsChunks(d.payload, d.payloadLen))
                          || ((flags & kHeaderPending) && hasHeaderEnd(d.payload, d.payloadLen)));
    const bool tlsLook = hello || ct == kAlert || ((ct == kChangeCipherSpec || ct == kApplicationData) && (flags & kTlsPending));
    if (!httpLook && !tlsLook)
        return;
    WebConvState *w = m_tcp.web(conv, d.httpMessage || hello);
    if (!w)
        return;
    const int dir = pc.fromOriginator ? 0 : 1;
    if (httpLook) {
        followHttp(pc, conv, *w, dir);
        const bool chunks = (w->awaiting[0] && w->chunked[0]) || (w->awaiting[1] && w->chunked[1]);
        const bool header = (w->awaiting[0] && !w->headerDone[0]) || (w->awaiting[1] && !w->headerDone[1]);
        uint8_t &f = m_tcp.webFlags(conv);
        f = uint8_t((f & ~(kChunksPending | kHeaderPending)) | kHttpSeen | (chunks ? kChunksPending : 0)
                    | (header ? kHeaderPending : 0));
    }
    if (tlsLook) {
        followTls(pc, conv, *w, dir);
        uint8_t &f = m_tcp.webFlags(conv);
        f = uint8_t((f & ~kTlsPending) | (w->clientHelloNs >= 0 && !w->handshakeDone ? kTlsPending : 0));
    }
}

void WebHealth::followHttp(PacketContext &pc, const Conv &conv, WebConvState &w, int dir)
{
    const DecodedPacket &d = *pc.d;
    if (d.httpMessage) {
        w.awaiting[dir] = true;
        w.awaitingRequest[dir] = d.http.isRequest;
        w.status[dir] = d.http.status;
        w.chunked[dir] = isChunked(d.payload, d.payloadLen);
        w.headerDone[dir] = hasHeaderEnd(d.payload, d.payloadLen);
        if (d.http.isRequest)
            w.uri[dir].assign(d.http.host).append(d.http.uri); // in the string's own room, no temporary
        else
            countStatus(pc, w, dir, d.http.status);
    } else if (w.awaiting[dir] && !w.headerDone[dir] && hasHeaderEnd(d.payload, d.payloadLen)) {
        // A long header block ends here: a request (or a response with a
        // length TcpStreams did not follow) completes here; a chunked body
        // still needs its last chunk.
        w.headerDone[dir] = true;
        w.chunked[dir] = w.chunked[dir] || isChunked(d.payload, d.payloadLen);
        if (!w.chunked[dir] || endsChunks(d.payload, d.payloadLen))
            completeHttp(pc, conv, w, dir);
        return;
    }
    const bool complete = !w.headerDone[dir]               ? false
                          : w.chunked[dir] ? endsChunks(d.payload, d.payloadLen)
                                           : d.app == Proto::Http;
    if (complete && w.awaiting[dir])
        completeHttp(pc, conv, w, dir);
}

// A message completes here: a request is remembered; a response gets its
// time since the most recent request (http.time).
void WebHealth::completeHttp(PacketContext &pc, const Conv &, WebConvState &w, int dir)
{
    w.awaiting[dir] = false;
    if (w.awaitingRequest[dir]) {
        w.requestNs = pc.tsNs;
        std::swap(w.requestUri, w.uri[dir]); // both keep their room for the next request
        w.uri[dir].clear();
        return;
    }
    if (w.requestNs < 0)
        return;
    pc.expert.httpTimeNs = std::max<int64_t>(0, pc.tsNs - w.requestNs);
    m_latency.add(LatencyBook::Http, pc.d->src, pc.expert.httpTimeNs);
}

void WebHealth::countStatus(const PacketContext &pc, WebConvState &w, int dir, uint16_t status)
{
    ++m_responses;
    const bool clientError = status >= 400 && status < 500, serverError = status >= 500 && status < 600;
    if (!w.serverKnown[dir]) { // once per conversation and direction (the map's nodes never move)
        const uint64_t hash = pc.d->src.hash();
        std::array<uint64_t, 3> *counts = m_servers.find(pc.d->src, hash);
        if (!counts && m_servers.size() < kMaxServers)
            counts = m_servers.tryEmplace(pc.d->src, hash).first;
        w.serverCounts[dir] = counts;
        w.serverKnown[dir] = true;
    }
    if (w.serverCounts[dir])
        ++(*w.serverCounts[dir])[clientError ? 1 : serverError ? 2 : 0];
    if (!clientError && !serverError)
        return;
    ++(clientError ? m_4xx : m_5xx);
    m_items.add(clientError ? HealthKind::HttpClientError : HealthKind::HttpServerError, HealthSubject{pc.d->src, {}},
                pc.number, pc.tsNs);
    const std::string &uri = w.requestUri.empty() ? w.uri[0] : w.requestUri;
    auto it = m_uris.find(uri);
    if (it == m_uris.end() && m_uris.size() < kMaxUris)
        it = m_uris.emplace(uri, std::map<int, uint64_t>{}).first;
    if (it != m_uris.end())
        ++it->second[status];
}

void WebHealth::followTls(const PacketContext &pc, const Conv &conv, WebConvState &w, int dir)
{
    const DecodedPacket &d = *pc.d;
    const uint8_t ct = d.tls.contentType;
    if (ct == kHandshake && d.tls.handshakeType == 1 && w.clientHelloNs < 0) {
        w.clientHelloNs = pc.tsNs;
        w.helloFrom = int8_t(dir);
    } else if ((ct == kChangeCipherSpec || ct == kApplicationData) && w.clientHelloNs >= 0 && !w.handshakeDone
               && dir == w.helloFrom) {
        w.handshakeDone = true;
        const IpAddress &server = dir == 0 ? conv.resp : conv.orig;
        const int64_t took = pc.tsNs - w.clientHelloNs;
        m_latency.add(LatencyBook::TlsHandshake, server, took);
        if (took > int64_t(kSlowHandshakeS * 1e9))
            m_items.add(HealthKind::TlsSlowHandshake, HealthSubject{server, {}}, pc.number, pc.tsNs);
    }
    if (ct != kAlert || d.payloadLen < 5)
        return;
    const uint16_t recordLen = uint16_t(d.payload[3] << 8 | d.payload[4]);
    if (recordLen != 2 || d.payloadLen < 7) {
        ++m_encryptedAlerts; // after the handshake: most are the closing close_notify
        return;
    }
    const uint8_t description = d.payload[6];
    if (description == 0)
        return; // close_notify in the clear: an orderly close
    ++m_alerts;
    const IpAddress &server = pc.fromOriginator ? conv.resp : conv.orig;
    const char *name = tlsAlertName(description);
    const std::string key = name ? std::string(name) : "alert_" + std::to_string(description);
    auto it = m_alertsByServer.find(server);
    if (it == m_alertsByServer.end() && m_alertsByServer.size() < kMaxServers)
        it = m_alertsByServer.emplace(server, std::map<std::string, uint64_t>{}).first;
    if (it != m_alertsByServer.end())
        ++it->second[key];
    m_items.add(HealthKind::TlsAlert, HealthSubject{server, {}}, pc.number, pc.tsNs);
}

void WebHealth::fill(FailuresSection &f, int listCap) const
{
    f.httpResponses = qint64(m_responses);
    f.http4xx = qint64(m_4xx);
    f.http5xx = qint64(m_5xx);
    m_servers.forEach([&f](const IpAddress &ip, const std::array<uint64_t, 3> &c) {
        FailureCount row{ipText(ip), {}};
        if (c[1])
            row.counts.emplace_back(QStringLiteral("4xx"), qint64(c[1]));
        if (c[2])
            row.counts.emplace_back(QStringLiteral("5xx"), qint64(c[2]));
        if (!row.counts.empty())
            f.httpServers.push_back(std::move(row));
    });
    for (const auto &[uri, statuses] : m_uris) {
        FailureCount row{QString::fromStdString(uri), {}};
        for (const auto &[status, n] : statuses)
            row.counts.emplace_back(QString::number(status), qint64(n));
        f.httpUris.push_back(std::move(row));
    }
    f.tlsAlerts = qint64(m_alerts);
    f.tlsEncryptedAlerts = qint64(m_encryptedAlerts);
    for (const auto &[ip, byName] : m_alertsByServer) {
        FailureCount row{ipText(ip), {}};
        for (const auto &[name, n] : byName)
            row.counts.emplace_back(QString::fromStdString(name), qint64(n));
        f.tlsAlertsByServer.push_back(std::move(row));
    }
    for (auto *list : {&f.httpServers, &f.httpUris, &f.tlsAlertsByServer})
        sortFailures(*list, listCap);
}

} // namespace packetlens
