// SPDX-License-Identifier: GPL-3.0-or-later
#include "tcpoptions.h"

#include "byteview.h"

namespace packetlens {

namespace {
ByteView tcpHeader(const DecodedPacket &d)
{
    for (int i = 0; i < d.depth; ++i)
        if (d.path[i] == Proto::Tcp && d.layerAt[i] != DecodedPacket::kNotInFrame && d.frame)
            return ByteView(d.frame, d.frameLen).from(d.layerAt[i]);
    return {};
}

void addOption(TcpOptions &o, uint8_t kind, ByteView v)
{
    TcpOptions::Option opt;
    opt.kind = kind;
    uint8_t shift = 0;
    uint16_t mss = 0;
    if (kind == 2 && v.be16(0, mss))
        opt.a = mss;
    else if (kind == 3 && v.u8(0, shift))
        opt.a = o.windowShift = shift > 14 ? 14 : shift;
    else if (kind == 8 && !(v.be32(0, opt.a) && v.be32(4, opt.b)))
        return;
    else if (kind != 2 && kind != 3 && kind != 4 && kind != 8)
        return;
    if (o.count < TcpOptions::kMax)
        o.items[o.count++] = opt;
}
} // namespace

TcpOptions tcpOptions(const DecodedPacket &d)
{
    TcpOptions o;
    const ByteView h = tcpHeader(d);
    uint8_t off = 0;
    if (d.l4 != Proto::Tcp || !h.u8(12, off))
        return o;
    const ByteView opts = h.slice(20, (off >> 4) * 4 > 20 ? size_t((off >> 4) * 4 - 20) : 0);
    size_t i = 0;
    for (int guard = 0; guard < 40 && i < opts.size(); ++guard) {
        uint8_t kind = 0, len = 0;
        opts.u8(i, kind);
        if (kind == 0)
            break;
        if (kind == 1) {
            ++i;
            continue;
        }
        if (!opts.u8(i + 1, len) || len < 2 || !opts.has(i, len))
            break;
        addOption(o, kind, opts.slice(i + 2, len - 2));
        i += len;
    }
    return o;
}

} // namespace packetlens
