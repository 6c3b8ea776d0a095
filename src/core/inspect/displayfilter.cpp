// SPDX-License-Identifier: GPL-3.0-or-later
#include "displayfilter.h"

#include "displayfilternode.h"
#include "packetsummary.h"

#include <cctype>

namespace packetlens {

DisplayFilter::DisplayFilter() = default;
DisplayFilter::~DisplayFilter() = default;
DisplayFilter::DisplayFilter(DisplayFilter &&) noexcept = default;
DisplayFilter &DisplayFilter::operator=(DisplayFilter &&) noexcept = default;

DisplayFilter DisplayFilter::parse(const QString &text)
{
    DisplayFilter f;
    if (text.trimmed().isEmpty())
        return f;
    f.m_root = parseDisplayFilter(text, &f.m_error, &f.m_needsInfo);
    return f;
}

bool DisplayFilter::Node::eval(const FilterSubject &s) const
{
    const DecodedPacket &d = *s.d;
    switch (kind) {
    case Kind::And: return a->eval(s) && b->eval(s);
    case Kind::Or: return a->eval(s) || b->eval(s);
    case Kind::Not: return !a->eval(s);
    case Kind::Proto: return d.app == proto || d.has(proto);
    case Kind::Text: return s.info && s.info->contains(text, Qt::CaseInsensitive);
    case Kind::Compare: break;
    }
    auto addrTest = [&](const IpAddress &x) {
        const bool hit = filter::prefixMatch(x, addr, prefix);
        return op == Op::Ne ? !hit : hit;
    };
    auto portTest = [&](Proto l4, bool src, bool dst) {
        if (d.l4 != l4)
            return false;
        if (op == Op::Ne) // Wireshark: "!=" holds when no port equals the value
            return !((src && d.sport == number) || (dst && d.dport == number));
        return (src && test(d.sport)) || (dst && test(d.dport));
    };
    switch (field) {
    case Field::IpAddr:
        if (!d.src.isValid())
            return false;
        return op == Op::Ne ? addrTest(d.src) && addrTest(d.dst) : addrTest(d.src) || addrTest(d.dst);
    case Field::IpSrc: return d.src.isValid() && addrTest(d.src);
    case Field::IpDst: return d.dst.isValid() && addrTest(d.dst);
    case Field::TcpPort: return portTest(Proto::Tcp, true, true);
    case Field::TcpSrc: return portTest(Proto::Tcp, true, false);
    case Field::TcpDst: return portTest(Proto::Tcp, false, true);
    case Field::UdpPort: return portTest(Proto::Udp, true, true);
    case Field::UdpSrc: return portTest(Proto::Udp, true, false);
    case Field::UdpDst: return portTest(Proto::Udp, false, true);
    case Field::FrameLen: return test(s.wireLen);
    case Field::FrameNumber: return test(s.number);
    case Field::Info: return s.info && s.info->contains(text, Qt::CaseInsensitive);
    case Field::TcpStream: return d.l4 == Proto::Tcp && s.tcpStream >= 0 && test(uint64_t(s.tcpStream));
    case Field::ColProtocol: {
        const Proto top = s.topProto >= 0 ? Proto(s.topProto) : packetTopProtocol(d);
        const bool hit = text.compare(QLatin1String(top == Proto::Count ? "" : protoName(top)), Qt::CaseInsensitive) == 0
                         || (packetTopProtocol(d) == top && text.compare(packetProtocolLabel(d), Qt::CaseInsensitive) == 0);
        return op == Op::Ne ? !hit : hit;
    }
    default: return evalGenerated(s);
    }
}

// The fields the analysis generates (tcp.analysis.*, dns.time, http.time)
// and the few header fields offered beside them.
bool DisplayFilter::Node::evalGenerated(const FilterSubject &s) const
{
    const DecodedPacket &d = *s.d;
    const PacketExpert *x = s.expert;
    auto time = [this](int64_t ns) { return ns >= 0 && filter::compareReal(double(ns) / 1e9, op, seconds); };
    const bool dns = d.app == Proto::Dns || d.app == Proto::Mdns || d.app == Proto::Llmnr;
    const bool icmp = d.l4 == Proto::Icmp || d.l4 == Proto::Icmpv6;
    switch (field) {
    case Field::TcpAnalysis: return x && (x->tcp & mask);
    case Field::TcpFlag: return d.l4 == Proto::Tcp && test((d.tcpFlags & mask) ? 1 : 0);
    case Field::DnsTime: return x && time(x->dnsTimeNs);
    case Field::HttpTime: return x && time(x->httpTimeNs);
    case Field::DnsRcode: return dns && test(d.dns.rcode);
    case Field::HttpCode: return d.httpMessage && !d.tcpRetransmission && !d.http.isRequest && d.http.status && test(d.http.status);
    case Field::IcmpType: return icmp && test(d.icmpType);
    case Field::IcmpCode: return icmp && test(d.icmpCode);
    case Field::Anomaly:
    case Field::AnomalyProtocol:
    case Field::AnomalyDetail:
    case Field::AnomalyFlag: return evalAnomaly(s);
    default: return evalApplication(s);
    }
}

// The packet's anomalies (the analysis' PacketExpert::anomalies): a kind,
// protocol or detail matches when one of them does; != when none is equal.
bool DisplayFilter::Node::evalAnomaly(const FilterSubject &s) const
{
    if (!s.expert || !s.expert->anomalies.any())
        return false;
    const PacketAnomalies &a = s.expert->anomalies;
    if (field == Field::AnomalyFlag)
        return a.kinds & mask;
    bool equal = false;
    for (const AnomalyText &t : anomalyTexts(a)) {
        const std::string v = (field == Field::Anomaly ? t.kind : field == Field::AnomalyProtocol ? t.protocol : t.detail).toStdString();
        switch (op) {
        case Op::Exists: return true;
        case Op::Contains:
            if (v.find(bytes) != std::string::npos)
                return true;
            break;
        default: equal = equal || v == bytes; break;
        }
    }
    return op == Op::Ne ? !equal : op == Op::Eq && equal;
}

bool DisplayFilter::Node::testText(const std::string &v) const
{
    if (v.empty())
        return false;
    switch (op) {
    case Op::Exists: return true;
    case Op::Contains: return v.find(bytes) != std::string::npos;
    case Op::Eq:
    case Op::Ne: {
        const bool same = v.size() == bytes.size()
                          && std::equal(v.begin(), v.end(), bytes.begin(), [this](char a, char b) {
                                 return caseless ? std::tolower(uchar(a)) == std::tolower(uchar(b)) : a == b;
                             });
        return op == Op::Eq ? same : !same;
    }
    default: return false;
    }
}

// The DNS, HTTP and TLS fields, where the report's sections count them: a DNS
// message that parsed, an HTTP message that is not a retransmission, a TLS
// record (handshake fields in ClientHello and ServerHello).
bool DisplayFilter::Node::evalApplication(const FilterSubject &s) const
{
    const DecodedPacket &d = *s.d;
    const bool dns = (d.app == Proto::Dns || d.app == Proto::Mdns || d.app == Proto::Llmnr) && !(d.malformed && d.malformedAt == d.app);
    const bool request = d.httpMessage && !d.tcpRetransmission && d.http.isRequest;
    const bool hello = d.app == Proto::Tls && (d.tls.handshakeType == 1 || d.tls.handshakeType == 2);
    switch (field) {
    case Field::DnsResponse: return dns && test(d.dns.isResponse ? 1 : 0);
    case Field::DnsQryType: return dns && test(d.dns.qtype);
    case Field::DnsQryName: return dns && testText(d.dns.qname);
    case Field::HttpMethod: return request && testText(d.http.method);
    case Field::HttpHost: return request && testText(d.http.host);
    case Field::HttpUserAgent: return request && testText(d.http.userAgent);
    case Field::TlsHandshakeType: return d.app == Proto::Tls && d.tls.handshakeType && test(d.tls.handshakeType);
    case Field::TlsHandshakeVersion: return hello && test(d.tls.helloVersion);
    case Field::TlsSupportedVersion: return hello && d.tls.negotiatedVersion && test(d.tls.negotiatedVersion);
    case Field::TlsSni: return d.app == Proto::Tls && d.tls.handshakeType == 1 && testText(d.tls.sni);
    default: return false;
    }
}

bool DisplayFilter::matches(const FilterSubject &s) const
{
    return !m_root || m_root->eval(s);
}

} // namespace packetlens
