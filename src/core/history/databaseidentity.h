// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <sys/types.h>

namespace packetlens {

// The file an SQLite history connection has open, by device and inode, so
// that a store notices when its database is deleted or replaced while it is
// in use (SQLite itself would go on writing into the unlinked file, and the
// analyses recorded there would be lost without a word), and so that no new
// database is made at the path while connections of this process to the old
// one are still open: closing them makes SQLite delete "<path>-wal" and
// "<path>-shm" by name, which would then be the new database's.
class DatabaseIdentity
{
public:
    DatabaseIdentity() = default;
    ~DatabaseIdentity() { release(); }
    DatabaseIdentity(const DatabaseIdentity &) = delete;
    DatabaseIdentity &operator=(const DatabaseIdentity &) = delete;

    // Before SQLite opens `path`: false with the reason when the database
    // there was deleted while a connection still holds it (one of this
    // process' connections still open on the file that was there, or its
    // -wal left without it and another process' connection still on it).
    // A -wal and -shm that no connection holds any more are removed: SQLite
    // keeps the log of a database deleted under it, and would read it into
    // the new one.
    static bool mayOpen(const QString &path, QString *error);
    // After SQLite opened it: remembers the file and counts the connection.
    void take(const QString &path);
    // The connection closed.
    void release();
    bool isSet() const { return !m_key.isEmpty(); }
    // False with the reason once the path no longer names the file opened.
    bool stillAtPath(QString *error = nullptr) const;

private:
    QString m_path, m_key;
    dev_t m_dev = 0;
    ino_t m_ino = 0;
};

} // namespace packetlens
