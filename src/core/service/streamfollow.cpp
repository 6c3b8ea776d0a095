// SPDX-License-Identifier: GPL-3.0-or-later
#include "streamfollow.h"

#include "capturewalk.h"

#include "../flow/tcpsequencer.h"

namespace packetlens {

namespace {
QString endpoint(const IpAddress &a, uint16_t port)
{
    const QString addr = QString::fromStdString(a.toString());
    return a.family == 6 ? QStringLiteral("[%1]:%2").arg(addr).arg(port) : QStringLiteral("%1:%2").arg(addr).arg(port);
}

struct Collector
{
    FollowedStream &out;
    TcpSequencer seq[2];
    std::vector<QByteArray> ready;

    void take(uint8_t dir, uint64_t frame)
    {
        for (QByteArray &b : ready) {
            out.bytes[dir] += uint64_t(b.size());
            out.chunks.push_back({dir, frame, std::move(b)});
        }
        ready.clear();
    }
    void add(const WalkedPacket &w)
    {
        const DecodedPacket &d = *w.d;
        if (!out.found) {
            out.found = true;
            out.node[0] = endpoint(d.src, d.sport);
            out.node[1] = endpoint(d.dst, d.dport);
        }
        const uint8_t dir = w.pos.dir;
        const uint32_t len = d.payload ? d.payloadLen : 0;
        seq[dir].add(w.pos.relSeq, d.tcpFlags & 0x02, d.payload, len, ready);
        take(dir, w.number);
    }
};
} // namespace

bool followTcpStream(const QString &path, int64_t index, FollowedStream &out, QString *error, int entry)
{
    out = FollowedStream{};
    out.index = index;
    Collector c{out, {}, {}};
    const bool ok = walkCapture(path, [&](const WalkedPacket &w) {
        if (w.pos.tcp && w.pos.stream == index && !w.d->malformed)
            c.add(w);
    }, error, nullptr, entry);
    for (uint8_t dir = 0; dir < 2; ++dir) {
        c.seq[dir].flush(c.ready);
        c.take(dir, 0);
    }
    return ok;
}

QByteArray followAscii(const QByteArray &data)
{
    QByteArray s = data;
    for (char &c : s) {
        const auto u = uint8_t(c);
        if (!((u >= 0x20 && u < 0x7f) || c == '\n' || c == '\r'))
            c = '.';
    }
    return s;
}

QByteArray followHexDump(const QByteArray &data, uint64_t startOffset, bool indent)
{
    QByteArray out;
    static const char digits[] = "0123456789abcdef";
    for (qsizetype line = 0; line < data.size(); line += 16) {
        if (indent)
            out += '\t';
        out += QByteArray::number(qulonglong(startOffset + uint64_t(line)), 16).toUpper().rightJustified(8, '0') + "  ";
        QByteArray ascii;
        for (int i = 0; i < 16; ++i) {
            if (line + i < data.size()) {
                const auto u = uint8_t(data[line + i]);
                out += digits[u >> 4];
                out += digits[u & 15];
                out += ' ';
                ascii += (u >= 0x20 && u < 0x7f) ? char(u) : '.';
                if (i == 7)
                    ascii += ' ';
            } else {
                out += "   ";
            }
            if (i == 7)
                out += ' ';
        }
        if (ascii.endsWith(' '))
            ascii.chop(1); // as tshark: one trailing blank goes (the middle one when a line ends there)
        out += ' ' + ascii + '\n';
    }
    return out;
}

QByteArray followText(const FollowedStream &s, FollowFormat format)
{
    QByteArray out;
    if (format == FollowFormat::Raw) {
        for (const FollowedStream::Chunk &c : s.chunks)
            out += c.data;
        return out;
    }
    const QByteArray rule(67, '=');
    out += "\n" + rule + "\n";
    out += format == FollowFormat::Hex ? "Follow: tcp,hex\n" : "Follow: tcp,ascii\n";
    out += "Filter: tcp.stream eq " + QByteArray::number(qlonglong(s.index)) + "\n";
    out += "Node 0: " + s.node[0].toUtf8() + "\nNode 1: " + s.node[1].toUtf8() + "\n";
    uint64_t offset[2] = {};
    for (const FollowedStream::Chunk &c : s.chunks) {
        if (format == FollowFormat::Hex) {
            out += followHexDump(c.data, offset[c.dir], c.dir == 1);
            offset[c.dir] += uint64_t(c.data.size());
            continue;
        }
        out += (c.dir ? "\t" : "") + QByteArray::number(c.data.size()) + "\n" + followAscii(c.data) + "\n";
    }
    out += rule + "\n";
    return out;
}

} // namespace packetlens
