// SPDX-License-Identifier: GPL-3.0-or-later
#include "historytestdb.h"

#include "core/history/databaselocation.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

using namespace packetlens;

namespace {
QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
}
} // namespace

HistoryTestDb::HistoryTestDb()
{
    const QString state = qEnvironmentVariable("PACKETLENS_TEST_POSTGRES");
    if (state.isEmpty())
        return;
    m_skip = readFile(state + QStringLiteral("/skip"));
    if (!m_skip.isEmpty())
        return;
    const QString uri = readFile(state + QStringLiteral("/uri"));
    if (uri.isEmpty()) {
        m_error = QStringLiteral("%1 holds no server's URI: did tests/support/throwaway-postgres.sh start fail?").arg(state);
        return;
    }
    qputenv("PGPASSWORD", readFile(state + QStringLiteral("/password")).toUtf8());
    m_base = uri.left(uri.lastIndexOf(QLatin1Char('/')) + 1);
}

QString HistoryTestDb::location(const QString &name)
{
    if (const auto it = m_made.constFind(name); it != m_made.constEnd())
        return *it;
    if (!postgres())
        return *m_made.insert(name, m_dir.filePath(name));
    // One database per name and test process: two test programs may share the server.
    QString db = QStringLiteral("t%1_%2").arg(QCoreApplication::applicationPid()).arg(name.toLower());
    db.replace(QRegularExpression(QStringLiteral("[^a-z0-9_]")), QStringLiteral("_"));
    db = db.left(60);
    {
        QSqlDatabase admin = openRaw(m_base + QStringLiteral("packetlens"), QStringLiteral("admin"));
        QSqlQuery q(admin);
        if (!q.exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(db)) || !q.exec(QStringLiteral("CREATE DATABASE %1").arg(db)))
            qFatal("cannot create the test database %s: %s", qPrintable(db), qPrintable(q.lastError().text()));
    }
    closeRaw(QStringLiteral("admin"));
    return *m_made.insert(name, m_base + db);
}

QSqlDatabase HistoryTestDb::openRaw(const QString &location, const QString &connection)
{
    QString why;
    const auto loc = DatabaseLocation::parse(location, &why);
    if (!loc)
        qFatal("%s", qPrintable(why));
    QSqlDatabase db = loc->addConnection(connection);
    if (!db.open())
        qFatal("cannot open %s: %s", qPrintable(location), qPrintable(db.lastError().text()));
    if (loc->isPostgres()) // "database … does not exist, skipping" and the like
        QSqlQuery(db).exec(QStringLiteral("SET client_min_messages TO warning"));
    return db;
}

void HistoryTestDb::closeRaw(const QString &connection)
{
    {
        QSqlDatabase db = QSqlDatabase::database(connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
}
