// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

namespace packetlens {

// Where a history lives, as `--db` and the app's Settings name it: a file
// path (SQLite, the embedded default) or a PostgreSQL connection URI
// (postgresql://user@host:port/database, a history shared by a team). A value
// with a URI scheme is never taken for a path; an unknown scheme is an error.
// A URI never carries a password: libpq reads it from PGPASSWORD or ~/.pgpass
// (or the file a `passfile` parameter names), so none is ever kept in the
// settings, the shell history or the process list.
struct DatabaseLocation
{
    enum class Engine { SQLite, PostgreSQL };

    Engine engine = Engine::SQLite;
    QString text;        // as given (never holds a password): what messages show
    QString path;        // SQLite: the database file
    QString host;        // PostgreSQL: a host name, an address or a Unix socket folder; "" = libpq's default
    int port = -1;       // -1 = libpq's default (5432)
    QString user;        // "" = libpq's default (the login name)
    QString database;    // "" = libpq's default (the user name)
    QStringList options; // further libpq parameters, "key='value'" (sslmode, connect_timeout, …)

    static std::optional<DatabaseLocation> parse(const QString &text, QString *error);
    bool isPostgres() const { return engine == Engine::PostgreSQL; }
    // Qt's driver for the engine ("QSQLITE", "QPSQL").
    QString driverName() const;
    // "" when the driver is there, else what to install; `available` is
    // QSqlDatabase::drivers() (a parameter so that tests can leave one out).
    QString missingDriver(const QStringList &available) const;
    // A Qt SQL connection named `name` to this database, set up but not
    // opened (SQLite: with a busy timeout; PostgreSQL: host, port, user,
    // database and options; libpq finds the password).
    QSqlDatabase addConnection(const QString &name) const;
};

} // namespace packetlens
