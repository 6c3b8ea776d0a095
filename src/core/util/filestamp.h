// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstdint>

namespace packetlens {

// What tells whether a file changed between two moments: which file it is
// (device and inode) and its size and modification time. Equal stamps: the
// same file, not written to in between.
struct FileStamp
{
    bool valid = false;
    uint64_t device = 0, inode = 0;
    int64_t size = 0;
    int64_t modifiedNs = 0;

    static FileStamp ofPath(const QString &path);
    static FileStamp ofDescriptor(int fd);
    bool operator==(const FileStamp &) const = default;
};

} // namespace packetlens
