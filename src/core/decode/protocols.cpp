// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocols.h"

namespace packetlens {

const char *protoName(Proto p)
{
    static const char *const names[kProtoCount] = {
        "eth", "vlan", "sll", "raw", "null", "mpls", "llc", "pppoes", "ppp",
        "arp", "ip", "ipv6", "icmp", "icmpv6", "igmp", "gre", "sctp", "esp",
        "tcp", "udp",
        "dns", "mdns", "llmnr", "nbns", "http", "tls", "quic", "gquic", "dhcp", "dhcpv6", "ntp",
        "ssh", "ftp", "ftp-data", "smtp", "pop", "imap", "telnet", "nbss", "smb", "smb2", "ssdp",
        "sip", "snmp", "syslog", "rdp", "vnc", "mysql", "pgsql", "tds", "ldap", "kerberos",
    };
    const int i = int(p);
    return i >= 0 && i < kProtoCount ? names[i] : "unknown";
}

} // namespace packetlens
