// SPDX-License-Identifier: GPL-3.0-or-later
// CaptureStore's rows in the history: captures stored or referenced, and the
// analyses of a capture the REST API answers with.
#include "capturestore.h"

#include "historystore.h"

#include "../report/reportjson.h"

#include <QFileInfo>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace packetlens {

namespace {
// What an existing capture row becomes when the same bytes are recorded again.
bool updateExisting(QSqlDatabase &db, qint64 id, bool wasStored, const QString &location, bool stored, QString *error)
{
    QSqlQuery u(db);
    if (stored && !wasStored) { // a referenced file now has a stored copy: use the copy
        u.prepare(QStringLiteral("UPDATE captures SET last_seen = ?, location = ?, stored = 1 WHERE id = ?"));
        u.addBindValue(historysql::now());
        u.addBindValue(location);
    } else if (!stored && !wasStored) {
        u.prepare(QStringLiteral("UPDATE captures SET last_seen = ?, location = ? WHERE id = ?"));
        u.addBindValue(historysql::now());
        u.addBindValue(location);
    } else {
        u.prepare(QStringLiteral("UPDATE captures SET last_seen = ? WHERE id = ?"));
        u.addBindValue(historysql::now());
    }
    u.addBindValue(id);
    if (!u.exec()) {
        *error = u.lastError().text();
        return false;
    }
    return true;
}

// Inserts a capture row, or updates the existing one, in one write
// transaction. Many processes may record the same bytes at once: the insert
// gives way to a row another committed (ON CONFLICT DO NOTHING), which is then
// read locked and updated.
qint64 upsert(QSqlDatabase &db, const historysql::Dialect &sql, const HistoryStore::CaptureInfo &c,
              bool *existed, QString *error)
{
    historysql::WriteTransaction tx(db, sql);
    if (!tx.begin(error))
        return -1;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO captures (sha256, name, size_bytes, format, location, stored, first_seen, last_seen)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING RETURNING id"));
    const QString t = historysql::now();
    for (const QVariant &v : {QVariant(c.sha256), QVariant(c.name), QVariant(c.sizeBytes), QVariant(c.format), QVariant(c.location),
                              QVariant(c.stored ? 1 : 0), QVariant(t), QVariant(t)})
        q.addBindValue(v);
    if (!q.exec()) {
        *error = q.lastError().text();
        return -1;
    }
    qint64 id = -1;
    if (q.next()) {
        id = q.value(0).toLongLong();
        q.finish();
        if (existed)
            *existed = false;
    } else {
        q.prepare(QStringLiteral("SELECT id, stored FROM captures WHERE sha256 = ?%1").arg(sql.lockRow()));
        q.addBindValue(c.sha256);
        if (!q.exec() || !q.next()) {
            *error = q.lastError().type() != QSqlError::NoError ? q.lastError().text() : QStringLiteral("capture row vanished");
            return -1;
        }
        id = q.value(0).toLongLong();
        const bool wasStored = q.value(1).toInt() != 0;
        q.finish();
        if (!updateExisting(db, id, wasStored, c.location, c.stored, error))
            return -1;
        if (existed)
            *existed = true;
    }
    return tx.commit(error) ? id : -1;
}

const char *const kRecordColumns =
    "c.id, c.sha256, c.name, c.size_bytes, c.format, c.location, c.stored, c.first_seen, c.last_seen,"
    " (SELECT a.status FROM analyses a WHERE a.capture_id = c.id ORDER BY (a.status = 'done') DESC, a.id DESC LIMIT 1)";

CaptureStore::Record recordFrom(const QSqlQuery &q)
{
    CaptureStore::Record r;
    r.id = q.value(0).toLongLong();
    r.sha256 = q.value(1).toString();
    r.name = q.value(2).toString();
    r.sizeBytes = q.value(3).toLongLong();
    r.format = q.value(4).toString();
    r.location = q.value(5).toString();
    r.stored = q.value(6).toInt() != 0;
    r.firstSeen = q.value(7).toString();
    r.lastSeen = q.value(8).toString();
    r.status = q.value(9).toString();
    return r;
}
} // namespace

qint64 CaptureStore::recordStored(HistoryStore &store, const Stored &s, bool *existed, QString *error)
{
    HistoryStore::CaptureInfo c;
    c.sha256 = s.sha256;
    c.name = s.name;
    c.sizeBytes = s.sizeBytes;
    c.format = captureFormatName(s.format);
    c.location = s.path;
    c.stored = true;
    return upsert(store.m_db, store.m_sql, c, existed, error);
}

qint64 CaptureStore::recordReference(HistoryStore &store, const QString &sha256, const QString &path, qint64 size,
                                     CaptureFormat format, bool *existed, QString *error)
{
    HistoryStore::CaptureInfo c;
    c.sha256 = sha256;
    c.name = QFileInfo(path).fileName();
    c.sizeBytes = size;
    c.format = captureFormatName(format);
    c.location = path;
    return upsert(store.m_db, store.m_sql, c, existed, error);
}

std::optional<CaptureStore::Record> CaptureStore::find(HistoryStore &store, const QString &fileId)
{
    static const QString hex = QStringLiteral("0123456789abcdef");
    if (fileId.size() != 16 || !std::all_of(fileId.begin(), fileId.end(), [](QChar c) { return hex.contains(c); }))
        return std::nullopt;
    QSqlQuery q(store.m_db);
    // sha256 is UNIQUE (indexed): a range on it finds the prefix without a scan.
    q.prepare(QStringLiteral("SELECT %1 FROM captures c WHERE c.sha256 >= ? AND c.sha256 < ? ORDER BY c.id LIMIT 1")
                  .arg(QLatin1String(kRecordColumns)));
    q.addBindValue(fileId);
    q.addBindValue(fileId + QLatin1Char('g'));
    if (!q.exec() || !q.next())
        return std::nullopt;
    return recordFrom(q);
}

QList<CaptureStore::Record> CaptureStore::list(HistoryStore &store, int limit, int offset, qint64 *total)
{
    QList<Record> out;
    QSqlQuery q(store.m_db);
    if (total) {
        q.exec(QStringLiteral("SELECT count(*) FROM captures"));
        *total = q.next() ? q.value(0).toLongLong() : 0;
    }
    q.prepare(QStringLiteral("SELECT %1 FROM captures c ORDER BY c.last_seen DESC, c.id DESC LIMIT ? OFFSET ?")
                  .arg(QLatin1String(kRecordColumns)));
    q.addBindValue(limit);
    q.addBindValue(offset);
    q.exec();
    while (q.next())
        out << recordFrom(q);
    return out;
}

namespace {
// An analyses row selected as (id, status, error, report or NULL).
CaptureStore::AnalysisRow analysisRowFrom(const QSqlQuery &q)
{
    CaptureStore::AnalysisRow a;
    a.id = q.value(0).toLongLong();
    a.status = q.value(1).toString();
    a.error = q.value(2).toString();
    if (!q.value(3).isNull())
        a.report = ReportJson::fromBytes(q.value(3).toString().toUtf8());
    return a;
}
} // namespace

std::optional<CaptureStore::AnalysisRow> CaptureStore::latestAnalysis(HistoryStore &store, qint64 captureId,
                                                                      const QString &engineVersion,
                                                                      const QString &settingsHash, bool withReport)
{
    QSqlQuery q(store.m_db);
    q.prepare(QStringLiteral("SELECT id, status, error, %1 FROM analyses WHERE capture_id = ? AND engine_version = ?"
                             " AND settings_hash = ? ORDER BY (status = 'done') DESC, id DESC LIMIT 1")
                  .arg(withReport ? QStringLiteral("report") : QStringLiteral("NULL")));
    q.addBindValue(captureId);
    q.addBindValue(engineVersion);
    q.addBindValue(settingsHash);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return analysisRowFrom(q);
}

QList<CaptureStore::Entry> CaptureStore::entries(HistoryStore &store, qint64 captureId, const QString &engineVersion,
                                                 const QString &settingsHash)
{
    // The file name is read by the database (its JSON functions), not by
    // parsing reports here.
    const historysql::Dialect &sql = store.m_sql;
    QSqlQuery q(store.m_db);
    q.prepare(QStringLiteral("SELECT id, %1, packets, findings, max_severity, %2"
                             " FROM analyses WHERE capture_id = ? AND engine_version = ? AND settings_hash = ?"
                             " AND status = 'done' ORDER BY id")
                  .arg(sql.jsonText(QStringLiteral("report"), {QStringLiteral("capture"), QStringLiteral("file_name")}),
                       sql.jsonText(QStringLiteral("report"), {QStringLiteral("capture"), QStringLiteral("container")})));
    q.addBindValue(captureId);
    q.addBindValue(engineVersion);
    q.addBindValue(settingsHash);
    QList<Entry> out;
    if (!q.exec()) {
        qWarning("history: cannot list the entries of capture %lld: %s", captureId, qPrintable(q.lastError().text()));
        return out;
    }
    QHash<QString, qsizetype> byName;
    while (q.next()) {
        Entry e;
        e.analysisId = q.value(0).toLongLong();
        e.fileName = q.value(1).toString();
        e.packets = q.value(2).toLongLong();
        e.findings = q.value(3).toLongLong();
        e.maxSeverity = q.value(4).toString();
        // An entry analyzed again (after an interruption, or the same bytes
        // under another name) counts once, where it was last analyzed: a
        // plain capture is one entry, a zip's are told by their path inside.
        const bool zip = q.value(5).toString() == QLatin1String("zip");
        const QString key = zip ? e.fileName.mid(e.fileName.indexOf(QLatin1Char('/')) + 1) : QString();
        if (const auto it = byName.constFind(key); it != byName.constEnd())
            out[*it].analysisId = -1;
        byName.insert(key, out.size());
        out.append(e);
    }
    out.removeIf([](const Entry &e) { return e.analysisId < 0; });
    return out;
}

std::optional<CaptureStore::AnalysisRow> CaptureStore::analysisOf(HistoryStore &store, qint64 captureId, qint64 analysisId)
{
    QSqlQuery q(store.m_db);
    q.prepare(QStringLiteral("SELECT id, status, error, report FROM analyses WHERE id = ? AND capture_id = ? AND status = 'done'"));
    q.addBindValue(analysisId);
    q.addBindValue(captureId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return analysisRowFrom(q);
}

bool CaptureStore::removeRow(HistoryStore &store, qint64 captureId, QString *error)
{
    QSqlQuery q(store.m_db);
    q.prepare(QStringLiteral("DELETE FROM captures WHERE id = ?"));
    q.addBindValue(captureId);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

} // namespace packetlens
