// SPDX-License-Identifier: GPL-3.0-or-later
#include "displayfilter.h"

#include "displayfilternode.h"

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
    }
    return false;
}

bool DisplayFilter::matches(const FilterSubject &s) const
{
    return !m_root || m_root->eval(s);
}

} // namespace packetlens
