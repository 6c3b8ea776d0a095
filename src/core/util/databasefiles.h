// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace packetlens {

// The database files this process has open through SQLite. Any other open()
// and close() of such a file (or of its -wal, -shm or -journal) would drop the
// POSIX locks SQLite holds on it in this process, and another process would
// then delete the WAL under our connections. Every place that opens a file by
// a path the user gives (captures, exports) asks here first.
namespace DatabaseFiles {

void add(const QString &databasePath);
// True when `path` is, or is a companion file of, a database this process
// has opened (compared by device and inode, and by canonical name for the
// companions, which may not exist yet).
bool isInUse(const QString &path);
// The error a face shows for such a path.
QString refusal(const QString &path);

} // namespace DatabaseFiles
} // namespace packetlens
