#include "historystore.h"

#include "../report/reportjson.h"
#include "../report/reportsummary.h"
#include "../report/timeformat.h"
#include "../util/databasefiles.h"
#include "../util/privatefiles.h"
#include "../util/processidentity.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QMutex>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>

#include <algorithm>
#include <atomic>

namespace packetlens {

namespace {
std::atomic<int> g_connections{0};

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

// Each schema version's DDL; migrate() applies them in order.
const char *const kMigrations[] = {
    // 0 -> 1
    "CREATE TABLE captures ("
    " id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, name TEXT NOT NULL, size_bytes INTEGER,"
    " format TEXT, location TEXT, stored INTEGER NOT NULL DEFAULT 0, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL);"
    "CREATE TABLE analyses ("
    " id INTEGER PRIMARY KEY, capture_id INTEGER NOT NULL REFERENCES captures(id) ON DELETE CASCADE,"
    " engine_version TEXT NOT NULL, settings_hash TEXT NOT NULL,"
    " status TEXT NOT NULL CHECK (status IN ('queued','running','done','failed','cancelled','interrupted')),"
    " progress REAL NOT NULL DEFAULT 0, started TEXT, finished TEXT, error TEXT,"
    " packets INTEGER, bytes INTEGER, findings INTEGER, max_severity TEXT, report TEXT);"
    "CREATE INDEX analyses_capture ON analyses(capture_id);"
    "CREATE INDEX analyses_status ON analyses(status);"
    "CREATE TABLE findings ("
    " id INTEGER PRIMARY KEY, analysis_id INTEGER NOT NULL REFERENCES analyses(id) ON DELETE CASCADE,"
    " fid TEXT NOT NULL, category TEXT NOT NULL, severity TEXT NOT NULL, severity_rank INTEGER NOT NULL,"
    " source TEXT, summary TEXT, first_ts TEXT);"
    "CREATE INDEX findings_category ON findings(category);"
    "CREATE INDEX findings_severity ON findings(severity_rank);"
    "CREATE INDEX findings_source ON findings(source);"
    "CREATE INDEX findings_analysis ON findings(analysis_id);",
    // 1 -> 2: who runs an analysis (host, pid, start token) and when it last
    // said so, so that only analyses of dead processes are marked interrupted.
    "ALTER TABLE analyses ADD COLUMN owner_host TEXT;"
    "ALTER TABLE analyses ADD COLUMN owner_pid INTEGER;"
    "ALTER TABLE analyses ADD COLUMN owner_start TEXT;"
    "ALTER TABLE analyses ADD COLUMN heartbeat TEXT;",
};
} // namespace

QString settingsHash(const QJsonObject &settings)
{
    return QString::fromLatin1(QCryptographicHash::hash(QJsonDocument(settings).toJson(QJsonDocument::Compact),
                                                        QCryptographicHash::Sha256).toHex().left(16));
}

HistoryStore::HistoryStore(const QString &path)
    : m_path(path),
      m_connection(QStringLiteral("packetlens-history-%1").arg(g_connections.fetch_add(1)))
{
}

HistoryStore::~HistoryStore()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

QString HistoryStore::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("history.sqlite"));
}

bool HistoryStore::exec(const QString &sql, QString *error)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql)) {
        if (error)
            *error = q.lastError().text();
        return false;
    }
    return true;
}

bool HistoryStore::migrate(int from, QString *error)
{
    for (int v = from; v < kSchemaVersion; ++v) {
        if (!exec(QStringLiteral("BEGIN IMMEDIATE"), error))
            return false;
        // Another process may have migrated between our read and this lock.
        QSqlQuery q(m_db);
        const int now = q.exec(QStringLiteral("PRAGMA user_version")) && q.next() ? q.value(0).toInt() : v;
        q.finish();
        if (now > v) {
            if (!exec(QStringLiteral("COMMIT"), error))
                return false;
            v = now - 1;
            continue;
        }
        for (const QString &stmt : QString::fromLatin1(kMigrations[v]).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            if (!exec(stmt, error)) {
                exec(QStringLiteral("ROLLBACK"), nullptr);
                return false;
            }
        }
        if (!exec(QStringLiteral("PRAGMA user_version = %1").arg(v + 1), error)
            || !exec(QStringLiteral("PRAGMA application_id = %1").arg(kApplicationId), error)
            || !exec(QStringLiteral("COMMIT"), error)) {
            exec(QStringLiteral("ROLLBACK"), nullptr);
            return false;
        }
    }
    return true;
}

namespace {
std::function<void(const char *)> g_faultHook;
} // namespace

void HistoryStore::setFaultHookForTesting(std::function<void(const char *)> hook)
{
    g_faultHook = std::move(hook);
}

void HistoryStore::faultPoint(const char *where)
{
    if (g_faultHook)
        g_faultHook(where);
}

namespace {
// Paths whose file this process has checked (quick_check) since it started:
// later connections of the same process skip the full read.
QMutex g_checkedMutex;
QSet<QString> g_checked;

bool isNotADatabase(const QSqlError &e)
{
    return e.nativeErrorCode() == QLatin1String("26"); // SQLITE_NOTADB
}
} // namespace

bool HistoryStore::open(QString *error)
{
    // The file is only ever opened by SQLite. Opening it here to peek at its
    // header and closing it again would drop every POSIX lock this process
    // holds on it (SQLite's too): another process then takes itself for the
    // last connection and deletes the WAL under ours. Permissions are set by
    // path (mkdir, chmod) or on a file created here (O_EXCL), never by a
    // descriptor of an existing database.
    m_warnings.clear();
    const QFileInfo fi(m_path);
    const bool ownFolder = fi.absolutePath() == QFileInfo(defaultPath()).absolutePath();
    if (!PrivateFiles::makeFolder(fi.absolutePath(), ownFolder, &m_warnings, error))
        return false;
    if (!PrivateFiles::createFile(m_path, error))
        return false;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        PrivateFiles::tightenFile(m_path + suffix, &m_warnings);

    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!m_db.open()) {
        *error = QStringLiteral("cannot open %1: %2").arg(m_path, m_db.lastError().text());
        return false;
    }
    QSqlQuery q(m_db);
    // The first read of the file: SQLite itself says whether it is a database.
    if (!q.exec(QStringLiteral("PRAGMA application_id")) || !q.next()) {
        *error = isNotADatabase(q.lastError())
                     ? QStringLiteral("%1 is not an SQLite database; it was left untouched").arg(m_path)
                     : QStringLiteral("cannot read %1: %2").arg(m_path, q.lastError().text());
        return false;
    }
    const int appId = q.value(0).toInt();
    const QString key = fi.absoluteFilePath();
    bool checked = false;
    {
        QMutexLocker lock(&g_checkedMutex);
        checked = g_checked.contains(key);
    }
    if (!checked) {
        if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next() || q.value(0).toString() != QLatin1String("ok")) {
            *error = QStringLiteral("%1 is corrupt (%2); it was left untouched").arg(m_path, q.isActive() ? q.value(0).toString() : q.lastError().text());
            return false;
        }
    }
    q.exec(QStringLiteral("PRAGMA user_version"));
    const int version = q.next() ? q.value(0).toInt() : 0;
    q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master"));
    const int objects = q.next() ? q.value(0).toInt() : 0;
    q.finish(); // an unfinished statement holds a read transaction
    if (appId != kApplicationId && (objects > 0 || appId != 0)) {
        *error = QStringLiteral("%1 is an SQLite database of another program; it was left untouched").arg(m_path);
        return false;
    }
    if (version > kSchemaVersion) {
        *error = QStringLiteral("%1 was written by a newer PacketLens (schema %2, this one knows %3)").arg(m_path).arg(version).arg(kSchemaVersion);
        return false;
    }
    if (!exec(QStringLiteral("PRAGMA journal_mode=WAL"), error) || !exec(QStringLiteral("PRAGMA synchronous=FULL"), error)
        || !exec(QStringLiteral("PRAGMA foreign_keys=ON"), error) || !migrate(version, error))
        return false;
    DatabaseFiles::add(m_path);
    QMutexLocker lock(&g_checkedMutex);
    g_checked.insert(key);
    return true;
}

qint64 HistoryStore::upsertCapture(const CaptureInfo &c, QString *error)
{
    if (!exec(QStringLiteral("BEGIN IMMEDIATE"), error))
        return -1;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO captures (sha256, name, size_bytes, format, location, stored, first_seen, last_seen)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                             " ON CONFLICT(sha256) DO UPDATE SET last_seen = excluded.last_seen, name = excluded.name,"
                             " location = coalesce(excluded.location, location)"));
    const QString t = now();
    q.addBindValue(c.sha256);
    q.addBindValue(c.name);
    q.addBindValue(c.sizeBytes);
    q.addBindValue(c.format);
    q.addBindValue(c.location);
    q.addBindValue(c.stored ? 1 : 0);
    q.addBindValue(t);
    q.addBindValue(t);
    if (!q.exec()) {
        *error = q.lastError().text();
        exec(QStringLiteral("ROLLBACK"), nullptr);
        return -1;
    }
    q.prepare(QStringLiteral("SELECT id FROM captures WHERE sha256 = ?"));
    q.addBindValue(c.sha256);
    if (!q.exec() || !q.next() || !exec(QStringLiteral("COMMIT"), error)) {
        exec(QStringLiteral("ROLLBACK"), nullptr);
        return -1;
    }
    return q.value(0).toLongLong();
}

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

qint64 HistoryStore::beginAnalysis(qint64 captureId, const QString &engineVersion, const QString &hash, QString *error)
{
    const ProcessIdentity &me = ProcessIdentity::self();
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO analyses (capture_id, engine_version, settings_hash, status, started,"
                             " owner_host, owner_pid, owner_start, heartbeat) VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?)"));
    const QString t = now();
    q.addBindValue(captureId);
    q.addBindValue(engineVersion);
    q.addBindValue(hash);
    q.addBindValue(t);
    q.addBindValue(me.host);
    q.addBindValue(me.pid);
    q.addBindValue(me.start);
    q.addBindValue(t);
    if (!q.exec()) {
        *error = q.lastError().text();
        return -1;
    }
    return q.lastInsertId().toLongLong();
}

bool HistoryStore::setProgress(qint64 id, double progress)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE analyses SET progress = ?, heartbeat = ? WHERE id = ?"));
    q.addBindValue(progress);
    q.addBindValue(now());
    q.addBindValue(id);
    return q.exec();
}

bool HistoryStore::finishAnalysis(qint64 id, const Report &report, QString *error)
{
    const ReportSummary summary = ReportSummary::of(report);
    const CaptureSection &cap = report.capture;
    if (!exec(QStringLiteral("BEGIN IMMEDIATE"), error))
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE analyses SET status = 'done', progress = 1, finished = ?, packets = ?, bytes = ?,"
                             " findings = ?, max_severity = ?, report = ? WHERE id = ?"));
    q.addBindValue(now());
    q.addBindValue(cap.packets);
    q.addBindValue(cap.bytes);
    q.addBindValue(summary.findings);
    q.addBindValue(summary.maxSeverity ? QVariant(severityName(*summary.maxSeverity)) : QVariant());
    q.addBindValue(QString::fromUtf8(ReportJson::toBytes(report)));
    q.addBindValue(id);
    bool ok = q.exec();
    if (ok) { // the capture's format is known once it has been read
        QSqlQuery c(m_db);
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
    if (!ok) {
        *error = q.lastError().isValid() ? q.lastError().text() : f.lastError().text();
        exec(QStringLiteral("ROLLBACK"), nullptr);
        return false;
    }
    faultPoint("finish:before-commit");
    const bool committed = exec(QStringLiteral("COMMIT"), error);
    faultPoint("finish:after-commit");
    return committed;
}

bool HistoryStore::failAnalysis(qint64 id, const QString &status, const QString &message, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE analyses SET status = ?, finished = ?, error = ? WHERE id = ?"));
    q.addBindValue(status);
    q.addBindValue(now());
    q.addBindValue(message);
    q.addBindValue(id);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
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

int HistoryStore::recoverInterrupted(int graceSeconds)
{
    // Only analyses whose owner is gone: on this machine (same boot) the
    // owner's pid and start time say so; elsewhere, a heartbeat older than
    // the grace period. Rows written before owners were recorded (schema 1)
    // have no owner and count as left by a crash.
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT id, owner_host, owner_pid, owner_start, coalesce(heartbeat, started) FROM analyses"
                               " WHERE status IN ('running', 'queued')")))
        return 0;
    const QDateTime cutoff = QDateTime::currentDateTimeUtc().addSecs(-graceSeconds);
    QList<qint64> dead;
    while (q.next()) {
        if (q.value(1).isNull()) {
            dead << q.value(0).toLongLong();
            continue;
        }
        switch (ProcessIdentity::liveness(q.value(1).toString(), q.value(2).toLongLong(), q.value(3).toString())) {
        case ProcessIdentity::Liveness::Alive:
            break;
        case ProcessIdentity::Liveness::Dead:
            dead << q.value(0).toLongLong();
            break;
        case ProcessIdentity::Liveness::Unknown: {
            const QDateTime beat = QDateTime::fromString(q.value(4).toString(), Qt::ISODateWithMs);
            if (!beat.isValid() || beat < cutoff)
                dead << q.value(0).toLongLong();
            break;
        }
        }
    }
    q.finish();
    int marked = 0;
    QSqlQuery u(m_db);
    u.prepare(QStringLiteral("UPDATE analyses SET status = 'interrupted', finished = ?,"
                             " error = 'PacketLens stopped while this analysis was running'"
                             " WHERE id = ? AND status IN ('running', 'queued')"));
    for (qint64 id : std::as_const(dead)) {
        u.addBindValue(now());
        u.addBindValue(id);
        if (u.exec())
            marked += u.numRowsAffected();
    }
    return marked;
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
    if (!exec(QStringLiteral("BEGIN IMMEDIATE"), error))
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM analyses WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || q.numRowsAffected() != 1) {
        *error = q.lastError().isValid() ? q.lastError().text() : QStringLiteral("no analysis %1").arg(id);
        exec(QStringLiteral("ROLLBACK"), nullptr);
        return false;
    }
    // Captures without analyses go too.
    exec(QStringLiteral("DELETE FROM captures WHERE id NOT IN (SELECT capture_id FROM analyses)"), nullptr);
    return exec(QStringLiteral("COMMIT"), error);
}

QJsonObject HistoryStore::stats(int top)
{
    QJsonObject out;
    QSqlQuery q(m_db);
    // Totals over the latest finished analysis of each capture.
    q.exec(QStringLiteral("SELECT count(*), coalesce(sum(packets), 0), coalesce(sum(bytes), 0) FROM analyses"
                          " WHERE id IN (SELECT max(id) FROM analyses WHERE status = 'done' GROUP BY capture_id)"));
    if (q.next()) {
        out.insert(QStringLiteral("captures"), q.value(0).toLongLong());
        out.insert(QStringLiteral("packets"), q.value(1).toLongLong());
        out.insert(QStringLiteral("bytes"), q.value(2).toLongLong());
    }
    q.exec(QStringLiteral("SELECT count(*) FROM analyses"));
    out.insert(QStringLiteral("analyses"), q.next() ? q.value(0).toLongLong() : 0);
    const QString latest = QStringLiteral("(SELECT max(id) FROM analyses WHERE status = 'done' GROUP BY capture_id)");
    QJsonObject bySeverity, byCategory;
    q.exec(QStringLiteral("SELECT severity, count(*) FROM findings WHERE analysis_id IN %1 GROUP BY severity").arg(latest));
    while (q.next())
        bySeverity.insert(q.value(0).toString(), q.value(1).toLongLong());
    q.exec(QStringLiteral("SELECT category, count(*) FROM findings WHERE analysis_id IN %1 GROUP BY category ORDER BY 2 DESC").arg(latest));
    while (q.next())
        byCategory.insert(q.value(0).toString(), q.value(1).toLongLong());
    out.insert(QStringLiteral("findings_by_severity"), bySeverity);
    out.insert(QStringLiteral("findings_by_category"), byCategory);
    QJsonArray ips;
    q.prepare(QStringLiteral("SELECT f.source, count(DISTINCT a.capture_id), count(*), max(f.severity_rank),"
                             " group_concat(DISTINCT f.category) FROM findings f JOIN analyses a ON a.id = f.analysis_id"
                             " WHERE f.analysis_id IN %1 AND f.source <> '' AND f.source <> 'unknown'"
                             " AND f.source NOT GLOB '[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]:[0-9a-f][0-9a-f]'"
                             " GROUP BY f.source ORDER BY 4 DESC, 2 DESC, 3 DESC LIMIT ?").arg(latest));
    q.addBindValue(top);
    q.exec();
    while (q.next()) {
        ips.append(QJsonObject{{QStringLiteral("ip"), q.value(0).toString()},
                               {QStringLiteral("captures"), q.value(1).toLongLong()},
                               {QStringLiteral("findings"), q.value(2).toLongLong()},
                               {QStringLiteral("max_severity"), severityName(Severity(std::clamp(q.value(3).toInt(), 0, kSeverityCount - 1)))},
                               {QStringLiteral("categories"), QJsonArray::fromStringList(q.value(4).toString().split(QLatin1Char(',')))}});
    }
    out.insert(QStringLiteral("top_suspicious_ips"), ips);
    out.insert(QStringLiteral("recent_analyses"), list(top, 0));
    return out;
}

QString HistoryStore::integrityCheck(bool quick)
{
    QSqlQuery q(m_db);
    if (!q.exec(quick ? QStringLiteral("PRAGMA quick_check") : QStringLiteral("PRAGMA integrity_check")) || !q.next())
        return q.lastError().text();
    return q.value(0).toString();
}

void HistoryStore::releaseMemory()
{
    if (!m_db.isOpen())
        return;
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("PRAGMA shrink_memory"));
}

} // namespace packetlens
