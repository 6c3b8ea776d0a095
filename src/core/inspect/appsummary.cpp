// SPDX-License-Identifier: GPL-3.0-or-later
// The Info column of application protocols, as Wireshark writes it.
#include "appsummary.h"

#include "packetsummary.h"

#include "../decode/dnsrecords.h"

namespace packetlens {

namespace {
QString latin(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

ByteView payloadView(const DecodedPacket &d)
{
    return d.payload ? ByteView(d.payload, d.payloadLen) : ByteView();
}

// SMTP joins a reply's lines with " | ", the code left off after the first.
QString smtpInfo(const DecodedPacket &d, const QStringList &lines)
{
    const bool server = fromServerPort(d);
    QStringList parts;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString l = lines[i];
        if (server && i > 0 && l.size() >= 4 && l[0].isDigit() && (l[3] == u'-' || l[3] == u' '))
            l = l.mid(4);
        parts << l;
    }
    return (server ? QStringLiteral("S: ") : QStringLiteral("C: ")) + parts.join(QStringLiteral(" | "));
}

QString lineInfo(const DecodedPacket &d)
{
    const QStringList lines = payloadLines(d);
    if (lines.isEmpty())
        return {};
    const bool server = fromServerPort(d);
    switch (d.app) {
    case Proto::Ftp:
    case Proto::Imap:
        return (server ? QStringLiteral("Response: ") : QStringLiteral("Request: ")) + lines.first();
    case Proto::Pop:
        return (server ? QStringLiteral("S: ") : QStringLiteral("C: ")) + lines.first();
    default:
        return smtpInfo(d, lines);
    }
}

QString httpInfo(const DecodedPacket &d)
{
    const QStringList lines = payloadLines(d, 200);
    if (lines.isEmpty() || (!d.http.isRequest && !d.http.status))
        return {};
    QString s = lines.first();
    for (const QString &l : lines)
        if (l.startsWith(QLatin1String("content-type:"), Qt::CaseInsensitive))
            return s + QStringLiteral("  (%1)").arg(l.mid(13).section(u';', 0, 0).trimmed());
    return s;
}

QString dnsRecordText(const DnsRecord &r)
{
    QString s = dnsTypeLabel(r.type);
    if (r.section == DnsRecord::Question)
        return s + u' ' + latin(r.name);
    if (!r.data.empty())
        s += u' ' + latin(r.data);
    return s;
}

QString dnsInfo(const DecodedPacket &d)
{
    const DnsMessage m = parseDnsMessage(dnsMessageView(payloadView(d), d.l4 == Proto::Tcp));
    static const char *const opcodes[] = {"Standard query", "Inverse query", "Server status request", "Unknown operation (3)",
                                          "Zone change notification", "Dynamic update"};
    static const char *const rcodes[] = {"", "Format error", "Server failure", "No such name", "Not implemented", "Refused"};
    const int opcode = (m.flags >> 11) & 0x0f;
    QString s = opcode < 6 ? QLatin1String(opcodes[opcode]) : QStringLiteral("Unknown operation (%1)").arg(opcode);
    if (m.flags & 0x8000)
        s += QStringLiteral(" response");
    s += QStringLiteral(" 0x%1").arg(m.id, 4, 16, QChar(u'0'));
    const int rcode = m.flags & 0x0f;
    if ((m.flags & 0x8000) && rcode)
        s += u' ' + (rcode < 6 ? QString::fromLatin1(rcodes[rcode]) : QStringLiteral("Unknown error (%1)").arg(rcode));
    for (const DnsRecord &r : m.records)
        s += u' ' + dnsRecordText(r);
    return s;
}

QString dhcpInfo(const DecodedPacket &d)
{
    const ByteView v = payloadView(d);
    uint32_t xid = 0, cookie = 0;
    uint8_t op = 0;
    if (!v.u8(0, op) || !v.be32(4, xid))
        return {};
    static const char *const types[] = {"", "Discover", "Offer", "Request", "Decline", "ACK", "NAK", "Release", "Inform"};
    int type = 0;
    if (v.be32(236, cookie) && cookie == 0x63825363) {
        for (size_t i = 240; i < v.size();) {
            uint8_t code = 0, len = 0;
            if (!v.u8(i, code) || code == 255)
                break;
            if (code == 0) {
                ++i;
                continue;
            }
            uint8_t t = 0;
            if (!v.u8(i + 1, len))
                break;
            if (code == 53 && v.u8(i + 2, t)) {
                type = t;
                break;
            }
            i += 2 + size_t(len);
        }
    }
    if (type <= 0 || type > 8)
        return QStringLiteral("%1 - Transaction ID 0x%2").arg(op == 1 ? QStringLiteral("Boot Request") : QStringLiteral("Boot Reply")).arg(xid, 0, 16);
    return QStringLiteral("DHCP %1 - Transaction ID 0x%2").arg(QLatin1String(types[type]), -8).arg(xid, 0, 16);
}

QString ntpInfo(const DecodedPacket &d)
{
    uint8_t b = 0;
    if (!payloadView(d).u8(0, b))
        return {};
    static const char *const modes[] = {"reserved", "symmetric active", "symmetric passive", "client", "server",
                                        "broadcast", "control", "private"};
    return QStringLiteral("NTP Version %1, %2").arg((b >> 3) & 7).arg(QLatin1String(modes[b & 7]));
}

QString sshInfo(const DecodedPacket &d)
{
    const QString side = fromServerPort(d) ? QStringLiteral("Server: ") : QStringLiteral("Client: ");
    const ByteView v = payloadView(d);
    if (v.startsWith("SSH-", 4)) {
        const QStringList lines = payloadLines(d, 1);
        return side + QStringLiteral("Protocol (%1)").arg(lines.value(0));
    }
    uint32_t len = 0;
    uint8_t code = 0;
    if (v.be32(0, len) && len + 4 == v.size() && v.u8(5, code) && (code == 20 || code == 21))
        return side + (code == 20 ? QStringLiteral("Key Exchange Init") : QStringLiteral("New Keys"));
    return {};
}
} // namespace

bool fromServerPort(const DecodedPacket &d)
{
    return d.sport < d.dport;
}

QStringList payloadLines(const DecodedPacket &d, int maxLines)
{
    QStringList out;
    const ByteView v = payloadView(d);
    size_t start = 0;
    for (size_t i = 0; i < v.size() && out.size() < maxLines; ++i) {
        if (v.data()[i] != '\n' && i + 1 < v.size())
            continue;
        size_t end = v.data()[i] == '\n' ? i : i + 1;
        if (end > start && v.data()[end - 1] == '\r')
            --end;
        QString line = QString::fromLatin1(reinterpret_cast<const char *>(v.data() + start), qsizetype(end - start));
        for (QChar &c : line)
            if (c.unicode() < 0x20 && c != u'\t')
                c = u'.';
        out << line;
        start = i + 1;
    }
    return out;
}

QString applicationInfo(const DecodedPacket &d)
{
    if (!d.payload)
        return {};
    switch (d.app) {
    case Proto::Ftp: case Proto::Smtp: case Proto::Pop: case Proto::Imap: return lineInfo(d);
    case Proto::Http: return httpInfo(d);
    case Proto::Dns: case Proto::Mdns: case Proto::Llmnr: return dnsInfo(d);
    case Proto::Dhcp: return dhcpInfo(d);
    case Proto::Ntp: return ntpInfo(d);
    case Proto::Ssh: return sshInfo(d);
    default: return {};
    }
}

} // namespace packetlens
