// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "conversationtable.h"

#include "../capture/packetreader.h"
#include "../util/prefetch.h"

namespace packetlens {

// Asks memory early for the conversation-table slot of a packet the reader
// shows a few records ahead (RawPacket::aheadData), and two packets later
// for the entry that slot names, so both have arrived when the table's
// lookup needs them. Measured: the lookup waited for memory on every packet
// of the 1 GB bench mix; with this and the forced-inline hints about a tenth
// of the analysis time went (README, "Performance"). Only a hint: a missing
// or wrong one costs time, never a result.
class ConversationLookAhead
{
public:
    PACKETLENS_PREFETCH_INLINE void see(ConversationTable &table, const RawPacket &pkt)
    {
        if (m_known[1])
            table.prefetch(m_hash[1], 1);
        m_hash[1] = m_hash[0];
        m_known[1] = m_known[0];
        m_known[0] = pkt.aheadData && ConversationTable::hintHash(pkt.linkType, pkt.aheadData, pkt.aheadCaplen, m_hash[0]);
        if (m_known[0])
            table.prefetch(m_hash[0], 0);
    }

private:
    uint64_t m_hash[2] = {}; // [0] the latest packet shown ahead, [1] the one before
    bool m_known[2] = {};
};

} // namespace packetlens
