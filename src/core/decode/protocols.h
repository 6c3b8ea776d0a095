// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace packetlens {

// Protocol identifiers. Names are Wireshark's display-filter names so that
// counts can be compared with `tshark -z io,phs`.
enum class Proto : uint8_t {
    Eth, Vlan, Sll, Raw, Null, Mpls, Llc, Pppoes, Ppp,
    Arp, Ip, Ipv6, Icmp, Icmpv6, Igmp, Gre, Sctp, Esp,
    Tcp, Udp,
    Dns, Mdns, Llmnr, Nbns, Http, Tls, Quic, Gquic, Dhcp, Dhcpv6, Ntp, Ssh, Ftp,
    FtpData, Smtp, Pop, Imap, Telnet, Nbss, Smb, Smb2, Ssdp, Sip, Snmp, Syslog, Rdp, Vnc,
    Mysql, Pgsql, Tds, Ldap, Kerberos,
    Count
};

constexpr int kProtoCount = int(Proto::Count);

const char *protoName(Proto p);

} // namespace packetlens
