// SPDX-License-Identifier: GPL-3.0-or-later
#include "gatestate.h"

#include "connectionwatch.h"

#include <QMetaObject>

#include <algorithm>

namespace packetlens {

GateState::GateState(const GateLimits &l) : limits(l)
{
}

GateState::~GateState() = default;

void GateState::add(ConnectionWatch *w)
{
    m_watches.append(w);
}

void GateState::remove(ConnectionWatch *w)
{
    m_watches.removeOne(w);
    m_waiting.removeOne(w);
    if (m_beyond == w) {
        m_beyond = nullptr;
        serveLater();
    }
}

bool GateState::makeRoom()
{
    ConnectionWatch *victim = nullptr;
    int best = INT_MAX;
    for (ConnectionWatch *w : std::as_const(m_watches)) {
        const int rank = w->evictionRank();
        if (rank >= 0 && (rank < best || (rank == best && w->ageMs() > victim->ageMs()))) {
            victim = w;
            best = rank;
        }
    }
    if (!victim)
        return false;
    victim->evict();
    return true;
}

qint64 GateState::chunk() const
{
    return std::clamp<qint64>(limits.maxInFlightUploadBytes / 16, 64 * 1024, 8 << 20);
}

bool GateState::admitUpload(qint64 firstChunk, qint64 *order)
{
    // One upload alone is always let in.
    if (m_inFlight > 0 && m_inFlight + firstChunk > limits.maxInFlightUploadBytes)
        return false;
    m_inFlight += firstChunk;
    *order = m_nextOrder++;
    return true;
}

qint64 GateState::grantable(const ConnectionWatch *w, qint64 want) const
{
    const qint64 room = limits.maxInFlightUploadBytes - m_inFlight;
    if (room >= want)
        return want;
    if (room > 0)
        return room;
    // Beyond the budget: the upload admitted first among those waiting, and
    // only while no other one is beyond it (that one goes on to its end).
    if (m_beyond)
        return m_beyond == w ? want : 0;
    for (const ConnectionWatch *other : m_waiting)
        if (other->uploadOrder() < w->uploadOrder())
            return 0;
    return want;
}

qint64 GateState::take(ConnectionWatch *w, qint64 bytes)
{
    if (m_inFlight + bytes > limits.maxInFlightUploadBytes)
        m_beyond = w;
    m_inFlight += bytes;
    m_waiting.removeOne(w);
    return bytes;
}

qint64 GateState::ask(ConnectionWatch *w, qint64 want)
{
    if (const qint64 g = grantable(w, want); g > 0)
        return take(w, g);
    if (!m_waiting.contains(w))
        m_waiting.append(w);
    return 0;
}

void GateState::bodyDone(ConnectionWatch *w)
{
    m_waiting.removeOne(w);
    if (m_beyond == w) {
        m_beyond = nullptr;
        serveLater();
    }
}

void GateState::release(qint64 bytes)
{
    m_inFlight -= bytes;
    serveLater();
}

void GateState::serveLater()
{
    if (m_waiting.isEmpty() || m_servePosted)
        return;
    m_servePosted = true;
    QMetaObject::invokeMethod(this, [this] { serve(); }, Qt::QueuedConnection);
}

// Room came free: the waiting uploads get it in the order they were admitted.
void GateState::serve()
{
    m_servePosted = false;
    QList<ConnectionWatch *> queue = m_waiting;
    std::sort(queue.begin(), queue.end(), [](const ConnectionWatch *a, const ConnectionWatch *b) {
        return a->uploadOrder() < b->uploadOrder();
    });
    for (ConnectionWatch *w : std::as_const(queue)) {
        if (!m_waiting.contains(w))
            continue; // gone meanwhile
        const qint64 g = grantable(w, w->creditWanted());
        if (g <= 0)
            return;
        w->credit(take(w, g));
    }
}

UploadCharge::~UploadCharge()
{
    state->release(bytes);
}

} // namespace packetlens
