// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../decode/decodedpacket.h"
#include "../flow/conversation.h"

namespace packetlens {

// Follows each TCP direction's sequence numbers so that, as in Wireshark,
// retransmitted data is not counted again as application data, and TLS and
// HTTP are shown on the segments where a record or message completes.
// The per-direction state lives in the conversation (ConversationTable), so
// it is bounded and retired with it.
class TcpStreams
{
public:
    using Direction = TcpDirection; // (flow/conversation.h)
    using Mode = TcpDirection::Mode;

    // Adjusts d's application layer; call after decoding, before counting.
    void process(DecodedPacket &d, Direction &dir);
    uint64_t retransmissions() const { return m_retransmissions; }

private:
    // Walks TLS records over new in-order bytes; true when one completes.
    static bool walkTls(Direction &dir, const uint8_t *p, uint32_t n, bool &desync);
    static void setApp(DecodedPacket &d, Proto app);
    static void followHttp(Direction &dir, const uint8_t *p, uint32_t n, DecodedPacket &d);

    uint64_t m_retransmissions = 0;
};

} // namespace packetlens
