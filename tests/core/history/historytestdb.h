// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <QTemporaryDir>

// Where a history test's databases live. SQLite (the default): files in a
// temporary folder. PostgreSQL: when PACKETLENS_TEST_POSTGRES names the state
// folder of tests/support/throwaway-postgres.sh, one new empty database per
// name on that server (its password is put in PGPASSWORD for this process
// and the helpers it starts, as a user would).
class HistoryTestDb
{
public:
    HistoryTestDb();
    bool postgres() const { return !m_base.isEmpty(); }
    // Not empty: the tests are to be skipped, with this message (the server
    // package is absent).
    QString skipReason() const { return m_skip; }
    // Not empty: the server named cannot be used.
    QString error() const { return m_error; }
    // The history location for `name`: the same one each time it is asked
    // for in this process, empty (a new database) the first time.
    QString location(const QString &name);
    // A plain Qt SQL connection to a location, opened (for tests that set
    // rows up by hand). Remove it with closeRaw().
    static QSqlDatabase openRaw(const QString &location, const QString &connection);
    static void closeRaw(const QString &connection);

private:
    QTemporaryDir m_dir;
    QString m_base; // postgresql://user@host:port/ (PostgreSQL)
    QString m_skip, m_error;
    QHash<QString, QString> m_made;
};
