// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturewriter.h"

#include <QFile>

#include <zlib.h>

namespace packetlens::test {

namespace {
struct Out
{
    QByteArray b;
    bool be = false;
    void u16(uint16_t v)
    {
        if (be) {
            b.append(char(v >> 8));
            b.append(char(v));
        } else {
            b.append(char(v));
            b.append(char(v >> 8));
        }
    }
    void u32(uint32_t v)
    {
        if (be) {
            u16(uint16_t(v >> 16));
            u16(uint16_t(v));
        } else {
            u16(uint16_t(v));
            u16(uint16_t(v >> 16));
        }
    }
};
} // namespace

QByteArray CaptureWriter::pcap(const QList<TestPacket> &packets, int linkType, bool nano, bool bigEndian)
{
    Out o;
    o.be = bigEndian;
    o.u32(nano ? 0xa1b23c4d : 0xa1b2c3d4);
    o.u16(2);
    o.u16(4);
    o.u32(0);
    o.u32(0);
    o.u32(262144);
    o.u32(uint32_t(linkType));
    for (const TestPacket &p : packets) {
        const int64_t sec = p.tsNs / 1000000000;
        const int64_t frac = p.tsNs % 1000000000;
        o.u32(uint32_t(sec));
        o.u32(uint32_t(nano ? frac : frac / 1000));
        o.u32(uint32_t(p.data.size()));
        o.u32(p.origLen ? p.origLen : uint32_t(p.data.size()));
        o.b.append(p.data);
    }
    return o.b;
}

QByteArray CaptureWriter::pcapng(const QList<TestPacket> &packets, const QList<int> &linkTypes,
                                 const QList<int> &tsResolutions)
{
    Out o;
    // Section header block
    o.u32(0x0A0D0D0A);
    o.u32(28);
    o.u32(0x1A2B3C4D);
    o.u16(1);
    o.u16(0);
    o.u32(0xffffffff);
    o.u32(0xffffffff);
    o.u32(28);
    for (int i = 0; i < linkTypes.size(); ++i) {
        const int res = i < tsResolutions.size() ? tsResolutions[i] : 6;
        const bool withRes = res != 6;
        const uint32_t len = 20 + (withRes ? 8 : 0) + (withRes ? 4 : 0);
        o.u32(1);
        o.u32(len);
        o.u16(uint16_t(linkTypes[i]));
        o.u16(0);
        o.u32(262144);
        if (withRes) {
            o.u16(9);
            o.u16(1);
            o.b.append(char(res));
            o.b.append(QByteArray(3, '\0'));
            o.u16(0);
            o.u16(0);
        }
        o.u32(len);
    }
    for (const TestPacket &p : packets) {
        const int res = p.interfaceId < tsResolutions.size() ? tsResolutions[p.interfaceId] : 6;
        uint64_t ts = uint64_t(p.tsNs);
        if (res == 6)
            ts /= 1000;
        const int pad = (4 - p.data.size() % 4) % 4;
        const uint32_t len = uint32_t(32 + p.data.size() + pad);
        o.u32(6);
        o.u32(len);
        o.u32(uint32_t(p.interfaceId));
        o.u32(uint32_t(ts >> 32));
        o.u32(uint32_t(ts));
        o.u32(uint32_t(p.data.size()));
        o.u32(p.origLen ? p.origLen : uint32_t(p.data.size()));
        o.b.append(p.data);
        o.b.append(QByteArray(pad, '\0'));
        o.u32(len);
    }
    return o.b;
}

bool CaptureWriter::save(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QByteArray CaptureWriter::gzip(const QByteArray &bytes)
{
    z_stream zs{};
    deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&zs, uLong(bytes.size()))) + 64, '\0');
    zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.constData()));
    zs.avail_in = uInt(bytes.size());
    zs.next_out = reinterpret_cast<Bytef *>(out.data());
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(int(zs.total_out));
    deflateEnd(&zs);
    return out;
}

} // namespace packetlens::test
