// SPDX-License-Identifier: GPL-3.0-or-later
#include "latencybook.h"

#include <algorithm>

namespace packetlens {

namespace {
// The per-server list names the server side of the handshake (SYN to SYN-ACK).
const char *serverKindName(LatencyBook::Kind k)
{
    switch (k) {
    case LatencyBook::TcpServer: return "tcp_handshake";
    case LatencyBook::Dns: return "dns";
    case LatencyBook::Http: return "http";
    case LatencyBook::TlsHandshake: return "tls_handshake";
    default: return nullptr;
    }
}
} // namespace

void LatencyBook::add(Kind kind, const IpAddress &server, int64_t ns)
{
    m_all[kind].add(ns);
    if (!serverKindName(kind))
        return;
    auto &table = m_byServer[kind];
    const uint64_t hash = server.hash();
    Distribution *d = table.find(server, hash);
    if (!d) {
        if (table.size() >= kMaxServers)
            return;
        d = table.tryEmplace(server, hash).first;
        *d = Distribution(kPerServerSamples);
    }
    d->add(ns);
}

std::vector<ServerLatency> LatencyBook::servers(Kind kind) const
{
    std::vector<ServerLatency> out;
    const char *name = serverKindName(kind);
    if (!name)
        return out;
    m_byServer[kind].forEach([&](const IpAddress &ip, const Distribution &dist) {
        out.push_back({QString::fromLatin1(name), QString::fromStdString(ip.toString()), dist.stats()});
    });
    std::sort(out.begin(), out.end(), [](const ServerLatency &a, const ServerLatency &b) {
        if (a.stats.medianS != b.stats.medianS)
            return a.stats.medianS > b.stats.medianS;
        if (a.stats.count != b.stats.count)
            return a.stats.count > b.stats.count;
        return a.server < b.server;
    });
    return out;
}

LatencyStats LatencyBook::serverStats(Kind kind, const IpAddress &server) const
{
    const Distribution *d = m_byServer[kind].find(server, server.hash());
    return d ? d->stats() : LatencyStats{};
}

LatencySection LatencyBook::section(int slowestPerKind) const
{
    LatencySection s;
    s.tcpHandshake = m_all[TcpHandshake].stats();
    s.tcpServer = m_all[TcpServer].stats();
    s.tcpClient = m_all[TcpClient].stats();
    s.dns = m_all[Dns].stats();
    s.http = m_all[Http].stats();
    s.tlsHandshake = m_all[TlsHandshake].stats();
    for (Kind k : {TcpServer, Dns, Http, TlsHandshake}) {
        std::vector<ServerLatency> list = servers(k);
        if (list.size() > size_t(slowestPerKind))
            list.resize(size_t(slowestPerKind));
        s.slowestServers.insert(s.slowestServers.end(), list.begin(), list.end());
    }
    return s;
}

} // namespace packetlens
