// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

#include <cstdint>

#include "../flow/streamnumbering.h"

namespace packetlens {

// One line of the packet-details tree: a field (or a layer) and the bytes it
// covers in the captured frame, so that a hex view can select them.
struct DissectionNode
{
    QString text;    // "Source Port: 443"
    int offset = 0;  // into the captured bytes
    int length = 0;  // 0 when the field has no bytes of its own
    QList<DissectionNode> children;
    QString field = {}; // Wireshark's display-filter name ("dns.qry.name"), empty when none
};

// Dissects one captured frame into layers and fields. Bounds-checked: stops
// with a "[Malformed …]" line where a header does not fit in caplen.
// With the packet's stream position, TCP shows relative numbers and the
// stream index, as Wireshark does by default.
QList<DissectionNode> dissectPacket(int linkType, const uint8_t *data, uint32_t caplen, uint32_t wireLen,
                                    uint64_t number, int64_t tsNs, const StreamPosition *pos = nullptr);

} // namespace packetlens
