// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "distribution.h"

#include "../decode/ipaddress.h"
#include "../util/densehashmap.h"
#include "../report/healthsection.h"


namespace packetlens {

// Response and set-up times: each measure over the whole capture, and per
// server for the slowest-servers list. Bounded: kMaxServers servers per
// measure (later ones count in the capture-wide figures only).
class LatencyBook
{
public:
    enum Kind { TcpHandshake, TcpServer, TcpClient, Dns, Http, TlsHandshake, KindCount };
    static constexpr size_t kMaxServers = 2048;
    static constexpr uint32_t kPerServerSamples = 64;

    void add(Kind kind, const IpAddress &server, int64_t ns);
    LatencySection section(int slowestPerKind) const;
    LatencyStats stats(Kind kind) const { return m_all[kind].stats(); }
    // One server's figures (empty when it is not in the table).
    LatencyStats serverStats(Kind kind, const IpAddress &server) const;

private:
    std::vector<ServerLatency> servers(Kind kind) const; // slowest median first
    Distribution m_all[KindCount];
    DenseHashMap<IpAddress, Distribution> m_byServer[KindCount]; // one slot and one entry a lookup
};

} // namespace packetlens
