// SPDX-License-Identifier: GPL-3.0-or-later
#include "objectlog.h"

namespace packetlens {

namespace {
// Hashed and typed now, its bytes freed.
void digest(CapturedObject &o)
{
    std::vector<CapturedObject> one;
    one.push_back(std::move(o));
    finishObjects(one);
    o = std::move(one.front());
    o.data = QByteArray();
}
} // namespace

void ObjectLog::onPacket(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (d.l4 != Proto::Tcp || !pc.hasConversation) // (the carver skips malformed packets)
        return;
    m_carver.add(pc.number, pc.tsNs, d, int64_t(pc.conversationId), pc.fromOriginator ? 0 : 1, d.seq);
}

void ObjectLog::onConversation(const Conv &c)
{
    if (c.proto != 6)
        return;
    const size_t before = m_closed.size();
    m_carver.close(int64_t(c.firstPacket), m_closed);
    for (size_t i = before; i < m_closed.size(); ++i)
        digest(m_closed[i]);
}

std::vector<CapturedObject> ObjectLog::finish()
{
    std::vector<CapturedObject> out = m_carver.finish(std::move(m_closed));
    m_closed.clear();
    for (CapturedObject &o : out)
        o.data = QByteArray();
    return out;
}

} // namespace packetlens
