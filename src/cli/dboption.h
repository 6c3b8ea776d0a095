// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineOption>
#include <QString>
#include <QTextStream>

#include <optional>

namespace packetlens::cli {

// --db of analyze, history and serve: a file path (SQLite) or a PostgreSQL
// URI (postgresql://user@host:port/database; the password from PGPASSWORD
// or ~/.pgpass).
QCommandLineOption dbOption();

// Nothing when `location` names a history this program can use; otherwise
// prints why (a malformed or unknown URI: Usage; the engine's Qt driver is
// not installed: Unreadable) and returns the exit code.
std::optional<int> checkDbLocation(const QString &location, const QString &command, QTextStream &err);

} // namespace packetlens::cli
