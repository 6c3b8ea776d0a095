// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturewalk.h"

#include "../decode/packetdecoder.h"

namespace packetlens {

bool walkCapture(const QString &path, const std::function<void(const WalkedPacket &)> &visit, QString *error,
                 InputError *kind, int entry)
{
    CaptureOpener opener;
    CaptureInput input;
    bool found = entry >= 0 && opener.open(path, OpenOptions{});
    for (int i = 0; found && i <= entry; ++i)
        found = opener.nextInput(input);
    if (!found) {
        if (error)
            *error = !opener.errorMessage().isEmpty() ? opener.errorMessage()
                     : entry == 0                     ? QStringLiteral("%1 holds no capture").arg(path)
                                                      : QStringLiteral("%1 holds no capture #%2").arg(path).arg(entry + 1);
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
