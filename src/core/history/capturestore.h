// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../capture/captureformat.h"
#include "../report/report.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

class QFile;
class QMutex;

namespace packetlens {

class HistoryStore;
class Sha256;

// Captures received over the network, kept content-addressed under a storage
// folder (<AppData>/captures by default; with a history on PostgreSQL, the
// folder the servers share, `--storage`): <root>/ab/<sha256>/<name>, one
// folder per distinct content, never in the database; and the history's view
// of captures (stored ones and local files registered by reference). The SQL
// lives in src/core/history (capturerows.cpp); callers (the REST server)
// never talk SQL.
class CaptureStore
{
public:
    explicit CaptureStore(const QString &root = defaultRoot());
    static QString defaultRoot(); // QStandardPaths::AppDataLocation/captures
    QString root() const { return m_root; }

    // The first bytes of a capture: the format when they hold a complete file
    // header of one (pcap, pcapng, gzip, zip), Unknown with the reason otherwise.
    // A file name safe to create: no folders, no control characters, not empty.
    static QString safeName(const QString &name, CaptureFormat format);
    // file_id of the REST API: the first 16 hex digits of the SHA-256.
    static QString fileId(const QString &sha256) { return sha256.left(16); }

    struct Stored
    {
        QString sha256, path, name;
        CaptureFormat format = CaptureFormat::Unknown;
        qint64 sizeBytes = 0;
        bool existed = false; // the same bytes were stored before
    };
    enum class WriteError { None, Io, Empty, NotACapture };

    // Streams bytes into a temporary file in the storage folder while hashing
    // them; finish() checks the content and moves it to its content address.
    // A writer not finished (or failing) leaves nothing behind.
    class Writer
    {
    public:
        ~Writer();
        Writer(const Writer &) = delete;
        Writer &operator=(const Writer &) = delete;
        bool write(const char *data, qint64 n, QString *error);
        bool finish(const QString &name, Stored *out, WriteError *kind, QString *error);

    private:
        friend class CaptureStore;
        Writer(const QString &root, const QString &tempPath, std::unique_ptr<QFile> file);
        void discard();
        QString m_root;
        QString m_tempPath; // .upload-* in the storage folder, locked while written
        std::unique_ptr<QFile> m_file;
        qint64 m_size = 0;
        QByteArray m_head; // first bytes, for sniffCapture()
        std::unique_ptr<Sha256> m_hash;
    };
    std::unique_ptr<Writer> beginWrite(QString *error) const;
    // Removes temporary upload files whose writer is gone (a server that was
    // killed); files being written by a live process are left. Returns how many.
    int removeStaleUploads(QStringList *warnings) const;

    // History rows (the thread's own HistoryStore).
    struct Record
    {
        qint64 id = -1;
        QString sha256, name, format, location, firstSeen, lastSeen, status; // status: latest analysis or ""
        qint64 sizeBytes = 0;
        bool stored = false;
    };
    // Records stored bytes (stored=1). Existing rows keep their name; a row that
    // referenced a local file now points at the stored copy.
    static qint64 recordStored(HistoryStore &store, const Stored &s, bool *existed, QString *error);
    // Records a local file by reference (stored=0); a capture already stored keeps its copy.
    static qint64 recordReference(HistoryStore &store, const QString &sha256, const QString &path, qint64 size,
                                  CaptureFormat format, bool *existed, QString *error);
    static std::optional<Record> find(HistoryStore &store, const QString &fileId);
    static QList<Record> list(HistoryStore &store, int limit, int offset, qint64 *total);

    struct AnalysisRow
    {
        qint64 id = -1;
        QString status, error;
        std::optional<Report> report; // when asked for and done
    };
    // The analysis of a capture with this engine and settings: the latest done
    // one, else the latest of any status.
    static std::optional<AnalysisRow> latestAnalysis(HistoryStore &store, qint64 captureId, const QString &engineVersion,
                                                     const QString &settingsHash, bool withReport);
    // One capture of a container (a zip may hold several; a plain capture is
    // its own single entry).
    struct Entry
    {
        qint64 analysisId = -1;
        QString fileName; // as the report names it, e.g. "traces.zip/b.pcap"
        qint64 packets = 0, findings = 0;
        QString maxSeverity;
    };
    // The captures the latest analyses with this engine and settings cover:
    // the latest done analysis of each entry, in the order they were analyzed.
    static QList<Entry> entries(HistoryStore &store, qint64 captureId, const QString &engineVersion,
                                const QString &settingsHash);
    // A done analysis of this capture by its id (with its report).
    static std::optional<AnalysisRow> analysisOf(HistoryStore &store, qint64 captureId, qint64 analysisId);

    // Where a capture's bytes are read: a stored capture at its content
    // address under this store's root (servers sharing one storage folder may
    // mount it at different paths), a referenced one where it was recorded.
    QString pathOf(const Record &record) const;

    // Deletes the capture's rows (analyses and findings with them) and, for a
    // stored capture, its bytes. A referenced local file is never touched.
    bool remove(HistoryStore &store, const Record &record, QString *error) const;

private:
    static QString folderOf(const QString &root, const QString &sha256);
    static QMutex &placeMutex();
    static bool removeRow(HistoryStore &store, qint64 captureId, QString *error);
    QString m_root;
};

} // namespace packetlens
