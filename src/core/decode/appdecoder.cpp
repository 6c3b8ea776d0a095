// SPDX-License-Identifier: GPL-3.0-or-later
#include "appdecoder.h"

#include <cstring>

namespace packetlens {

namespace {

struct PortProto
{
    uint16_t port;
    Proto proto;
};

constexpr PortProto kTcpPorts[] = {
    {21, Proto::Ftp},     {22, Proto::Ssh},    {23, Proto::Telnet},  {25, Proto::Smtp},
    {53, Proto::Dns},     {88, Proto::Kerberos}, {110, Proto::Pop},  {139, Proto::Nbss},
    {143, Proto::Imap},   {389, Proto::Ldap},  {445, Proto::Nbss},   {587, Proto::Smtp},
    {1433, Proto::Tds},   {3306, Proto::Mysql}, {3389, Proto::Rdp},  {5432, Proto::Pgsql},
    {5900, Proto::Vnc},   {5901, Proto::Vnc},
};

constexpr PortProto kUdpPorts[] = {
    {53, Proto::Dns},     {67, Proto::Dhcp},    {68, Proto::Dhcp},   {88, Proto::Kerberos},
    {123, Proto::Ntp},    {137, Proto::Nbns},   {161, Proto::Snmp},  {162, Proto::Snmp},
    {443, Proto::Quic},   {514, Proto::Syslog}, {546, Proto::Dhcpv6}, {547, Proto::Dhcpv6},
    {1900, Proto::Ssdp},  {5060, Proto::Sip},   {5353, Proto::Mdns}, {5355, Proto::Llmnr},
};

template<size_t N>
Proto lookup(const PortProto (&table)[N], uint16_t port)
{
    for (const PortProto &pp : table)
        if (pp.port == port)
            return pp.proto;
    return Proto::Count;
}

// The well-known side of the conversation decides; the lower port wins a tie.
template<size_t N>
Proto byPort(const PortProto (&table)[N], uint16_t sport, uint16_t dport)
{
    const Proto a = lookup(table, sport < dport ? sport : dport);
    if (a != Proto::Count)
        return a;
    return lookup(table, sport < dport ? dport : sport);
}

bool isDnsFamily(Proto p)
{
    return p == Proto::Dns || p == Proto::Mdns || p == Proto::Llmnr;
}

void decodeDnsMessage(ByteView msg, Proto p, bool flagErrors, DecodedPacket &out)
{
    out.push(p, msg.data());
    out.app = p;
    const char *error = nullptr;
    if (!parseDns(msg, out.dns, &error) && flagErrors && !out.snapped)
        out.setMalformed(p, error);
}

void decodeTcpApp(ByteView payload, DecodedPacket &out)
{
    if (looksLikeTlsRecord(payload)) {
        out.push(Proto::Tls, payload.data());
        out.app = Proto::Tls;
        parseTls(payload, out.tls);
        return;
    }
    // Like Wireshark, a well-known port decides before content heuristics
    // (an HTTP request sent to port 22 is shown as ssh).
    const bool isHttp = parseHttp(payload, out.http);
    Proto p = byPort(kTcpPorts, out.sport, out.dport);
    out.httpMessage = isHttp && (p == Proto::Count || p == Proto::Http);
    if (p == Proto::Count) {
        if (isHttp) {
            out.push(Proto::Http, payload.data());
            out.app = Proto::Http;
        } else if (payload.startsWith("SSH-", 4)) {
            out.push(Proto::Ssh, payload.data());
            out.app = Proto::Ssh;
        }
        return;
    }
    if (p == Proto::Dns) {
        decodeDnsMessage(payload.from(2), p, false, out);
        return;
    }
    // Line-based protocols: Wireshark shows them where a line completes.
    if ((p == Proto::Smtp || p == Proto::Pop || p == Proto::Imap || p == Proto::Ftp)
        && !std::memchr(payload.data(), '\n', payload.size()))
        return;
    out.push(p, payload.data());
    out.app = p;
    if (p == Proto::Nbss && payload.size() >= 8) {
        if (payload.from(4).startsWith("\xffSMB", 4))
            out.push(Proto::Smb, payload.data() + 4);
        else if (payload.from(4).startsWith("\xfeSMB", 4))
            out.push(Proto::Smb2, payload.data() + 4);
    }
}

void decodeUdpApp(ByteView payload, DecodedPacket &out)
{
    Proto p = byPort(kUdpPorts, out.sport, out.dport);
    if (p == Proto::Count)
        return;
    if (isDnsFamily(p)) {
        decodeDnsMessage(payload, p, true, out);
        return;
    }
    if (p == Proto::Quic) {
        uint8_t first = 0;
        uint32_t version = 0;
        if (!payload.u8(0, first))
            return;
        if ((first & 0x80) && payload.be32(1, version) && (version >> 8) == 0x513035)
            p = Proto::Gquic; // Google QUIC "Q05x"
        else if ((first & 0x80) && payload.be32(1, version) && (version >> 24) == 'Q')
            p = Proto::Gquic;
        else if (!(first & 0x40) && !(first & 0x80))
            return; // neither a long nor a short QUIC header
    }
    if (p == Proto::Dhcp) {
        uint8_t op = 0;
        if (!payload.u8(0, op) || (op != 1 && op != 2))
            return;
    }
    if (p == Proto::Ntp && payload.size() < 48)
        return;
    out.push(p, payload.data());
    out.app = p;
}

} // namespace

void decodeApplication(ByteView payload, DecodedPacket &out)
{
    if (out.l4 == Proto::Tcp)
        decodeTcpApp(payload, out);
    else if (out.l4 == Proto::Udp)
        decodeUdpApp(payload, out);
}

void decodeIcmpQuotedApplication(ByteView v, DecodedPacket &out)
{
    uint8_t vihl = 0, proto = 0;
    if (!v.u8(0, vihl) || (vihl >> 4) != 4 || !v.u8(9, proto) || proto != 17)
        return;
    const size_t ihl = size_t(vihl & 0x0f) * 4;
    uint16_t sport = 0, dport = 0;
    if (ihl < 20 || !v.be16(ihl, sport) || !v.be16(ihl + 2, dport))
        return;
    const Proto p = byPort(kUdpPorts, sport, dport);
    if (isDnsFamily(p) && v.has(ihl + 8, 12))
        out.push(p, v.data() + ihl + 8); // the quoted DNS message is shown, not interpreted
}

} // namespace packetlens
