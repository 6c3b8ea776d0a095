#include "capturestore.h"

#include "historystore.h"

#include "../report/reportjson.h"
#include "../util/privatefiles.h"
#include "../util/sha256.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

#include <algorithm>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace packetlens {

namespace {
constexpr qint64 kSniffBytes = 64;
QMutex g_placeMutex; // two identical uploads finishing at once end in one folder

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

uint32_t read32(const char *p, bool bigEndian)
{
    const auto *u = reinterpret_cast<const uint8_t *>(p);
    return bigEndian ? uint32_t(u[0]) << 24 | uint32_t(u[1]) << 16 | uint32_t(u[2]) << 8 | u[3]
                     : uint32_t(u[3]) << 24 | uint32_t(u[2]) << 16 | uint32_t(u[1]) << 8 | u[0];
}

QString folderOf(const QString &root, const QString &sha256)
{
    return QDir(root).filePath(sha256.left(2) + QLatin1Char('/') + sha256);
}
} // namespace

CaptureStore::CaptureStore(const QString &root) : m_root(QDir(root).absolutePath())
{
}

QString CaptureStore::defaultRoot()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("captures"));
}

CaptureFormat CaptureStore::sniff(const char *head, qint64 n, QString *why)
{
    const CaptureFormat f = detectFormat(reinterpret_cast<const uint8_t *>(head), size_t(std::max<qint64>(n, 0)));
    auto cut = [&](const char *what, int need) {
        *why = QStringLiteral("truncated %1 header (%2 of %3 bytes)").arg(QLatin1String(what)).arg(n).arg(need);
        return CaptureFormat::Unknown;
    };
    switch (f) {
    case CaptureFormat::Unknown:
        *why = n == 0 ? QStringLiteral("empty") : QStringLiteral("not a capture (pcap, pcapng, gzip or zip): %1")
                                                       .arg(describeHead(reinterpret_cast<const uint8_t *>(head), size_t(n)));
        return f;
    case CaptureFormat::Pcap:
        return n < 24 ? cut("pcap", 24) : f;
    case CaptureFormat::Pcapng: {
        if (n < 28)
            return cut("pcapng", 28);
        const bool big = read32(head + 8, true) == 0x1a2b3c4d;
        if (!big && read32(head + 8, false) != 0x1a2b3c4d) {
            *why = QStringLiteral("pcapng section header without its byte-order magic");
            return CaptureFormat::Unknown;
        }
        const uint32_t len = read32(head + 4, big);
        if (len < 28 || len % 4 != 0) {
            *why = QStringLiteral("pcapng section header with a bad length (%1)").arg(len);
            return CaptureFormat::Unknown;
        }
        return f;
    }
    case CaptureFormat::Gzip:
        return n < 18 ? cut("gzip", 18) : f;
    case CaptureFormat::Zip:
        return n < 22 ? cut("zip", 22) : f;
    }
    return CaptureFormat::Unknown;
}

QString CaptureStore::formatName(CaptureFormat f)
{
    switch (f) {
    case CaptureFormat::Pcap: return QStringLiteral("pcap");
    case CaptureFormat::Pcapng: return QStringLiteral("pcapng");
    case CaptureFormat::Gzip: return QStringLiteral("gzip");
    case CaptureFormat::Zip: return QStringLiteral("zip");
    case CaptureFormat::Unknown: break;
    }
    return {};
}

QString CaptureStore::safeName(const QString &name, CaptureFormat format)
{
    QString base = name.section(QLatin1Char('/'), -1).section(QLatin1Char('\\'), -1);
    QString out;
    for (const QChar c : std::as_const(base))
        if (c.isPrint() && c != QLatin1Char(':'))
            out += c;
    out = out.trimmed().left(120);
    while (out.startsWith(QLatin1Char('.')))
        out.remove(0, 1);
    if (out.isEmpty()) {
        static const char *const ext[] = {"", ".pcap", ".pcapng", ".gz", ".zip"};
        out = QStringLiteral("upload") + QLatin1String(ext[int(format)]);
    }
    return out;
}

// --- Writer -----------------------------------------------------------------

CaptureStore::Writer::Writer(const QString &root, const QString &tempPath, std::unique_ptr<QFile> file)
    : m_root(root), m_tempPath(tempPath), m_file(std::move(file)), m_hash(std::make_unique<Sha256>())
{
}

CaptureStore::Writer::~Writer()
{
    discard();
}

void CaptureStore::Writer::discard()
{
    if (m_file) {
        ::unlink(QFile::encodeName(m_tempPath).constData()); // while still locked
        m_file->close();
        m_file.reset();
    }
}

std::unique_ptr<CaptureStore::Writer> CaptureStore::beginWrite(QString *error) const
{
    if (!PrivateFiles::makeFolder(m_root, false, nullptr, error))
        return nullptr;
    // Owner-only from the start (0600), and locked while it is written: a
    // server starting later removes only the temporary files nobody holds.
    const QString path = QDir(m_root).filePath(
        QStringLiteral(".upload-%1").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0')));
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 || ::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        *error = QStringLiteral("cannot create a file in %1: %2").arg(m_root, QString::fromLocal8Bit(std::strerror(errno)));
        if (fd >= 0) {
            ::close(fd);
            ::unlink(QFile::encodeName(path).constData());
        }
        return nullptr;
    }
    auto file = std::make_unique<QFile>();
    if (!file->open(fd, QIODevice::WriteOnly | QIODevice::Unbuffered, QFileDevice::AutoCloseHandle)) {
        *error = QStringLiteral("cannot create a file in %1: %2").arg(m_root, file->errorString());
        ::close(fd);
        ::unlink(QFile::encodeName(path).constData());
        return nullptr;
    }
    return std::unique_ptr<Writer>(new Writer(m_root, path, std::move(file)));
}

int CaptureStore::removeStaleUploads(QStringList *warnings) const
{
    // A writer holds its file locked (flock) from the moment it exists; a file
    // that can be locked belongs to a writer that is gone. Files are opened
    // here, never a database: this cannot touch SQLite's locks.
    int removed = 0;
    const QFileInfoList files = QDir(m_root).entryInfoList({QStringLiteral(".upload-*")}, QDir::Files | QDir::Hidden | QDir::System);
    for (const QFileInfo &f : files) {
        const QByteArray name = QFile::encodeName(f.absoluteFilePath());
        const int fd = ::open(name.constData(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0)
            continue;
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::unlink(name.constData()) == 0)
            ++removed;
        ::close(fd);
    }
    if (removed > 0 && warnings)
        *warnings << QStringLiteral("removed %1 unfinished upload(s) left in %2 by a server that stopped").arg(removed).arg(m_root);
    return removed;
}

bool CaptureStore::Writer::write(const char *data, qint64 n, QString *error)
{
    if (!m_file) {
        *error = QStringLiteral("upload already finished");
        return false;
    }
    if (m_head.size() < kSniffBytes)
        m_head.append(data, std::min(n, kSniffBytes - m_head.size()));
    m_hash->update(data, size_t(n));
    qint64 done = 0;
    while (done < n) {
        const qint64 w = m_file->write(data + done, n - done);
        if (w <= 0) {
            *error = QStringLiteral("cannot write the upload: %1").arg(m_file->errorString());
            discard();
            return false;
        }
        done += w;
    }
    m_size += n;
    return true;
}

bool CaptureStore::Writer::finish(const QString &name, Stored *out, WriteError *kind, QString *error)
{
    *kind = WriteError::None;
    if (!m_file) {
        *kind = WriteError::Io;
        *error = QStringLiteral("upload already finished");
        return false;
    }
    if (m_size == 0) {
        discard();
        *kind = WriteError::Empty;
        *error = QStringLiteral("the upload is empty");
        return false;
    }
    QString why;
    const CaptureFormat format = sniff(m_head.constData(), m_head.size(), &why);
    if (format == CaptureFormat::Unknown) {
        discard();
        *kind = WriteError::NotACapture;
        *error = why;
        return false;
    }
    if (::fsync(m_file->handle()) != 0) {
        *kind = WriteError::Io;
        *error = QStringLiteral("cannot write the upload: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        discard();
        return false;
    }
    out->sha256 = m_hash->finalHex();
    out->format = format;
    out->sizeBytes = m_size;
    const QString folder = folderOf(m_root, out->sha256);
    QMutexLocker lock(&g_placeMutex);
    const QStringList existing = QDir(folder).entryList(QDir::Files);
    if (!existing.isEmpty()) { // the same bytes are stored already
        out->existed = true;
        out->name = existing.first();
        out->path = QDir(folder).filePath(out->name);
        discard();
        return true;
    }
    out->name = safeName(name, format);
    out->path = QDir(folder).filePath(out->name);
    // Renamed while still open and locked, so that no cleanup takes it for
    // an abandoned upload in between; closed once it has its final name.
    QString why2;
    if (!PrivateFiles::makeFolder(folder, false, nullptr, &why2)
        || ::rename(QFile::encodeName(m_tempPath).constData(), QFile::encodeName(out->path).constData()) != 0) {
        *kind = WriteError::Io;
        *error = QStringLiteral("cannot store the upload as %1: %2")
                     .arg(out->path, why2.isEmpty() ? QString::fromLocal8Bit(std::strerror(errno)) : why2);
        discard();
        QDir().rmdir(folder);
        return false;
    }
    m_file->close();
    m_file.reset(); // kept
    return true;
}

// --- History rows -----------------------------------------------------------

namespace {
// Inserts or updates a capture row in one IMMEDIATE transaction. onConflict
// decides what an existing row becomes.
qint64 upsert(QSqlDatabase &db, const QString &sha256, const QString &name, qint64 size, const QString &format,
              const QString &location, bool stored, bool *existed, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        *error = q.lastError().text();
        return -1;
    }
    auto fail = [&](const QSqlQuery &bad) {
        *error = bad.lastError().text();
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return qint64(-1);
    };
    q.prepare(QStringLiteral("SELECT id, stored FROM captures WHERE sha256 = ?"));
    q.addBindValue(sha256);
    if (!q.exec())
        return fail(q);
    const QString t = now();
    qint64 id = -1;
    if (q.next()) {
        id = q.value(0).toLongLong();
        const bool wasStored = q.value(1).toInt() != 0;
        QSqlQuery u(db);
        if (stored && !wasStored) { // a referenced file now has a stored copy: use the copy
            u.prepare(QStringLiteral("UPDATE captures SET last_seen = ?, location = ?, stored = 1 WHERE id = ?"));
            u.addBindValue(t);
            u.addBindValue(location);
        } else if (!stored && !wasStored) {
            u.prepare(QStringLiteral("UPDATE captures SET last_seen = ?, location = ? WHERE id = ?"));
            u.addBindValue(t);
            u.addBindValue(location);
        } else {
            u.prepare(QStringLiteral("UPDATE captures SET last_seen = ? WHERE id = ?"));
            u.addBindValue(t);
        }
        u.addBindValue(id);
        if (!u.exec())
            return fail(u);
        if (existed)
            *existed = true;
    } else {
        QSqlQuery i(db);
        i.prepare(QStringLiteral("INSERT INTO captures (sha256, name, size_bytes, format, location, stored, first_seen, last_seen)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        i.addBindValue(sha256);
        i.addBindValue(name);
        i.addBindValue(size);
        i.addBindValue(format);
        i.addBindValue(location);
        i.addBindValue(stored ? 1 : 0);
        i.addBindValue(t);
        i.addBindValue(t);
        if (!i.exec())
            return fail(i);
        id = i.lastInsertId().toLongLong();
        if (existed)
            *existed = false;
    }
    if (!q.exec(QStringLiteral("COMMIT")))
        return fail(q);
    return id;
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
    return upsert(store.m_db, s.sha256, s.name, s.sizeBytes, formatName(s.format), s.path, true, existed, error);
}

qint64 CaptureStore::recordReference(HistoryStore &store, const QString &sha256, const QString &path, qint64 size,
                                     CaptureFormat format, bool *existed, QString *error)
{
    return upsert(store.m_db, sha256, QFileInfo(path).fileName(), size, formatName(format), path, false, existed, error);
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
    // The file name is read by SQLite (json_extract), not by parsing reports here.
    QSqlQuery q(store.m_db);
    q.prepare(QStringLiteral("SELECT id, json_extract(report, '$.capture.file_name'), packets, findings, max_severity,"
                             " json_extract(report, '$.capture.container')"
                             " FROM analyses WHERE capture_id = ? AND engine_version = ? AND settings_hash = ?"
                             " AND status = 'done' ORDER BY id"));
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

bool CaptureStore::remove(HistoryStore &store, const Record &record, QString *error) const
{
    QSqlQuery q(store.m_db);
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        *error = q.lastError().text();
        return false;
    }
    // Findings and analyses go with the capture (ON DELETE CASCADE, foreign_keys=ON).
    q.prepare(QStringLiteral("DELETE FROM captures WHERE id = ?"));
    q.addBindValue(record.id);
    if (!q.exec() || !QSqlQuery(store.m_db).exec(QStringLiteral("COMMIT"))) {
        *error = q.lastError().text();
        QSqlQuery(store.m_db).exec(QStringLiteral("ROLLBACK"));
        return false;
    }
    if (!record.stored)
        return true;
    // Only ever delete inside our own folder, at the capture's content address.
    const QString folder = folderOf(m_root, record.sha256);
    if (QFileInfo(record.location).absolutePath() != QDir(folder).absolutePath())
        return true;
    QMutexLocker lock(&g_placeMutex);
    QFile::remove(record.location);
    QDir().rmdir(folder);
    QDir().rmdir(QFileInfo(folder).absolutePath()); // the two-digit folder, when empty
    return true;
}

} // namespace packetlens
