// SPDX-License-Identifier: GPL-3.0-or-later
// DNS in the packet details: header, questions and every resource record.
#include "appdissection.h"

#include "packetsummary.h"

#include "../decode/dnsrecords.h"

namespace packetlens::dissect {

namespace {
QString text(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

QString className(uint16_t c)
{
    return (c & 0x7fff) == 1 ? QStringLiteral("IN") : QStringLiteral("0x%1").arg(c, 4, 16, QChar(u'0'));
}

// The rdata's own field name in Wireshark, by type.
QString dataField(uint16_t type)
{
    switch (type) {
    case 1: return QStringLiteral("dns.a");
    case 28: return QStringLiteral("dns.aaaa");
    case 2: return QStringLiteral("dns.ns");
    case 5: return QStringLiteral("dns.cname");
    case 6: return QStringLiteral("dns.soa.mname");
    case 12: return QStringLiteral("dns.ptr.domain_name");
    case 15: return QStringLiteral("dns.mx.mail_exchange");
    case 33: return QStringLiteral("dns.srv.target");
    default: return {};
    }
}

QString dataLabel(uint16_t type)
{
    switch (type) {
    case 1: case 28: return QStringLiteral("addr");
    case 2: return QStringLiteral("ns");
    case 5: return QStringLiteral("cname");
    case 6: return QStringLiteral("mname");
    case 12: return QStringLiteral("ptr");
    case 15: return QStringLiteral("mx");
    case 33: return QStringLiteral("srv");
    default: return {};
    }
}

DissectionNode recordNode(const AppSpan &a, size_t base, const DnsRecord &r)
{
    const bool q = r.section == DnsRecord::Question;
    QString line = QStringLiteral("%1: type %2, class %3").arg(text(r.name), dnsTypeLabel(r.type), className(r.cls));
    if (!r.data.empty())
        line += QStringLiteral(", %1 %2").arg(dataLabel(r.type), text(r.data));
    DissectionNode n = a.node(line, base + r.offset, r.length);
    n.children.append(a.node(QStringLiteral("Name: %1").arg(text(r.name)), base + r.offset, 0, q ? QStringLiteral("dns.qry.name") : QStringLiteral("dns.resp.name")));
    n.children.append(a.node(QStringLiteral("Type: %1 (%2)").arg(dnsTypeLabel(r.type)).arg(r.type), base + r.offset, 0, q ? QStringLiteral("dns.qry.type") : QStringLiteral("dns.resp.type")));
    n.children.append(a.node(QStringLiteral("Class: %1").arg(className(r.cls)), base + r.offset, 0, q ? QStringLiteral("dns.qry.class") : QStringLiteral("dns.resp.class")));
    if (q)
        return n;
    n.children.append(a.node(QStringLiteral("Time to live: %1 seconds").arg(r.ttl), base + r.dataOffset - 6, 4, QStringLiteral("dns.resp.ttl")));
    n.children.append(a.node(QStringLiteral("Data length: %1").arg(r.dataLength), base + r.dataOffset - 2, 2, QStringLiteral("dns.resp.len")));
    if (!r.data.empty())
        n.children.append(a.node(QStringLiteral("%1: %2").arg(dataLabel(r.type), text(r.data)), base + r.dataOffset, r.dataLength, dataField(r.type)));
    return n;
}

void addHeader(const AppSpan &a, size_t base, const DnsMessage &m, DissectionNode &n)
{
    static const char *const rcodes[] = {"No error", "Format error", "Server failure", "No such name", "Not implemented", "Refused"};
    const int rcode = m.flags & 0x0f;
    n.children.append(a.node(QStringLiteral("Transaction ID: 0x%1").arg(m.id, 4, 16, QChar(u'0')), base, 2, QStringLiteral("dns.id")));
    DissectionNode flags = a.node(QStringLiteral("Flags: 0x%1 %2").arg(m.flags, 4, 16, QChar(u'0')).arg(m.flags & 0x8000 ? QStringLiteral("Standard query response") : QStringLiteral("Standard query")), base + 2, 2, QStringLiteral("dns.flags"));
    flags.children.append(a.node(QStringLiteral("Response: %1").arg(m.flags & 0x8000 ? QStringLiteral("Message is a response") : QStringLiteral("Message is a query")), base + 2, 2, QStringLiteral("dns.flags.response")));
    flags.children.append(a.node(QStringLiteral("Opcode: %1").arg((m.flags >> 11) & 0x0f), base + 2, 2, QStringLiteral("dns.flags.opcode")));
    if (m.flags & 0x8000)
        flags.children.append(a.node(QStringLiteral("Reply code: %1 (%2)").arg(rcode < 6 ? QLatin1String(rcodes[rcode]) : QLatin1String("Unknown")).arg(rcode), base + 2, 2, QStringLiteral("dns.flags.rcode")));
    n.children.append(flags);
    static const char *const counts[] = {"Questions", "Answer RRs", "Authority RRs", "Additional RRs"};
    static const char *const fields[] = {"dns.count.queries", "dns.count.answers", "dns.count.auth_rr", "dns.count.add_rr"};
    for (int i = 0; i < 4; ++i)
        n.children.append(a.node(QStringLiteral("%1: %2").arg(QLatin1String(counts[i])).arg(m.counts[i]), base + 4 + size_t(i) * 2, 2, QLatin1String(fields[i])));
}
} // namespace

void dissectDns(const AppSpan &a, DissectionNode &n)
{
    const bool tcp = a.d.l4 == Proto::Tcp;
    const size_t base = tcp ? 2 : 0;
    if (tcp)
        n.children.append(a.node(QStringLiteral("Length: %1").arg(a.payload.size() >= 2 ? (a.payload.data()[0] << 8 | a.payload.data()[1]) : 0), 0, 2, QStringLiteral("dns.length")));
    const DnsMessage m = parseDnsMessage(dnsMessageView(a.payload, tcp));
    if (!a.payload.has(base, 12))
        return;
    n.text += (m.flags & 0x8000) ? QStringLiteral(" (response)") : QStringLiteral(" (query)");
    addHeader(a, base, m, n);
    static const char *const sections[] = {"Queries", "Answers", "Authoritative nameservers", "Additional records"};
    for (int s = 0; s < 4; ++s) {
        DissectionNode group = a.node(QLatin1String(sections[s]), base, 0);
        for (const DnsRecord &r : m.records)
            if (int(r.section) == s)
                group.children.append(recordNode(a, base, r));
        if (!group.children.isEmpty()) {
            group.offset = group.children.first().offset;
            group.length = group.children.last().offset + group.children.last().length - group.offset;
            n.children.append(group);
        }
    }
    if (!m.complete)
        n.children.append(a.node(QStringLiteral("[Malformed: records cut short]"), 0, 0, QStringLiteral("_ws.malformed")));
}

} // namespace packetlens::dissect
