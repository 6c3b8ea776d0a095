// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../report/report.h"
#include "databaseidentity.h"
#include "databaselocation.h"
#include "historysql.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace packetlens {

// The analysis history through Qt SQL: an SQLite file (QSQLITE, the
// embedded default) or a PostgreSQL database shared by a team (QPSQL), named
// by a DatabaseLocation (a path or a postgresql:// URI). One object per
// thread: each opens its own connection (Qt 6.4 forbids sharing one across
// threads). SQLite: WAL, synchronous=FULL, a busy timeout, write transactions
// begun IMMEDIATE. Both: one versioned schema migrated forward
// (historyschema.h); a corrupt or foreign database is reported and never
// overwritten. The SQL lives in src/core/history only.
class HistoryStore
{
public:
    static constexpr int kSchemaVersion = 2;
    static constexpr int kApplicationId = 0x504c4e53; // SQLite's PRAGMA application_id: "PLNS"
    // An analysis owned by a process on another machine is taken for
    // abandoned when its heartbeat (written with its progress, at least every
    // kHeartbeatSeconds) is older than this.
    static constexpr int kHeartbeatSeconds = 30;
    static constexpr int kDefaultGraceSeconds = 300;

    // `location`: a file path or a postgresql:// URI (DatabaseLocation).
    explicit HistoryStore(const QString &location);
    ~HistoryStore();
    HistoryStore(const HistoryStore &) = delete;
    HistoryStore &operator=(const HistoryStore &) = delete;

    bool open(QString *error);
    // What open() changed on its own (permissions tightened); for the face to show.
    QStringList warnings() const { return m_warnings; }
    QString path() const { return m_path; } // the location as given (never holds a password)
    bool isPostgres() const { return m_location.isPostgres(); }
    // False once the connection is gone (QPSQL: the server closed it; SQLite:
    // the database file was deleted or replaced): the face connects again.
    bool isOpen() const { return m_db.isOpen() && m_file.stillAtPath(); }
    static QString defaultPath(); // QStandardPaths::AppDataLocation/history.sqlite

    struct CaptureInfo
    {
        QString sha256, name, format, location;
        qint64 sizeBytes = 0;
        bool stored = false; // bytes kept content-addressed by PacketLens
    };
    // Returns the capture's id (existing row for the same sha256, whose name
    // and location become these unless its bytes are stored).
    qint64 upsertCapture(const CaptureInfo &c, QString *error);
    qint64 beginAnalysis(qint64 captureId, const QString &engineVersion, const QString &settingsHash, QString *error);
    bool setProgress(qint64 analysisId, double progress);
    bool finishAnalysis(qint64 analysisId, const Report &report, QString *error);
    bool failAnalysis(qint64 analysisId, const QString &status, const QString &message, QString *error);

    // The cache lookup and the claim of an analysis in one write transaction,
    // so that many processes on one history analyze and store each capture
    // once: the capture's row is upserted (and locked); a done analysis with
    // this engine and settings is Cached (unless `refresh`); a running one
    // whose owner is alive (another process, on this machine or, by its
    // heartbeat, on another; or another thread of this process) is Busy:
    // wait and claim again; otherwise a running row owned by this process is
    // inserted and Claimed.
    struct Claim
    {
        enum class Kind { Claimed, Cached, Busy, Failed };
        Kind kind = Kind::Failed;
        qint64 captureId = -1;
        qint64 analysisId = -1;      // Claimed: ours; Cached: the done one; Busy: the other owner's
        std::optional<Report> report; // Cached
    };
    Claim claimAnalysis(const CaptureInfo &c, const QString &engineVersion, const QString &settingsHash, bool refresh,
                        QString *error);
    // The status of an analysis ("running", "done", …); "" when there is none.
    QString statusOf(qint64 analysisId);

    // A finished analysis of the same bytes with the same engine and settings.
    std::optional<Report> cachedReport(const QString &sha256, const QString &engineVersion,
                                            const QString &settingsHash, qint64 *analysisId = nullptr);
    // The SHA-256 of the capture recorded at this path when its size matches
    // and it was last seen after the file's modification time; "" otherwise.
    QString knownSha256(const QString &location, qint64 sizeBytes, const QDateTime &modified);
    // Analyses left running by a process that is gone become interrupted;
    // those of live processes (this one included) are never touched. Returns
    // how many were marked.
    int recoverInterrupted(int graceSeconds = kDefaultGraceSeconds);

    QJsonArray list(int limit = 50, int offset = 0);
    std::optional<QJsonObject> show(qint64 analysisId, bool withReport = true);
    bool remove(qint64 analysisId, QString *error);
    // `error`, when given, gets the first failure (the object is then partial).
    QJsonObject stats(int top = 10, QString *error = nullptr);
    // "ok" or SQLite's complaint; quick: PRAGMA quick_check (run at app
    // start). PostgreSQL keeps its own files sound: "ok" when it answers.
    QString integrityCheck(bool quick = false);
    // Frees what SQLite holds for this connection that it can (its page
    // cache): a long-lived worker calls it when it falls idle.
    void releaseMemory();

    // Fault tests only: called at named points inside writes
    // ("finish:before-commit", "finish:after-commit"; "claim:busy" when a
    // claim found another live owner's analysis); a test's helper process
    // kills itself there, a test waits for it.
    static void setFaultHookForTesting(std::function<void(const char *)> hook);

private:
    static void faultPoint(const char *where);
    friend class CaptureStore; // captures' rows and content-addressed bytes (capturestore.h)
    bool exec(const QString &sql, QString *error);
    bool openSqlite(QString *error);
    bool openPostgres(QString *error);
    bool migrateFrom(QString *error);
    // Rows left running by owners that are gone (recoverInterrupted) and the
    // Busy test of claimAnalysis judge an owner the same way.
    bool ownerGone(const QVariant &host, const QVariant &pid, const QVariant &start, const QVariant &beat, int graceSeconds) const;
    // Analyses claimed through this object and not yet finished or failed.
    void releaseClaim(qint64 id);
    bool inProgressHere(qint64 id) const;

    QString m_path;
    DatabaseLocation m_location;
    historysql::Dialect m_sql;
    QString m_connection;
    QSqlDatabase m_db;
    DatabaseIdentity m_file; // SQLite
    QStringList m_warnings;
    QSet<qint64> m_claims;
};

QString settingsHash(const QJsonObject &settings);

} // namespace packetlens
