// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "recordstore.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>
#include <vector>

namespace packetlens {
class DisplayFilter;
}

namespace packetlens::gui {

class PacketSpool;
class StreamTable;

// The packets a filter or sort job reads, shared with the GUI thread.
struct PacketSource
{
    std::shared_ptr<const RecordStore> records;
    std::shared_ptr<const PacketSpool> spool;
    QStringList addresses; // copy (implicitly shared) of the address table
    std::shared_ptr<const ExpertStore> experts; // generated fields (tcp.analysis.*, …); may be null
    std::shared_ptr<const StreamTable> streams; // relative TCP numbers (may be null)
};

struct RowText
{
    QString protocol;
    QString info;
};

// Protocol label and Info text of one packet, decoded from its spooled bytes.
RowText makeRowText(const PacketSource &src, uint32_t index);

// Records [from, to) matching the filter (off the GUI thread).
std::vector<uint32_t> filterRows(const PacketSource &src, const DisplayFilter &filter, uint32_t from, uint32_t to,
                                 const std::atomic<bool> &stop);

enum class PacketColumn { Number, Time, Source, Destination, Protocol, Length, Info, Count };

// `rows` sorted by a column, stable (ties keep packet order).
std::vector<uint32_t> sortRows(const PacketSource &src, std::vector<uint32_t> rows, PacketColumn column,
                               bool descending, const std::atomic<bool> &stop);

} // namespace packetlens::gui
