#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>

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
    static constexpr int kSchemaVersion = 1;

    explicit HistoryStore(const QString &path);
    ~HistoryStore();
    HistoryStore(const HistoryStore &) = delete;
    HistoryStore &operator=(const HistoryStore &) = delete;

    bool open(QString *error);
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
    bool finishAnalysis(qint64 analysisId, const QJsonObject &report, QString *error);
    bool failAnalysis(qint64 analysisId, const QString &status, const QString &message, QString *error);

    // A finished analysis of the same bytes with the same engine and settings.
    std::optional<QJsonObject> cachedReport(const QString &sha256, const QString &engineVersion,
                                            const QString &settingsHash, qint64 *analysisId = nullptr);
    // The SHA-256 of the capture recorded at this path when its size matches
    // and it was last seen after the file's modification time; "" otherwise.
    QString knownSha256(const QString &location, qint64 sizeBytes, const QDateTime &modified);
    // Analyses left running by a crash become interrupted; returns how many.
    int recoverInterrupted();

    QJsonArray list(int limit = 50, int offset = 0);
    std::optional<QJsonObject> show(qint64 analysisId, bool withReport = true);
    bool remove(qint64 analysisId, QString *error);
    QJsonObject stats(int top = 10);
    // "ok" or SQLite's complaint; quick: PRAGMA quick_check (run at app start)
    QString integrityCheck(bool quick = false);
    // Frees what SQLite holds for this connection that it can (its page
    // cache): a long-lived worker calls it when it falls idle.
    void releaseMemory();

private:
    friend class CaptureStore; // captures' rows and content-addressed bytes (capturestore.h)
    bool exec(const QString &sql, QString *error);
    bool migrate(int from, QString *error);

    QString m_path;
    QString m_connection;
    QSqlDatabase m_db;
};

QString settingsHash(const QJsonObject &settings);

} // namespace packetlens
