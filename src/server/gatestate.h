// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apiauth.h"
#include "connectionlimits.h"

#include <QList>
#include <QObject>

#include <memory>

namespace packetlens {

class ConnectionWatch;

struct GateLimits
{
    qint64 maxUploadBytes = 1ll << 30;           // Content-Length of one upload
    qint64 maxInFlightUploadBytes = 512ll << 20; // upload bytes held in memory at once
    ConnectionLimits connections;
};

// What the listening sockets of one server share, on the server thread: the
// limits, who may talk, the connections being watched (and which one to
// close when there are too many), and the budget of upload bytes in memory.
//
// The budget is charged by what an upload may hold, not by what it
// declares: an upload is granted its bytes ahead of their arrival in chunks
// (a window of at most chunk() bytes beyond those received) and holds them
// until it is stored. When the budget is used up, uploads wait for room in
// the order they were admitted; the first of them may go beyond the budget
// (one at a time), so that uploads never wait on each other in a circle.
class GateState : public QObject
{
public:
    explicit GateState(const GateLimits &limits);
    ~GateState() override;

    const GateLimits limits;
    ApiAuth auth; // set once listening (the Host check needs the port)

    void add(ConnectionWatch *w);
    void remove(ConnectionWatch *w); // also when it is gone: idempotent
    int connections() const { return int(m_watches.size()); }
    // At the limit: closes the connection that matters least (see
    // ConnectionWatch::evictionRank()). False when none may be closed.
    bool makeRoom();

    qint64 inFlight() const { return m_inFlight; }
    qint64 chunk() const;
    // A new upload's first chunk: false when the budget has no room (503).
    bool admitUpload(qint64 firstChunk, qint64 *order);
    // More bytes for an upload: what it may read now (then it is no longer
    // waiting), or 0 (it waits; ConnectionWatch::credit() follows).
    qint64 ask(ConnectionWatch *w, qint64 want);
    void bodyDone(ConnectionWatch *w); // its bytes are all in
    void release(qint64 bytes);        // an upload's bytes left memory

private:
    qint64 grantable(const ConnectionWatch *w, qint64 want) const;
    qint64 take(ConnectionWatch *w, qint64 bytes);
    void serveLater();
    void serve();

    QList<ConnectionWatch *> m_watches;
    QList<ConnectionWatch *> m_waiting; // uploads waiting for budget
    ConnectionWatch *m_beyond = nullptr; // the one upload allowed beyond the budget
    qint64 m_inFlight = 0;
    qint64 m_nextOrder = 1;
    bool m_servePosted = false;
};

// The bytes of one upload counted in the budget; released when the last
// holder (its connection, the answer being prepared) lets go.
struct UploadCharge
{
    std::shared_ptr<GateState> state;
    qint64 bytes = 0;
    ~UploadCharge();
};

} // namespace packetlens
