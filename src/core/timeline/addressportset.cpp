// SPDX-License-Identifier: GPL-3.0-or-later
#include "addressportset.h"

namespace packetlens {

namespace {
size_t indexOf(const IpAddress &ip, uint16_t port, size_t mask)
{
    return size_t(ip.hash() ^ (uint64_t(port) * 0x9e3779b97f4a7c15ull)) & mask;
}
} // namespace

bool AddressPortSet::insert(const IpAddress &ip, uint16_t port)
{
    if (!ip.isValid())
        return false; // never stored (it marks a free slot); the chronology asks only of real addresses
    if (2 * (m_size + 1) > m_slots.size())
        grow();
    const size_t mask = m_slots.size() - 1;
    for (size_t i = indexOf(ip, port, mask);; i = (i + 1) & mask) {
        Slot &s = m_slots[i];
        if (!s.ip.isValid()) {
            s.ip = ip;
            s.port = port;
            ++m_size;
            return true;
        }
        if (s.port == port && s.ip == ip)
            return false;
    }
}

void AddressPortSet::grow()
{
    std::vector<Slot> old = std::move(m_slots);
    m_slots.assign(old.empty() ? 1024 : 2 * old.size(), Slot{});
    const size_t mask = m_slots.size() - 1;
    for (const Slot &s : old) {
        if (!s.ip.isValid())
            continue;
        size_t i = indexOf(s.ip, s.port, mask);
        while (m_slots[i].ip.isValid())
            i = (i + 1) & mask;
        m_slots[i] = s;
    }
}

} // namespace packetlens
