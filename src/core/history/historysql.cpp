// SPDX-License-Identifier: GPL-3.0-or-later
#include "historysql.h"

#include "databaseidentity.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace packetlens::historysql {

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

bool exec(QSqlDatabase &db, const QString &sql, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(sql)) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    return true;
}

QString Dialect::beginWrite() const
{
    return postgres() ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE");
}

QString Dialect::lockRow() const
{
    return postgres() ? QStringLiteral(" FOR UPDATE") : QString();
}

QString Dialect::distinctList(const QString &column) const
{
    return postgres() ? QStringLiteral("string_agg(DISTINCT %1, ',')").arg(column)
                      : QStringLiteral("group_concat(DISTINCT %1)").arg(column);
}

QString Dialect::notMacAddress(const QString &column) const
{
    return postgres() ? QStringLiteral("%1 !~ '^[0-9a-f]{2}(:[0-9a-f]{2}){5}$'").arg(column)
                      : QStringLiteral("%1 NOT GLOB '[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]:"
                                       "[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]'").arg(column);
}

QString Dialect::jsonText(const QString &column, const QStringList &path) const
{
    return postgres() ? QStringLiteral("(%1::jsonb #>> '{%2}')").arg(column, path.join(QLatin1Char(',')))
                      : QStringLiteral("json_extract(%1, '$.%2')").arg(column, path.join(QLatin1Char('.')));
}

WriteTransaction::WriteTransaction(QSqlDatabase &db, const Dialect &dialect) : m_db(db), m_dialect(dialect)
{
}

WriteTransaction::~WriteTransaction()
{
    rollback();
}

bool WriteTransaction::begin(QString *error)
{
    if (m_dialect.file && !m_dialect.file->stillAtPath(error))
        return false;
    m_open = exec(m_db, m_dialect.beginWrite(), error);
    return m_open;
}

bool WriteTransaction::commit(QString *error)
{
    if (!m_open)
        return false;
    if (!exec(m_db, QStringLiteral("COMMIT"), error)) {
        rollback();
        return false;
    }
    m_open = false;
    return true;
}

void WriteTransaction::rollback()
{
    if (m_open)
        exec(m_db, QStringLiteral("ROLLBACK"), nullptr);
    m_open = false;
}

} // namespace packetlens::historysql
