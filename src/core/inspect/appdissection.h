// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "packetdissection.h"

#include "../decode/byteview.h"
#include "../decode/decodedpacket.h"

namespace packetlens::dissect {

// The application layer of one packet: its payload and where it starts in
// the frame, so that each field can select its bytes.
struct AppSpan
{
    const DecodedPacket &d;
    ByteView payload;
    int at = 0; // frame offset of payload[0]

    // A field over payload[off, off+len) named as Wireshark's display filter.
    static DissectionNode leaf(const QString &text, int offset, int length, const QString &field = {})
    {
        DissectionNode n;
        n.text = text;
        n.offset = offset;
        n.length = length;
        n.field = field;
        return n;
    }
    DissectionNode node(const QString &text, size_t off, size_t len, const QString &field = {}) const
    {
        return leaf(text, at + int(off), int(len), field);
    }
};

// Renderers of application protocols (one node's children each).
void dissectDns(const AppSpan &a, DissectionNode &n);
void dissectTextProtocol(const AppSpan &a, DissectionNode &n); // FTP, SMTP, POP, IMAP
void dissectHttp(const AppSpan &a, DissectionNode &n);
void dissectSsh(const AppSpan &a, DissectionNode &n);
void dissectTls(const AppSpan &a, DissectionNode &n);
void dissectDhcp(const AppSpan &a, DissectionNode &n);
void dissectNtp(const AppSpan &a, DissectionNode &n);

// The text of TLS names (tlsnames.cpp).
QString tlsCipherName(uint16_t suite);
QString tlsVersionName(uint16_t version);
QString tlsHandshakeName(uint8_t type);

} // namespace packetlens::dissect
