// SPDX-License-Identifier: GPL-3.0-or-later
#include "captureopener.h"
#include "core/report/errortext.h"

#include "captureformat.h"
#include "mappedpcapngreader.h"
#include "mappedpcapreader.h"
#include "pcapngreader.h"
#include "pcapreader.h"
#include "zipentrysource.h"

#include "../util/databasefiles.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipfileinfo.h>

#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <cstring>

namespace packetlens {

namespace {
constexpr uint16_t kZipMethodAes = 99;
const char *const kFallbackPassword = "infected"; // common for malware sample archives
} // namespace

CaptureOpener::CaptureOpener() = default;
CaptureOpener::~CaptureOpener()
{
    m_pending.reset();
    if (m_zip)
        m_zip->close();
}

bool CaptureOpener::setError(InputError e, const QString &msg)
{
    m_error = e;
    m_errorMessage = msg;
    return false;
}

std::unique_ptr<PacketReader> CaptureOpener::makeReader(std::unique_ptr<BufferedSource> src,
                                                        const QString &what)
{
    const size_t n = src->fill(4);
    if (n == 0) {
        if (src->failed())
            setError(InputError::Unreadable, errorText("error.file.cannot_read", {what, src->error()}));
        else
            setError(InputError::Empty, errorText("error.file.empty", {what}));
        return nullptr;
    }
    const CaptureFormat f = detectFormat(src->peek(), n);
    if (f == CaptureFormat::Pcap) {
        auto reader = std::make_unique<PcapReader>(std::move(src));
        if (!reader->open()) {
            setError(InputError::Corrupt,
                     errorText("error.capture.invalid_pcap_header", {what, reader->openError()}));
            return nullptr;
        }
        return reader;
    }
    if (f == CaptureFormat::Pcapng)
        return std::make_unique<PcapngReader>(std::move(src));
    setError(InputError::NotACapture,
             errorText("error.capture.not_pcap", {what, describeHead(src->peek(), n)}));
    return nullptr;
}

std::unique_ptr<PacketReader> CaptureOpener::openStream(std::unique_ptr<ByteSource> source, const QString &what,
                                                      InputError *error, QString *message)
{
    CaptureOpener opener;
    std::unique_ptr<PacketReader> reader = opener.makeReader(std::make_unique<BufferedSource>(std::move(source)), what);
    *error = opener.m_error;
    *message = opener.m_errorMessage;
    return reader;
}

CaptureProbe CaptureOpener::probe(const QString &path)
{
    CaptureProbe p;
    const QFileInfo fi(path);
    if (!fi.exists() || fi.isDir()) {
        p.error = InputError::Unreadable;
        p.message = fi.exists() ? errorText("error.file.directory", {path}) : errorText("error.file.missing", {path});
        return p;
    }
    if (DatabaseFiles::isInUse(path)) {
        p.error = InputError::NotACapture;
        p.message = DatabaseFiles::refusal(path);
        return p;
    }
    FileSource file;
    if (!file.open(path)) {
        p.error = InputError::Unreadable;
        p.message = errorText("error.file.cannot_open", {path, file.error()});
        return p;
    }
    BufferedSource head(std::make_unique<FileSource>(std::move(file)));
    const size_t n = head.fill(64);
    p.format = sniffCapture(head.peek(), n, &p.message);
    p.head = describeHead(head.peek(), n);
    if (p.format == CaptureFormat::Unknown) {
        p.error = n == 0 ? (head.failed() ? InputError::Unreadable : InputError::Empty) : InputError::NotACapture;
        p.truncatedHeader = n > 0 && detectFormat(head.peek(), n) != CaptureFormat::Unknown;
    }
    return p;
}

bool CaptureOpener::open(const QString &path, const OpenOptions &options)
{
    m_path = path;
    m_options = options;
    const QFileInfo fi(path);
    if (!fi.exists())
        return setError(InputError::Unreadable, errorText("error.file.missing", {path}));
    if (fi.isDir())
        return setError(InputError::Unreadable, errorText("error.file.directory", {path}));
    if (DatabaseFiles::isInUse(path))
        return setError(InputError::NotACapture, DatabaseFiles::refusal(path));
    // A regular file is mapped once and sniffed in the map; the reader (and
    // the file hash) read the same map.
    auto map = std::make_shared<MappedFile>();
    if (map->open(path)) {
        const size_t n = size_t(std::min<uint64_t>(map->size(), 64));
        const CaptureFormat f = detectFormat(map->data(), n);
        if (f == CaptureFormat::Pcap)
            return openPcap(std::move(map), path);
        if (f == CaptureFormat::Pcapng) { // read in place as well
            m_mapping = map;
            m_pending = std::make_unique<MappedPcapngReader>(std::move(map));
            return true;
        }
        map.reset();
        return openByFormat(f, nullptr, path);
    }
    auto file = std::make_unique<FileSource>();
    if (!file->open(path))
        return setError(InputError::Unreadable, errorText("error.file.cannot_open", {path, file->error()}));
    auto buffered = std::make_unique<BufferedSource>(std::move(file));
    const size_t n = buffered->fill(4);
    if (n == 0) {
        if (buffered->failed())
            return setError(InputError::Unreadable, errorText("error.file.cannot_read", {path, buffered->error()}));
        return setError(InputError::Empty, errorText("error.file.empty_bytes", {path}));
    }
    const CaptureFormat f = detectFormat(buffered->peek(), n);
    if (f == CaptureFormat::Pcap) {
        buffered.reset();
        return openPcap(nullptr, path);
    }
    return openByFormat(f, std::move(buffered), path);
}

// A classic pcap: read in place through the map when its header is the
// common layout, else by libpcap (the authority on odd headers).
bool CaptureOpener::openPcap(std::shared_ptr<MappedFile> map, const QString &path)
{
    if (map) {
        PcapHeader h;
        readPcapHeader(map->data(), size_t(std::min<uint64_t>(map->size(), 24)), h);
        auto mapped = std::make_unique<MappedPcapReader>();
        if (mapped->open(map)) {
            m_mapping = map;
            m_records = PcapRecordAccess::open(path, h.swapped, mapped->linkType());
            m_pending = std::move(mapped);
            return true;
        }
    }
    uint8_t head[4] = {};
    if (map)
        std::memcpy(head, map->data(), std::min<size_t>(4, size_t(map->size())));
    map.reset();
    uint32_t magic = 0;
    std::memcpy(&magic, head, 4);
    auto reader = std::make_unique<PcapReader>(nullptr);
    if (!reader->openFile(path, magic == 0xa1b23c4d || magic == 0x4d3cb2a1, uint64_t(QFileInfo(path).size())))
        return setError(InputError::Corrupt, errorText("error.capture.invalid_pcap_header", {path, reader->openError()}));
    m_pending = std::move(reader);
    return true;
}

// pcapng, gzip and zip; `peeked` holds the file's first bytes when it could
// not be mapped (a pipe, say).
bool CaptureOpener::openByFormat(CaptureFormat f, std::unique_ptr<BufferedSource> peeked, const QString &path)
{
    switch (f) {
    case CaptureFormat::Pcapng: {
        if (!peeked) {
            auto file = std::make_unique<FileSource>();
            if (!file->open(path))
                return setError(InputError::Unreadable, errorText("error.file.cannot_open", {path, file->error()}));
            peeked = std::make_unique<BufferedSource>(std::move(file));
        }
        m_pending = makeReader(std::move(peeked), path);
        return m_pending != nullptr;
    }
    case CaptureFormat::Gzip: {
        peeked.reset();
        auto gz = std::make_unique<GzipSource>(m_options.maxDecompressedBytes, m_options.maxRatio);
        if (!gz->open(path))
            return setError(InputError::Unreadable, errorText("error.file.cannot_open", {path, gz->error()}));
        m_containerFormat = QStringLiteral("gzip");
        m_pendingIsGzip = true;
        m_pending = makeReader(std::make_unique<BufferedSource>(std::move(gz)), errorText("error.gzip.content", {path}));
        return m_pending != nullptr;
    }
    case CaptureFormat::Zip:
        peeked.reset();
        m_containerFormat = QStringLiteral("zip");
        m_zip = std::make_unique<QuaZip>(path);
        if (!m_zip->open(QuaZip::mdUnzip))
            return setError(InputError::Archive,
                            errorText("error.zip.unreadable", {path, QString::number(m_zip->getZipError())}));
        return true;
    case CaptureFormat::Pcap:
    case CaptureFormat::Unknown:
        break;
    }
    // Not a capture: say what it starts with.
    QByteArray head;
    if (peeked) {
        const size_t n = peeked->fill(4);
        head = QByteArray(reinterpret_cast<const char *>(peeked->peek()), qsizetype(n));
    } else {
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            head = f.read(4);
    }
    if (head.size() < 4)
        return setError(InputError::NotACapture, errorText("error.capture.too_short", {path, QString::number(head.size())}));
    return setError(InputError::NotACapture, errorText("error.capture.not_capture_file",
                                                           {path, describeHead(reinterpret_cast<const uint8_t *>(head.constData()), size_t(head.size()))}));
}

bool CaptureOpener::nextInput(CaptureInput &input)
{
    input.reader.reset(); // an entry's reader must go before the archive moves on
    if (m_error != InputError::None)
        return false;
    if (m_zip)
        return nextZipInput(input);
    if (!m_pending)
        return false;
    input = CaptureInput();
    input.name = QFileInfo(m_path).fileName();
    input.container = m_pendingIsGzip ? QStringLiteral("gzip") : QString();
    input.sizeBytes = QFileInfo(m_path).size();
    input.reader = std::move(m_pending);
    input.records = m_records;
    return true;
}

bool CaptureOpener::nextZipInput(CaptureInput &input)
{
    m_currentEntry = nullptr;
    for (;;) {
        const bool has = m_zipStarted ? m_zip->goToNextFile() : m_zip->goToFirstFile();
        m_zipStarted = true;
        if (!has) {
            if (m_zipCaptures == 0)
                return setError(InputError::Archive,
                                errorText("error.zip.no_capture",
                                          {m_path, m_skipped.isEmpty() ? QString()
                                                                       : errorText("error.zip.entries", {m_skipped.join(QStringLiteral("; "))})}));
            return false;
        }
        QuaZipFileInfo64 info;
        if (!m_zip->getCurrentFileInfo(&info))
            return setError(InputError::Archive, errorText("error.zip.directory", {m_path}));
        if (info.name.endsWith(QLatin1Char('/')))
            continue; // directory entry
        if ((info.flags & 1) && info.method == kZipMethodAes) {
            m_skipped << errorText("error.zip.aes", {info.name});
            continue;
        }
        QString why;
        std::unique_ptr<PacketReader> reader = openZipEntry(info, &why);
        if (m_error != InputError::None)
            return false;
        if (!reader) {
            m_skipped << QStringLiteral("%1: %2").arg(info.name, why);
            continue;
        }
        ++m_zipCaptures;
        input = CaptureInput();
        input.name = QStringLiteral("%1/%2").arg(QFileInfo(m_path).fileName(), info.name);
        input.container = QStringLiteral("zip");
        input.sizeBytes = qint64(info.uncompressedSize);
        input.reader = std::move(reader);
        input.hashedInStream = true;
        return true;
    }
}

// The current entry's reader, trying the password given and then "infected"
// on an encrypted entry; null with the reason when it holds no capture (or
// with m_error set when the archive's decompression limit was passed).
std::unique_ptr<PacketReader> CaptureOpener::openZipEntry(const QuaZipFileInfo64 &info, QString *why)
{
    const bool encrypted = info.flags & 1;
    QList<QByteArray> passwords;
    if (encrypted) {
        if (!m_options.password.isEmpty())
            passwords << m_options.password.toUtf8();
        passwords << QByteArray(kFallbackPassword);
    } else {
        passwords << QByteArray();
    }
    for (const QByteArray &pw : passwords) {
        auto qf = std::make_unique<QuaZipFile>(m_zip.get());
        if (!(pw.isNull() ? qf->open(QIODevice::ReadOnly) : qf->open(QIODevice::ReadOnly, pw.constData()))) {
            *why = errorText("error.zip.cannot_open_entry", {QString::number(qf->getZipError())});
            continue;
        }
        auto src = std::make_unique<ZipEntrySource>(std::move(qf), uint64_t(info.compressedSize), uint64_t(QFileInfo(m_path).size()),
                                                    &m_zipTotalOut, m_options.maxDecompressedBytes, m_options.maxRatio);
        ZipEntrySource *raw = src.get();
        auto buffered = std::make_unique<BufferedSource>(std::move(src), 256 * 1024);
        const size_t n = buffered->fill(4);
        if (buffered->failed()) {
            *why = buffered->error();
            if (m_zipTotalOut > m_options.maxDecompressedBytes)
                setError(InputError::Archive, errorText("error.at", {m_path, *why}));
            if (m_error != InputError::None)
                return nullptr;
            continue;
        }
        const CaptureFormat f = detectFormat(buffered->peek(), n);
        if (f == CaptureFormat::Pcap || f == CaptureFormat::Pcapng) {
            std::unique_ptr<PacketReader> reader = makeReader(std::move(buffered), QStringLiteral("%1/%2").arg(QFileInfo(m_path).fileName(), info.name));
            if (!reader) { // a bad header: the entry is skipped, the archive goes on
                *why = m_errorMessage;
                m_error = InputError::None;
                m_errorMessage.clear();
                return nullptr;
            }
            m_currentEntry = raw;
            return reader;
        }
        if (encrypted) {
            *why = m_options.password.isEmpty() ? errorText("error.zip.password_default") : errorText("error.zip.password_given");
            continue; // a wrong password decrypts to garbage: try the next one
        }
        *why = n == 0 ? errorText("error.capture.empty")
                      : f == CaptureFormat::Gzip || f == CaptureFormat::Zip ? errorText("error.zip.nested")
                                                                           : errorText("error.capture.not_capture_entry", {describeHead(buffered->peek(), n)});
        return nullptr;
    }
    return nullptr;
}

QString CaptureOpener::finishEntryHash()
{
    return m_currentEntry ? m_currentEntry->drainAndHash() : QString();
}

} // namespace packetlens
