// SPDX-License-Identifier: GPL-3.0-or-later
#include "appstats.h"

namespace packetlens {

QString tlsVersionName(uint16_t v)
{
    switch (v) {
    case 0x0300: return QStringLiteral("SSL 3.0");
    case 0x0301: return QStringLiteral("TLS 1.0");
    case 0x0302: return QStringLiteral("TLS 1.1");
    case 0x0303: return QStringLiteral("TLS 1.2");
    case 0x0304: return QStringLiteral("TLS 1.3");
    default: return QStringLiteral("0x%1").arg(v, 4, 16, QLatin1Char('0'));
    }
}

QString dnsTypeMnemonic(int t)
{
    switch (t) {
    case 1: return QStringLiteral("A");
    case 2: return QStringLiteral("NS");
    case 5: return QStringLiteral("CNAME");
    case 6: return QStringLiteral("SOA");
    case 10: return QStringLiteral("NULL");
    case 12: return QStringLiteral("PTR");
    case 13: return QStringLiteral("HINFO");
    case 15: return QStringLiteral("MX");
    case 16: return QStringLiteral("TXT");
    case 28: return QStringLiteral("AAAA");
    case 32: return QStringLiteral("NB");
    case 33: return QStringLiteral("SRV");
    case 35: return QStringLiteral("NAPTR");
    case 41: return QStringLiteral("OPT");
    case 43: return QStringLiteral("DS");
    case 46: return QStringLiteral("RRSIG");
    case 47: return QStringLiteral("NSEC");
    case 48: return QStringLiteral("DNSKEY");
    case 50: return QStringLiteral("NSEC3");
    case 64: return QStringLiteral("SVCB");
    case 65: return QStringLiteral("HTTPS");
    case 99: return QStringLiteral("SPF");
    case 252: return QStringLiteral("AXFR");
    case 255: return QStringLiteral("ANY");
    case 257: return QStringLiteral("CAA");
    default: return {};
    }
}

QString dnsTypeName(int t)
{
    const QString m = dnsTypeMnemonic(t);
    return m.isEmpty() ? QString::number(t) : m;
}

QString dnsRcodeName(int r)
{
    static const char *const names[] = {"NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED"};
    return r >= 0 && r < 6 ? QString::fromLatin1(names[r]) : QString::number(r);
}

namespace {
// Counts by number, named (the report writes them as an object by name).
template<typename M, typename Name>
std::vector<NamedCount> named(const M &m, Name name)
{
    std::vector<NamedCount> out;
    for (const auto &kv : m)
        out.push_back({name(kv.first), qint64(kv.second)});
    return out;
}
} // namespace

void DnsStats::add(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (d.app != Proto::Dns && d.app != Proto::Mdns && d.app != Proto::Llmnr)
        return;
    if (d.malformed && (d.malformedAt == d.app))
        return;
    const DnsFacts &f = d.dns;
    if (f.isResponse) {
        m_responses++;
        m_rcodes[f.rcode]++;
        if (f.rcode == 3) {
            m_nxdomain++;
            if (!f.qname.empty())
                m_nxNames.add(f.qname);
        }
    } else {
        m_queries++;
        m_qtypes[f.qtype]++;
        if (!f.qname.empty())
            m_names.add(f.qname);
    }
}

DnsSection DnsStats::section(int topN) const
{
    return DnsSection{qint64(m_queries), qint64(m_responses), qint64(m_nxdomain), qint64(m_names.distinct()),
                      named(m_rcodes, dnsRcodeName), named(m_qtypes, dnsTypeName), m_names.top(topN), m_nxNames.top(topN)};
}

void HttpStats::add(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (!d.httpMessage || d.tcpRetransmission)
        return; // every request and response once, also those that span segments
    const HttpFacts &f = d.http;
    if (f.isRequest) {
        m_requests++;
        m_methods.add(f.method);
        if (!f.host.empty())
            m_hosts.add(f.host);
        if (!f.userAgent.empty())
            m_agents.add(f.userAgent);
        m_uri.assign(f.host).append(f.uri); // (reused: no allocation per request)
        m_uris.add(m_uri);
    } else if (f.status) {
        m_responses++;
        m_status[f.status]++;
    }
}

HttpSection HttpStats::section(int topN) const
{
    return HttpSection{qint64(m_requests), qint64(m_responses), m_methods.top(64),
                       named(m_status, [](int s) { return QString::number(s); }), m_hosts.top(topN), m_agents.top(topN),
                       m_uris.top(topN)};
}

void TlsStats::add(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (d.app != Proto::Tls)
        return;
    const TlsFacts &f = d.tls;
    m_records++;
    if (f.handshakeType == 1) {
        m_clientHellos++;
        if (!f.sni.empty())
            m_sni.add(f.sni);
    } else if (f.handshakeType == 2) {
        m_serverHellos++;
        const uint16_t v = f.negotiatedVersion ? f.negotiatedVersion : f.helloVersion;
        m_versions.add(tlsVersionName(v).toStdString());
    }
}

TlsSection TlsStats::section(int topN) const
{
    return TlsSection{qint64(m_records), qint64(m_clientHellos), qint64(m_serverHellos), m_versions.top(32), m_sni.top(topN)};
}

} // namespace packetlens
