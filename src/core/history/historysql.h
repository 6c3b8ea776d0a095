// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to src/core/history: what SQLite and PostgreSQL spell differently,
// and the small helpers every history file uses. Only history/ uses it (it
// reaches other code through historystore.h, whose store holds a Dialect):
// the SQL lives in history/.

#include "databaselocation.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace packetlens {
class DatabaseIdentity;
}

namespace packetlens::historysql {

// UTC, ISO 8601 with milliseconds: timestamps are text in both engines, so
// they compare and sort the same way in each.
QString now();

bool exec(QSqlDatabase &db, const QString &sql, QString *error);

struct Dialect
{
    DatabaseLocation::Engine engine = DatabaseLocation::Engine::SQLite;
    // SQLite: the file the connection opened; a write transaction is not
    // begun once the path names another file or none (databaseidentity.h).
    const DatabaseIdentity *file = nullptr;

    bool postgres() const { return engine == DatabaseLocation::Engine::PostgreSQL; }
    // SQLite takes the database's write lock at BEGIN IMMEDIATE (so a
    // transaction never fails half-way on a busy lock); PostgreSQL locks the
    // rows it writes (and those read with lockRow()) as it goes.
    QString beginWrite() const;
    QString lockRow() const; // appended to a SELECT: "" / " FOR UPDATE"
    // The distinct values of a column joined with ','.
    QString distinctList(const QString &column) const;
    // True when the column does not hold a MAC address (aa:bb:cc:dd:ee:ff).
    QString notMacAddress(const QString &column) const;
    // A text field of a JSON document held as text, by its path of keys.
    QString jsonText(const QString &column, const QStringList &path) const;
};

// One write transaction: begin(), then commit(); rolled back when it goes out
// of scope without a commit.
class WriteTransaction
{
public:
    WriteTransaction(QSqlDatabase &db, const Dialect &dialect);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction &) = delete;
    WriteTransaction &operator=(const WriteTransaction &) = delete;
    bool begin(QString *error);
    bool commit(QString *error);
    void rollback();

private:
    QSqlDatabase &m_db;
    const Dialect &m_dialect;
    bool m_open = false;
};

} // namespace packetlens::historysql
