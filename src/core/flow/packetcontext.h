// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "packetexpert.h"

#include "../decode/decodedpacket.h"

#include <cstdint>

namespace packetlens {

// What every analysis module sees of one packet.
struct PacketContext
{
    uint64_t number = 0; // 1-based, as Wireshark numbers frames
    int64_t tsNs = 0;    // nanoseconds since the epoch
    uint32_t caplen = 0;
    uint32_t len = 0;    // original (wire) length
    int linkType = 0;
    const uint8_t *data = nullptr; // the captured bytes (caplen of them), valid during the call
    uint64_t recordOffset = ~uint64_t(0); // RawPacket::recordOffset
    const DecodedPacket *d = nullptr;
    // Set by the conversation table: the packet belongs to a conversation,
    // travels from its originator, and opened it.
    bool hasConversation = false;
    bool fromOriginator = true;
    bool opensConversation = false;
    // The sender's MAC differs from the one on its previous packet in this
    // conversation (or this is its first packet there).
    bool senderMacChanged = false;
    // The conversation's id within the capture (the number of its first
    // packet; 0 when the packet has none): a listener that derives something
    // once per conversation keeps it under this id in a table of its own.
    uint64_t conversationId = 0;
    // Wireshark's generated fields (tcp.analysis.*, dns.time, http.time),
    // filled by the analyzer's health analysis before listeners are told.
    PacketExpert expert;
};

} // namespace packetlens
