// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../decode/ipaddress.h"

#include <vector>

namespace packetlens {

// A set of (address, port) pairs in one flat open-addressed table: the
// chronology's "seen before?" question asked for every new conversation and
// every SYN-ACK, without a node or a string per key. Grows to hold at most
// `limit` keys (the caller stops inserting there).
class AddressPortSet
{
public:
    // Inserts the pair; returns whether it was new.
    bool insert(const IpAddress &ip, uint16_t port);
    size_t size() const { return m_size; }

private:
    struct Slot
    {
        IpAddress ip; // family 0: empty
        uint16_t port = 0;
    };
    void grow();

    std::vector<Slot> m_slots; // a power of two, at most half full
    size_t m_size = 0;
};

} // namespace packetlens
