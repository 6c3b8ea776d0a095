// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace packetlens {

// Files that hold a user's data (the history, stored captures, the settings
// with the API key) are readable by their owner only: folders 0700, files
// 0600. Every function here works on paths (mkdir, chmod, stat) and never
// opens a file, so it is safe on a database another connection of this
// process holds (closing any descriptor of a file drops the process' POSIX
// locks on it, SQLite's among them).
namespace PrivateFiles {

// Creates the missing folders of `path` with mode 0700. A folder that exists
// is left as it is unless `tighten` is set (our own folders), in which case
// group/other bits are removed and a warning is added.
bool makeFolder(const QString &path, bool tighten, QStringList *warnings, QString *error);

// Removes group/other permission bits of an existing file; adds a warning
// when it did. Missing files are fine.
void tightenFile(const QString &path, QStringList *warnings);

// Creates an empty file with mode 0600 when it does not exist (O_EXCL: never
// a descriptor of a file that exists). Returns false with the reason on error.
bool createFile(const QString &path, QString *error);

} // namespace PrivateFiles
} // namespace packetlens
