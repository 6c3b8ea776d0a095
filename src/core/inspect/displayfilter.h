// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../decode/decodedpacket.h"
#include "../flow/packetexpert.h"

#include <QString>

#include <memory>

namespace packetlens {

// What a display filter looks at for one packet.
struct FilterSubject
{
    const DecodedPacket *d = nullptr;
    uint64_t number = 0;
    uint32_t wireLen = 0;
    const QString *info = nullptr; // the Info column, made only when a filter asks for it
    const PacketExpert *expert = nullptr; // the analysis' generated fields (tcp.analysis.*, dns.time, http.time)
    int64_t tcpStream = -1;        // tcp.stream as Wireshark numbers it (-1: unknown)
    int topProto = -1;             // the packet's top protocol as the list shows it (Proto; -1: from d)
};

// A Wireshark-style display filter:
//   protocol names            dns, tls, tcp, arp …
//   comparisons               ip.addr==10.0.0.1  ip.src==10.0.0.0/8  ip.dst!=…
//                             tcp.port==443  udp.port==53  tcp.srcport  tcp.dstport
//                             udp.srcport  udp.dstport  frame.len>1000  frame.number<=50
//                             operators == != > < >= <=  (also eq ne gt lt ge le)
//                             frame.number in {3 7 12}  tcp.stream eq 4
//                             _ws.col.protocol == "tcp" (the Protocol column: the top protocol)
//   analysis (generated)      tcp.analysis.retransmission  tcp.analysis.zero_window  tcp.analysis.flags …
//                             dns.time > 0.5  http.time >= 1  (seconds; alone: has a response time)
//                             dns.flags.rcode==3  http.response.code>=500  tcp.flags.reset==1  icmp.type==3
//   application (as the report's DNS/HTTP/TLS sections count them)
//                             dns.qry.name == "example.com"  dns.qry.type == 28  dns.flags.response == 1
//                             http.host  http.user_agent contains "curl"  http.request.method == "POST"
//                             tls.handshake.extensions_server_name == "x.org"  tls.handshake.type == 1
//                             tls.handshake.version == 0x0303  tls.handshake.extensions.supported_version
//   anomalies (the report's)  packetlens.anomaly == "timestamp_out_of_order"  packetlens.anomaly.protocol == "dns"
//                             packetlens.anomaly.detail contains "checksum"  _ws.malformed
//   free text in Info         "login"  or  info contains "login"
//   logic                     && || ! and or not ( )
// parse() reports the first error with its position; an empty filter matches all.
class DisplayFilter
{
public:
    struct Node;
    DisplayFilter();
    ~DisplayFilter();
    DisplayFilter(DisplayFilter &&) noexcept;
    DisplayFilter &operator=(DisplayFilter &&) noexcept;

    static DisplayFilter parse(const QString &text);
    bool isValid() const { return m_error.isEmpty(); }
    bool isEmpty() const { return !m_root; }
    QString error() const { return m_error; }
    bool needsInfo() const { return m_needsInfo; }
    bool matches(const FilterSubject &s) const;

private:
    std::unique_ptr<Node> m_root;
    QString m_error;
    bool m_needsInfo = false;
};

} // namespace packetlens
