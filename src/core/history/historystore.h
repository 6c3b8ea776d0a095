#pragma once

#include "../report/report.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace packetlens {

// The analysis history in SQLite (Qt SQL, QSQLITE). One object per thread:
// each opens its own connection (Qt 6.4 forbids sharing one across threads).
// WAL, synchronous=FULL, a busy timeout, write transactions begun IMMEDIATE;
// the schema is versioned with PRAGMA user_version and migrated forward.
// A corrupt or foreign database file is reported and never overwritten.
class HistoryStore
{
public:
    static constexpr int kSchemaVersion = 2;
    static constexpr int kApplicationId = 0x504c4e53; // PRAGMA application_id: "PLNS"
    // An analysis owned by a process on another machine is taken for
    // abandoned when its heartbeat (written with its progress, at least every
    // kHeartbeatSeconds) is older than this.
    static constexpr int kHeartbeatSeconds = 30;
    static constexpr int kDefaultGraceSeconds = 300;

    explicit HistoryStore(const QString &path);
    ~HistoryStore();
    HistoryStore(const HistoryStore &) = delete;
    HistoryStore &operator=(const HistoryStore &) = delete;

    bool open(QString *error);
    // What open() changed on its own (permissions tightened); for the face to show.
    QStringList warnings() const { return m_warnings; }
    QString path() const { return m_path; }
    static QString defaultPath(); // QStandardPaths::AppDataLocation/history.sqlite

    struct CaptureInfo
    {
        QString sha256, name, format, location;
        qint64 sizeBytes = 0;
        bool stored = false; // bytes kept content-addressed by PacketLens
    };
    // Returns the capture's id (existing row for the same sha256).
    qint64 upsertCapture(const CaptureInfo &c, QString *error);
    qint64 beginAnalysis(qint64 captureId, const QString &engineVersion, const QString &settingsHash, QString *error);
    bool setProgress(qint64 analysisId, double progress);
    bool finishAnalysis(qint64 analysisId, const Report &report, QString *error);
    bool failAnalysis(qint64 analysisId, const QString &status, const QString &message, QString *error);

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
    QJsonObject stats(int top = 10);
    // "ok" or SQLite's complaint; quick: PRAGMA quick_check (run at app start)
    QString integrityCheck(bool quick = false);
    // Frees what SQLite holds for this connection that it can (its page
    // cache): a long-lived worker calls it when it falls idle.
    void releaseMemory();

    // Fault tests only: called at named points inside writes
    // ("finish:before-commit", "finish:after-commit"); a test's helper
    // process kills itself there.
    static void setFaultHookForTesting(std::function<void(const char *)> hook);

private:
    static void faultPoint(const char *where);
    friend class CaptureStore; // captures' rows and content-addressed bytes (capturestore.h)
    bool exec(const QString &sql, QString *error);
    bool migrate(int from, QString *error);

    QString m_path;
    QString m_connection;
    QSqlDatabase m_db;
    QStringList m_warnings;
};

QString settingsHash(const QJsonObject &settings);

} // namespace packetlens
