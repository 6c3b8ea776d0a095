// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturewalk.h"

#include "../decode/packetdecoder.h"

namespace packetlens {

bool walkCapture(const QString &path, const std::function<void(const WalkedPacket &)> &visit, QString *error,
                 InputError *kind)
{
    CaptureOpener opener;
    CaptureInput input;
    if (!opener.open(path, OpenOptions{}) || !opener.nextInput(input)) {
        if (error)
            *error = opener.errorMessage().isEmpty() ? QStringLiteral("%1 holds no capture").arg(path) : opener.errorMessage();
        if (kind)
            *kind = opener.error() == InputError::None ? InputError::Empty : opener.error();
        return false;
    }
    PacketDecoder decoder;
    DecodedPacket d;
    StreamNumbering streams;
    RawPacket raw;
    WalkedPacket w;
    while (input.reader->next(raw)) {
        decoder.decode(raw.linkType, raw.data, raw.caplen, raw.len, d);
        w.number++;
        w.raw = &raw;
        w.d = &d;
        w.pos = streams.assign(d);
        visit(w);
    }
    return true;
}

} // namespace packetlens
