// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/flow/packetexpert.h"
#include "core/flow/streamnumbering.h"

#include <QMetaType>
#include <QPair>
#include <QStringList>
#include <QVector>

#include <cstdint>

namespace packetlens::gui {

// One row of the packet list, 28 bytes. Column text is not stored: it is
// made from the packet's bytes (kept in the spool file) when a view asks.
#pragma pack(push, 4)
struct PacketRecord
{
    int64_t tsNs = 0;
    uint64_t spool : 48;   // offset of the packet in the spool file, or of its record in the capture (InFile)
    uint64_t proto : 8;    // packetTopProtocol() (Proto), kProtoCount when none
    uint64_t flags : 8;    // Flag bits
    uint32_t len = 0;      // wire length
    uint32_t src = 0;      // index into the address table (0 = none)
    uint32_t dst = 0;

    enum Flag : uint8_t { Malformed = 1, Retransmission = 2, InFile = 4 };
    PacketRecord() : spool(0), proto(0), flags(0) {}
};
#pragma pack(pop)
static_assert(sizeof(PacketRecord) == 28, "keep packet records compact");

// Packets decoded by the engine, handed to the GUI thread in batches.
struct PacketBatch
{
    int entry = 0;                 // capture of an archive (0 for a plain file)
    QVector<PacketRecord> records;
    QStringList newAddresses;      // appended to the address table, in order
    // The generated fields of the batch's packets that have any: (index in records, fields).
    QVector<QPair<uint32_t, PacketExpert>> experts;
    QVector<uint32_t> streams;     // each record's tcp.stream + 1 (0: not TCP)
    QVector<QPair<uint32_t, StreamNumbering::TcpStream>> streamUpdates; // streams whose state changed
};

} // namespace packetlens::gui

Q_DECLARE_METATYPE(packetlens::gui::PacketBatch)
