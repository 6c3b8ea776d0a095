// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../decode/decodedpacket.h"

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
};

// A Wireshark-style display filter:
//   protocol names            dns, tls, tcp, arp …
//   comparisons               ip.addr==10.0.0.1  ip.src==10.0.0.0/8  ip.dst!=…
//                             tcp.port==443  udp.port==53  tcp.srcport  tcp.dstport
//                             udp.srcport  udp.dstport  frame.len>1000  frame.number<=50
//                             operators == != > < >= <=  (also eq ne gt lt ge le)
//                             frame.number in {3 7 12}
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
