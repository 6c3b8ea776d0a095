// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QTemporaryDir>

namespace packetlens::test {

// A small tmpfs of its own, for the fault tests: a disk that fills up, a
// filesystem made read-only under a running program. Mounting needs root
// (CAP_SYS_ADMIN); elsewhere mount() fails and says why, and the test skips
// with that message. Unmounted (lazily) when destroyed.
class SmallFilesystem
{
public:
    SmallFilesystem() = default;
    ~SmallFilesystem();
    SmallFilesystem(const SmallFilesystem &) = delete;
    SmallFilesystem &operator=(const SmallFilesystem &) = delete;

    bool mount(qint64 bytes, QString *why);
    QString path() const { return m_dir.path(); }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }
    bool setReadOnly(bool readOnly, QString *why);
    // Takes all the free space but `leave` bytes with a filler file; free()
    // removes the filler.
    bool fill(qint64 leave, QString *why);
    void free();
    qint64 freeBytes() const;

private:
    QTemporaryDir m_dir;
    bool m_mounted = false;
};

} // namespace packetlens::test
