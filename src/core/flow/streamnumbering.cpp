// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamnumbering.h"

#include "../decode/tcpoptions.h"

namespace packetlens {

StreamNumbering::Key StreamNumbering::keyOf(const DecodedPacket &d)
{
    Key k;
    const bool srcFirst = d.src < d.dst || (d.src == d.dst && d.sport <= d.dport);
    k.a = srcFirst ? d.src : d.dst;
    k.b = srcFirst ? d.dst : d.src;
    k.pa = srcFirst ? d.sport : d.dport;
    k.pb = srcFirst ? d.dport : d.sport;
    return k;
}

uint32_t StreamNumbering::newTcpStream(const Key &k, const DecodedPacket &d)
{
    TcpStream s;
    s.first = d.src;
    s.firstPort = d.sport;
    m_tcp.push_back(s);
    const uint32_t id = uint32_t(m_tcp.size() - 1);
    m_tcpIndex[k] = id;
    return id;
}

StreamPosition StreamNumbering::assignTcp(const DecodedPacket &d)
{
    const Key k = keyOf(d);
    auto it = m_tcpIndex.find(k);
    uint32_t id = it == m_tcpIndex.end() ? newTcpStream(k, d) : it->second;
    const bool synOnly = (d.tcpFlags & 0x12) == 0x02;
    {
        const TcpStream &s = m_tcp[id];
        const int dir = s.first == d.src && s.firstPort == d.sport ? 0 : 1;
        if (synOnly && s.baseSet[dir] && s.base[dir] != d.seq)
            id = newTcpStream(k, d); // the port pair is used again by a new connection
    }
    TcpStream &s = m_tcp[id];
    const int dir = s.first == d.src && s.firstPort == d.sport ? 0 : 1;
    if (!s.baseSet[dir] && !(d.tcpFlags & 0x04)) {
        s.base[dir] = (d.tcpFlags & 0x02) ? d.seq : d.seq - 1;
        s.baseSet[dir] = true;
    }
    if (!s.baseSet[1 - dir] && (d.tcpFlags & 0x10)) {
        s.base[1 - dir] = d.ack - 1;
        s.baseSet[1 - dir] = true;
    }
    if (d.tcpFlags & 0x02) {
        const int shift = tcpOptions(d).windowShift;
        s.shift[dir] = int8_t(shift >= 0 ? shift : -2);
    }
    return position(s, id, d);
}

StreamPosition StreamNumbering::position(const TcpStream &s, int64_t stream, const DecodedPacket &d)
{
    StreamPosition pos;
    pos.stream = stream;
    pos.tcp = true;
    pos.dir = s.first == d.src && s.firstPort == d.sport ? 0 : 1;
    const int rev = 1 - pos.dir;
    pos.relSeq = s.baseSet[pos.dir] ? d.seq - s.base[pos.dir] : d.seq;
    pos.relAck = s.baseSet[rev] ? d.ack - s.base[rev] : d.ack;
    const bool scaled = !(d.tcpFlags & 0x02) && s.shift[0] >= 0 && s.shift[1] >= 0;
    pos.window = scaled ? uint32_t(d.window) << s.shift[pos.dir] : d.window;
    return pos;
}

StreamPosition StreamNumbering::assign(const DecodedPacket &d)
{
    if (!d.src.isValid() || d.laterFragment || (d.l4 != Proto::Tcp && d.l4 != Proto::Udp))
        return {};
    if (d.l4 == Proto::Tcp)
        return assignTcp(d);
    const Key k = keyOf(d);
    auto [it, added] = m_udpIndex.try_emplace(k, uint32_t(m_udpCount));
    if (added)
        ++m_udpCount;
    StreamPosition pos;
    pos.stream = it->second;
    return pos;
}

} // namespace packetlens
