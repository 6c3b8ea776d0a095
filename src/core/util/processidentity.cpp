// SPDX-License-Identifier: GPL-3.0-or-later
#include "processidentity.h"

#include <QFile>
#include <QSysInfo>

#include <cerrno>

#include <signal.h>
#include <unistd.h>

namespace packetlens {

namespace {
QByteArray readSmall(const QString &path)
{
    // /proc files: read whole with one small read; never a database.
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.read(4096);
}

QString bootId()
{
    static const QString id = QString::fromLatin1(readSmall(QStringLiteral("/proc/sys/kernel/random/boot_id")).trimmed());
    return id;
}

// Field 22 of /proc/PID/stat (start time in clock ticks after boot); the
// command name (field 2) is in parentheses and may hold spaces.
QString startTicks(qint64 pid)
{
    const QByteArray stat = readSmall(QStringLiteral("/proc/%1/stat").arg(pid));
    const int close = stat.lastIndexOf(')');
    if (close < 0)
        return {};
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    return fields.size() > 19 ? QString::fromLatin1(fields.at(19)) : QString(); // field 3 is index 0
}
} // namespace

const ProcessIdentity &ProcessIdentity::self()
{
    static const ProcessIdentity me = [] {
        ProcessIdentity p;
        p.host = QSysInfo::machineHostName();
        p.pid = qint64(::getpid());
        const QString ticks = startTicks(p.pid);
        if (!bootId().isEmpty() && !ticks.isEmpty())
            p.start = bootId() + QLatin1Char('/') + ticks;
        return p;
    }();
    return me;
}

ProcessIdentity::Liveness ProcessIdentity::liveness(const QString &host, qint64 pid, const QString &start)
{
    const ProcessIdentity &me = self();
    if (host != me.host || pid <= 0 || start.isEmpty() || me.start.isEmpty())
        return Liveness::Unknown;
    if (start.section(QLatin1Char('/'), 0, 0) != bootId())
        return Liveness::Unknown; // another boot of this host, or another machine with its name
    if (::kill(pid_t(pid), 0) != 0 && errno == ESRCH)
        return Liveness::Dead;
    const QString ticks = startTicks(pid);
    if (ticks.isEmpty())
        return Liveness::Dead; // gone between the two checks
    return ticks == start.section(QLatin1Char('/'), 1) ? Liveness::Alive : Liveness::Dead; // a reused pid is not the owner
}

} // namespace packetlens
