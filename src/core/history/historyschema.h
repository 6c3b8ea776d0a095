// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "historysql.h"

#include <optional>

namespace packetlens::HistorySchema {

// The history's schema, one set of migrations for both engines (the DDL is
// written once; the few types the engines spell differently are filled in
// per engine). SQLite keeps the version in PRAGMA user_version and marks the
// file as PacketLens' with PRAGMA application_id; PostgreSQL keeps both in a
// table of its own (packetlens_meta).
constexpr int kVersion = 2;
constexpr int kApplicationId = 0x504c4e53; // "PLNS"

// The schema version of the history in this database (0 when it is empty),
// or nothing, with the reason, when the database belongs to another program.
// `name` is what messages call the database.
std::optional<int> version(QSqlDatabase &db, const historysql::Dialect &dialect, const QString &name, QString *error);

// Brings the schema from `from` to kVersion, one version per transaction; a
// migration another process made meanwhile is noticed under the lock.
bool migrate(QSqlDatabase &db, const historysql::Dialect &dialect, int from, QString *error);

} // namespace packetlens::HistorySchema
