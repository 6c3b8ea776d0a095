// SPDX-License-Identifier: GPL-3.0-or-later
#include "objectlog.h"

#include <algorithm>

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
    m_fresh.clear();
    m_carver.add(pc.number, pc.tsNs, d, int64_t(pc.conversationId), pc.fromOriginator ? 0 : 1, d.seq, &m_fresh);
    deliverFresh();
}

void ObjectLog::deliverFresh()
{
    for (CapturedObject &o : m_fresh) {
        digest(o);
        deliver(std::move(o));
    }
}

void ObjectLog::onConversation(const Conv &c)
{
    if (c.proto != 6)
        return;
    m_fresh.clear();
    m_carver.close(int64_t(c.firstPacket), m_fresh);
    deliverFresh();
}

void ObjectLog::deliver(CapturedObject &&o)
{
    if (m_sink)
        m_sink(o);
    Kept k{m_seq++, std::move(o)};
    if (m_kept.size() < m_listCap) {
        m_kept.push_back(std::move(k));
        std::push_heap(m_kept.begin(), m_kept.end());
        return;
    }
    m_unlisted++;
    if (m_kept.empty() || !(k < m_kept.front()))
        return;
    std::pop_heap(m_kept.begin(), m_kept.end());
    m_kept.back() = std::move(k);
    std::push_heap(m_kept.begin(), m_kept.end());
}

std::vector<CapturedObject> ObjectLog::finish()
{
    // The streams still open at the end (hashed by the carver's finish).
    for (CapturedObject &o : m_carver.finish({})) {
        o.data = QByteArray();
        deliver(std::move(o));
    }
    std::sort_heap(m_kept.begin(), m_kept.end());
    std::vector<CapturedObject> out;
    out.reserve(m_kept.size());
    for (Kept &k : m_kept)
        out.push_back(std::move(k.object));
    m_kept.clear();
    return out;
}

} // namespace packetlens
