// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "itemlog.h"
#include "latencybook.h"
#include "tcphealth.h"

#include "../report/healthsection.h"
#include "../util/densehashmap.h"

#include <array>
#include <map>
#include <string>

namespace packetlens {

// A TCP conversation's HTTP and TLS state (kept by TcpHealth, created for
// conversations that carry HTTP or a TLS ClientHello).
struct WebConvState
{
    // HTTP, per direction: a message whose first line was seen and that has
    // not completed yet (TcpStreams shows HTTP where a message completes, as
    // Wireshark does; http.time runs between those packets).
    bool awaiting[2] = {};
    bool awaitingRequest[2] = {};
    bool headerDone[2] = {};     // its header block ended (a long one spans segments)
    bool chunked[2] = {};        // the message's body is chunked: it ends with the last chunk (Wireshark reassembles it)
    uint16_t status[2] = {};
    std::string uri[2];          // the request's host and URI, while it completes
    int64_t requestNs = -1;      // the most recent complete request
    std::string requestUri;
    // Each direction's sender in the server table, looked up at its first
    // response (null: the table was full).
    std::array<uint64_t, 3> *serverCounts[2] = {};
    bool serverKnown[2] = {};
    // TLS: the ClientHello, then the client's first encrypted record.
    int64_t clientHelloNs = -1;
    int8_t helloFrom = -1;       // the direction that sent the ClientHello
    bool handshakeDone = false;
};

// HTTP response times (http.time) and errors by server and URI; TLS
// handshake times and alerts.
class WebHealth
{
public:
    static constexpr size_t kMaxUris = 2000;
    static constexpr size_t kMaxServers = 4096;
    static constexpr double kSlowHandshakeS = 1.0; // a TLS handshake this long counts as slow
    WebHealth(TcpHealth &tcp, ItemLog &items, LatencyBook &latency) : m_tcp(tcp), m_items(items), m_latency(latency) {}
    void add(PacketContext &pc, Conv &conv);
    void fill(FailuresSection &f, int listCap) const;

private:
    void followHttp(PacketContext &pc, const Conv &conv, WebConvState &w, int dir);
    void completeHttp(PacketContext &pc, const Conv &conv, WebConvState &w, int dir);
    void countStatus(const PacketContext &pc, WebConvState &w, int dir, uint16_t status);
    void followTls(const PacketContext &pc, const Conv &conv, WebConvState &w, int dir);

    TcpHealth &m_tcp;
    ItemLog &m_items;
    LatencyBook &m_latency;
    uint64_t m_responses = 0, m_4xx = 0, m_5xx = 0, m_alerts = 0, m_encryptedAlerts = 0;
    DenseHashMap<IpAddress, std::array<uint64_t, 3>> m_servers;    // responses, 4xx, 5xx (entries never move)
    std::map<std::string, std::map<int, uint64_t>> m_uris;        // "host/uri" -> status -> count
    std::map<IpAddress, std::map<std::string, uint64_t>> m_alertsByServer;
};

const char *tlsAlertName(uint8_t description); // "handshake_failure"; null when unnamed

} // namespace packetlens
