// SPDX-License-Identifier: GPL-3.0-or-later
// HistoryStore's reads for the faces: the cache by SHA-256, a capture known
// by its path, the list of analyses and one analysis; and deletion.
#include "historystore.h"

#include "../report/reportjson.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace packetlens {

QString HistoryStore::knownSha256(const QString &location, qint64 sizeBytes, const QDateTime &modified)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT sha256, last_seen FROM captures WHERE location = ? AND size_bytes = ?"
                             " ORDER BY last_seen DESC LIMIT 1"));
    q.addBindValue(location);
    q.addBindValue(sizeBytes);
    if (!q.exec() || !q.next())
        return {};
    const QDateTime seen = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs);
    return seen.isValid() && seen > modified ? q.value(0).toString() : QString();
}

std::optional<Report> HistoryStore::cachedReport(const QString &sha256, const QString &engineVersion,
                                                 const QString &hash, qint64 *analysisId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT a.id, a.report FROM analyses a JOIN captures c ON c.id = a.capture_id"
                             " WHERE c.sha256 = ? AND a.engine_version = ? AND a.settings_hash = ? AND a.status = 'done'"
                             " ORDER BY a.id DESC LIMIT 1"));
    q.addBindValue(sha256);
    q.addBindValue(engineVersion);
    q.addBindValue(hash);
    if (!q.exec() || !q.next())
        return std::nullopt;
    std::optional<Report> report = ReportJson::fromBytes(q.value(1).toString().toUtf8());
    if (report && analysisId)
        *analysisId = q.value(0).toLongLong();
    return report;
}

QString HistoryStore::statusOf(qint64 analysisId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT status FROM analyses WHERE id = ?"));
    q.addBindValue(analysisId);
    return q.exec() && q.next() ? q.value(0).toString() : QString();
}

QJsonArray HistoryStore::list(int limit, int offset)
{
    QJsonArray out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT a.id, c.name, c.sha256, c.size_bytes, a.status, a.started, a.finished, a.packets,"
                             " a.findings, a.max_severity, a.error FROM analyses a JOIN captures c ON c.id = a.capture_id"
                             " ORDER BY a.id DESC LIMIT ? OFFSET ?"));
    q.addBindValue(limit);
    q.addBindValue(offset);
    q.exec();
    while (q.next()) {
        out.append(QJsonObject{{QStringLiteral("id"), q.value(0).toLongLong()},
                               {QStringLiteral("file_name"), q.value(1).toString()},
                               {QStringLiteral("sha256"), q.value(2).toString()},
                               {QStringLiteral("size_bytes"), q.value(3).toLongLong()},
                               {QStringLiteral("status"), q.value(4).toString()},
                               {QStringLiteral("started"), q.value(5).toString()},
                               {QStringLiteral("finished"), q.value(6).toString()},
                               {QStringLiteral("packets"), q.value(7).toLongLong()},
                               {QStringLiteral("findings"), q.value(8).toInt()},
                               {QStringLiteral("max_severity"), q.value(9).isNull() ? QJsonValue() : QJsonValue(q.value(9).toString())},
                               {QStringLiteral("error"), q.value(10).isNull() ? QJsonValue() : QJsonValue(q.value(10).toString())}});
    }
    return out;
}

std::optional<QJsonObject> HistoryStore::show(qint64 id, bool withReport)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT a.id, c.name, c.sha256, a.status, a.progress, a.started, a.finished, a.error, a.report,"
                             " a.engine_version, a.settings_hash, c.location FROM analyses a JOIN captures c ON c.id = a.capture_id WHERE a.id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return std::nullopt;
    QJsonObject o{{QStringLiteral("id"), q.value(0).toLongLong()},
                  {QStringLiteral("file_name"), q.value(1).toString()},
                  {QStringLiteral("sha256"), q.value(2).toString()},
                  {QStringLiteral("status"), q.value(3).toString()},
                  {QStringLiteral("progress"), q.value(4).toDouble()},
                  {QStringLiteral("started"), q.value(5).toString()},
                  {QStringLiteral("finished"), q.value(6).toString()},
                  {QStringLiteral("error"), q.value(7).isNull() ? QJsonValue() : QJsonValue(q.value(7).toString())},
                  {QStringLiteral("engine_version"), q.value(9).toString()},
                  {QStringLiteral("settings_hash"), q.value(10).toString()},
                  {QStringLiteral("location"), q.value(11).toString()}};
    if (withReport && !q.value(8).isNull())
        o.insert(QStringLiteral("report"), QJsonDocument::fromJson(q.value(8).toString().toUtf8()).object());
    return o;
}

bool HistoryStore::remove(qint64 id, QString *error)
{
    historysql::WriteTransaction tx(m_db, m_sql);
    if (!tx.begin(error))
        return false;
    // The capture's row is locked first: a process claiming a new analysis of
    // it meanwhile is waited for, and then seen by the orphan test below.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id FROM captures WHERE id = (SELECT capture_id FROM analyses WHERE id = ?)%1").arg(m_sql.lockRow()));
    q.addBindValue(id);
    if (!q.exec() || !q.next()) {
        *error = q.lastError().isValid() && q.lastError().type() != QSqlError::NoError ? q.lastError().text()
                                                                                       : QStringLiteral("no analysis %1").arg(id);
        return false;
    }
    const qint64 captureId = q.value(0).toLongLong();
    q.finish();
    q.prepare(QStringLiteral("DELETE FROM analyses WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || q.numRowsAffected() != 1) {
        *error = q.lastError().type() != QSqlError::NoError ? q.lastError().text() : QStringLiteral("no analysis %1").arg(id);
        return false;
    }
    // Its capture goes too when no analysis is left (a capture waiting for
    // its first analysis, an upload say, is another capture and stays).
    q.prepare(QStringLiteral("DELETE FROM captures WHERE id = ? AND NOT EXISTS (SELECT 1 FROM analyses WHERE capture_id = ?)"));
    q.addBindValue(captureId);
    q.addBindValue(captureId);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return tx.commit(error);
}

QString HistoryStore::integrityCheck(bool quick)
{
    QSqlQuery q(m_db);
    if (m_sql.postgres())
        return q.exec(QStringLiteral("SELECT 1")) ? QStringLiteral("ok") : q.lastError().text();
    if (!q.exec(quick ? QStringLiteral("PRAGMA quick_check") : QStringLiteral("PRAGMA integrity_check")) || !q.next())
        return q.lastError().text();
    return q.value(0).toString();
}

void HistoryStore::releaseMemory()
{
    if (!m_db.isOpen() || m_sql.postgres()) // PostgreSQL: the cache is the server's
        return;
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("PRAGMA shrink_memory"));
}

} // namespace packetlens
