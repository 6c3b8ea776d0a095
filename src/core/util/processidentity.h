// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace packetlens {

// Who runs a piece of work, precisely enough to tell later whether that
// process is still alive: the host, the process id, and a start token (the
// kernel's boot id and the process' start time) so that a reused pid or a
// reboot is not taken for the same process.
struct ProcessIdentity
{
    QString host;
    qint64 pid = 0;
    QString start; // "<boot id>/<start time in clock ticks>", "" when unknown

    static const ProcessIdentity &self();

    enum class Liveness { Alive, Dead, Unknown };
    // Alive or Dead when the owner ran on this machine since its last boot;
    // Unknown for another host (or another boot of a host with this name is
    // indistinguishable from another machine): decide by a heartbeat then.
    static Liveness liveness(const QString &host, qint64 pid, const QString &start);
};

} // namespace packetlens
