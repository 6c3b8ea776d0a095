// SPDX-License-Identifier: GPL-3.0-or-later
#include "historystore.h"
#include "core/report/errortext.h"

#include "historyschema.h"

#include "../report/reportjson.h"
#include "../report/reportsummary.h"
#include "../report/timeformat.h"
#include "../util/databasefiles.h"
#include "../util/privatefiles.h"
#include "../util/processidentity.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMutex>
#include <QScopeGuard>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <atomic>

namespace packetlens {

namespace {
std::atomic<int> g_connections{0};
std::function<void(const char *)> g_faultHook;

// Paths whose file this process has checked (quick_check) since it started:
// later connections of the same process skip the full read.
QMutex g_checkedMutex;
QSet<QString> g_checked;

bool isNotADatabase(const QSqlError &e)
{
    return e.nativeErrorCode() == QLatin1String("26"); // SQLITE_NOTADB
}
} // namespace

QString settingsHash(const QJsonObject &settings)
{
    return QString::fromLatin1(QCryptographicHash::hash(QJsonDocument(settings).toJson(QJsonDocument::Compact),
                                                        QCryptographicHash::Sha256).toHex().left(16));
}

HistoryStore::HistoryStore(const QString &location)
    : m_path(location),
      m_connection(QStringLiteral("packetlens-history-%1").arg(g_connections.fetch_add(1)))
{
}

HistoryStore::~HistoryStore()
{
    for (const qint64 id : QSet<qint64>(m_claims))
        releaseClaim(id);
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connection);
    }
    m_file.release();
}

QString HistoryStore::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("history.sqlite"));
}

bool HistoryStore::exec(const QString &sql, QString *error)
{
    return historysql::exec(m_db, sql, error);
}

void HistoryStore::setFaultHookForTesting(std::function<void(const char *)> hook)
{
    g_faultHook = std::move(hook);
}

void HistoryStore::faultPoint(const char *where)
{
    if (g_faultHook)
        g_faultHook(where);
}

bool HistoryStore::open(QString *error)
{
    m_warnings.clear();
    const auto location = DatabaseLocation::parse(m_path, error);
    if (!location)
        return false;
    m_location = *location;
    m_sql.engine = m_location.engine;
    if (const QString missing = m_location.missingDriver(QSqlDatabase::drivers()); !missing.isEmpty()) {
        *error = missing;
        return false;
    }
    return m_location.isPostgres() ? openPostgres(error) : openSqlite(error);
}

bool HistoryStore::openSqlite(QString *error)
{
    // The file is only ever opened by SQLite. Opening it here to peek at its
    // header and closing it again would drop every POSIX lock this process
    // holds on it (SQLite's too): another process then takes itself for the
    // last connection and deletes the WAL under ours. Permissions are set by
    // path (mkdir, chmod) or on a file created here (O_EXCL), never by a
    // descriptor of an existing database.
    const QString path = m_location.path;
    const QFileInfo fi(path);
    const bool ownFolder = fi.absolutePath() == QFileInfo(defaultPath()).absolutePath();
    if (!PrivateFiles::makeFolder(fi.absolutePath(), ownFolder, &m_warnings, error))
        return false;
    if (!DatabaseIdentity::mayOpen(path, error))
        return false;
    if (!PrivateFiles::createFile(path, error))
        return false;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        PrivateFiles::tightenFile(path + suffix, &m_warnings);

    m_db = m_location.addConnection(m_connection);
    if (!m_db.open()) {
        *error = errorText("error.history.cannot_open", {path, m_db.lastError().text()});
        return false;
    }
    m_file.take(path);
    m_sql.file = &m_file;
    QSqlQuery q(m_db);
    // The first read of the file: SQLite itself says whether it is a database.
    if (!q.exec(QStringLiteral("PRAGMA application_id")) || !q.next()) {
        *error = isNotADatabase(q.lastError())
                     ? QStringLiteral("%1 is not an SQLite database; it was left untouched").arg(path)
                     : QStringLiteral("cannot read %1: %2").arg(path, q.lastError().text());
        return false;
    }
    const QString key = fi.absoluteFilePath();
    bool checked = false;
    {
        QMutexLocker lock(&g_checkedMutex);
        checked = g_checked.contains(key);
    }
    if (!checked) {
        if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next() || q.value(0).toString() != QLatin1String("ok")) {
            *error = errorText("error.history.corrupt", {path, q.isActive() ? q.value(0).toString() : q.lastError().text()});
            return false;
        }
    }
    q.finish(); // an unfinished statement holds a read transaction
    if (!migrateFrom(error))
        return false;
    DatabaseFiles::add(path);
    QMutexLocker lock(&g_checkedMutex);
    g_checked.insert(key);
    return true;
}

bool HistoryStore::openPostgres(QString *error)
{
    // No file of ours: the server keeps its own. The password, if any, comes
    // from PGPASSWORD or ~/.pgpass through libpq, never from here.
    m_db = m_location.addConnection(m_connection);
    if (!m_db.open()) {
        *error = errorText("error.history.cannot_connect", {m_path, m_db.lastError().text().trimmed()});
        return false;
    }
    // The server's notices (libpq prints them on standard error) are not for
    // the user; warnings and errors still come.
    return exec(QStringLiteral("SET client_min_messages TO warning"), error) && migrateFrom(error);
}

bool HistoryStore::migrateFrom(QString *error)
{
    const std::optional<int> version = HistorySchema::version(m_db, m_sql, m_path, error);
    if (!version)
        return false;
    if (*version > kSchemaVersion) {
        *error = errorText("error.history.newer", {m_path, QString::number(*version), QString::number(kSchemaVersion)});
        return false;
    }
    if (!m_sql.postgres()
        && (!exec(QStringLiteral("PRAGMA journal_mode=WAL"), error) || !exec(QStringLiteral("PRAGMA synchronous=FULL"), error)
            || !exec(QStringLiteral("PRAGMA foreign_keys=ON"), error)))
        return false;
    return HistorySchema::migrate(m_db, m_sql, *version, error);
}

qint64 HistoryStore::upsertCapture(const CaptureInfo &c, QString *error)
{
    if (!m_file.stillAtPath(error))
        return -1;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO captures (sha256, name, size_bytes, format, location, stored, first_seen, last_seen)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                             " ON CONFLICT (sha256) DO UPDATE SET last_seen = excluded.last_seen,"
                             // a stored capture keeps its copy (a server's upload analyzed
                             // from a local file elsewhere still has its bytes in the storage)
                             " name = CASE WHEN captures.stored = 1 THEN captures.name ELSE excluded.name END,"
                             " location = CASE WHEN captures.stored = 1 THEN captures.location"
                             " ELSE coalesce(excluded.location, captures.location) END RETURNING id"));
    const QString t = historysql::now();
    q.addBindValue(c.sha256);
    q.addBindValue(c.name);
    q.addBindValue(c.sizeBytes);
    q.addBindValue(c.format);
    q.addBindValue(c.location);
    q.addBindValue(c.stored ? 1 : 0);
    q.addBindValue(t);
    q.addBindValue(t);
    if (!q.exec() || !q.next()) {
        *error = q.lastError().text();
        return -1;
    }
    const qint64 id = q.value(0).toLongLong();
    q.finish(); // SQLite: a RETURNING statement holds the transaction until finished
    return id;
}

qint64 HistoryStore::beginAnalysis(qint64 captureId, const QString &engineVersion, const QString &hash, QString *error)
{
    if (!m_file.stillAtPath(error))
        return -1;
    const ProcessIdentity &me = ProcessIdentity::self();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO analyses (capture_id, engine_version, settings_hash, status, started,"
                             " owner_host, owner_pid, owner_start, heartbeat) VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?) RETURNING id"));
    const QString t = historysql::now();
    q.addBindValue(captureId);
    q.addBindValue(engineVersion);
    q.addBindValue(hash);
    q.addBindValue(t);
    q.addBindValue(me.host);
    q.addBindValue(me.pid);
    q.addBindValue(me.start);
    q.addBindValue(t);
    if (!q.exec() || !q.next()) {
        *error = q.lastError().text();
        return -1;
    }
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    return id;
}

bool HistoryStore::setProgress(qint64 id, double progress)
{
    if (!m_file.stillAtPath())
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE analyses SET progress = ?, heartbeat = ? WHERE id = ?"));
    q.addBindValue(progress);
    q.addBindValue(historysql::now());
    q.addBindValue(id);
    return q.exec();
}

bool HistoryStore::finishAnalysis(qint64 id, const Report &report, QString *error)
{
    // However it ends, the analysis is no longer in progress here (after the
    // commit: a thread waiting for it then finds it done).
    const auto released = qScopeGuard([&] { releaseClaim(id); });
    const ReportSummary summary = ReportSummary::of(report);
    const CaptureSection &cap = report.capture;
    historysql::WriteTransaction tx(m_db, m_sql);
    if (!tx.begin(error))
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE analyses SET status = 'done', progress = 1, finished = ?, packets = ?, bytes = ?,"
                             " findings = ?, max_severity = ?, report = ? WHERE id = ?"));
    q.addBindValue(historysql::now());
    q.addBindValue(cap.packets);
    q.addBindValue(cap.bytes);
    q.addBindValue(summary.findings);
    q.addBindValue(summary.maxSeverity ? QVariant(severityName(*summary.maxSeverity)) : QVariant());
    q.addBindValue(QString::fromUtf8(ReportJson::toBytes(report)));
    q.addBindValue(id);
    bool ok = q.exec();
    QSqlQuery c(m_db);
    if (ok) { // the capture's format is known once it has been read
        c.prepare(QStringLiteral("UPDATE captures SET format = coalesce(format, ?) WHERE id = (SELECT capture_id FROM analyses WHERE id = ?)"));
        c.addBindValue(cap.container.isEmpty() ? cap.format : cap.container);
        c.addBindValue(id);
        ok = c.exec();
    }
    QSqlQuery f(m_db);
    f.prepare(QStringLiteral("INSERT INTO findings (analysis_id, fid, category, severity, severity_rank, source, summary, first_ts)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const ReportFinding &o : report.findings()) {
        if (!ok)
            break;
        f.addBindValue(id);
        f.addBindValue(o.id);
        f.addBindValue(o.category);
        f.addBindValue(severityName(o.severity));
        f.addBindValue(int(o.severity));
        f.addBindValue(o.source);
        f.addBindValue(o.summary);
        f.addBindValue(isoTimestamp(o.firstNs, cap.timeDigits));
        ok = f.exec();
    }
    if (!ok) { // the statement that failed says why
        *error = (q.lastError().isValid() ? q : c.lastError().isValid() ? c : f).lastError().text();
        return false;
    }
    faultPoint("finish:before-commit");
    const bool committed = tx.commit(error);
    faultPoint("finish:after-commit");
    return committed;
}

bool HistoryStore::failAnalysis(qint64 id, const QString &status, const QString &message, QString *error)
{
    if (!m_file.stillAtPath(error)) {
        releaseClaim(id);
        return false;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE analyses SET status = ?, finished = ?, error = ? WHERE id = ?"));
    q.addBindValue(status);
    q.addBindValue(historysql::now());
    q.addBindValue(message);
    q.addBindValue(id);
    const bool ok = q.exec();
    releaseClaim(id); // after the row says so: nobody takes it for abandoned meanwhile
    if (!ok) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

} // namespace packetlens
