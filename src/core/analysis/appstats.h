// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "boundedcounter.h"
#include "../flow/packetcontext.h"

#include <map>

namespace packetlens {

// DNS (incl. mDNS and LLMNR): queries, responses, rcodes, types, names.
class DnsStats
{
public:
    void add(const PacketContext &pc);
    DnsSection section(int topN) const;

private:
    uint64_t m_queries = 0, m_responses = 0, m_nxdomain = 0;
    std::map<int, uint64_t> m_rcodes, m_qtypes;
    BoundedCounter m_names{20000};
    BoundedCounter m_nxNames{5000};
};

// HTTP/1.x requests and responses.
class HttpStats
{
public:
    void add(const PacketContext &pc);
    HttpSection section(int topN) const;

private:
    uint64_t m_requests = 0, m_responses = 0;
    BoundedCounter m_methods{64}, m_hosts{10000}, m_agents{5000}, m_uris{10000};
    std::map<int, uint64_t> m_status;
    std::string m_uri; // host + URI of the request being counted
};

// TLS handshakes: versions and server names (SNI).
class TlsStats
{
public:
    void add(const PacketContext &pc);
    TlsSection section(int topN) const;

private:
    uint64_t m_records = 0, m_clientHellos = 0, m_serverHellos = 0;
    BoundedCounter m_sni{10000}, m_versions{32};
};

QString tlsVersionName(uint16_t v);
QString dnsTypeMnemonic(int type); // "AAAA"; empty when unnamed
QString dnsTypeName(int type);     // the mnemonic, or the number
QString dnsRcodeName(int rcode);

} // namespace packetlens
