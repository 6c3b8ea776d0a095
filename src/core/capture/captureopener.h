// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "captureformat.h"
#include "packetreader.h"
#include "recordaccess.h"

#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

class QuaZip;
struct QuaZipFileInfo64;

namespace packetlens {

class ByteSource;
class MappedFile;

struct OpenOptions
{
    QString password;                        // for encrypted zip entries
    uint64_t maxDecompressedBytes = 8ull << 30; // across all entries of an archive
    double maxRatio = 200.0;                 // decompressed : compressed
};

enum class InputError { None, Unreadable, NotACapture, Empty, Corrupt, Archive };

// One capture to analyze: a plain file, a gzip stream, or one zip entry.
struct CaptureInput
{
    QString name;          // file name, or "archive.zip/entry.pcap" for zip entries
    QString container;     // "", "gzip" or "zip"
    qint64 sizeBytes = 0;  // the file's size, or the entry's uncompressed size
    std::unique_ptr<PacketReader> reader;
    // For zip entries the SHA-256 is computed from the entry's bytes while they
    // are read (finish with entrySha256()); otherwise of the file as given.
    bool hashedInStream = false;
    // Reads this input's packets again by their RawPacket::recordOffset; null
    // when they cannot be read in place (pcapng, gzip, zip entries).
    std::shared_ptr<const RecordAccess> records;
};

// What a file is, from its first bytes: the one sniff every face uses.
struct CaptureProbe
{
    CaptureFormat format = CaptureFormat::Unknown;
    InputError error = InputError::None; // Unreadable, Empty or NotACapture when format is Unknown
    QString message;                     // why, when it is not a capture
    bool truncatedHeader = false;        // a capture's magic, its header cut short (message says so)
    QString head;                        // "starts with 3c 21 44 4f ('<!DO')"
};

// Opens a capture file by content: pcap, pcapng, gzip holding one, or zip
// holding one or more (each capture entry becomes an input; others are listed).
class CaptureOpener
{
public:
    CaptureOpener();
    ~CaptureOpener();

    // Reads the first bytes of a file and says what it is (no reader made).
    static CaptureProbe probe(const QString &path);

    bool open(const QString &path, const OpenOptions &options);
    // A capture arriving as a stream (standard input, the capture helper's
    // pipe): pcap or pcapng, recognized by its first bytes as they arrive
    // (blocks until they do). Null, with the error and its message, when it
    // is neither (gzip and zip need a file).
    static std::unique_ptr<PacketReader> openStream(std::unique_ptr<ByteSource> source, const QString &what,
                                                    InputError *error, QString *message);
    InputError error() const { return m_error; }
    QString errorMessage() const { return m_errorMessage; }
    QString containerFormat() const { return m_containerFormat; }

    // Yields inputs one after another; false when there are no more (check
    // error() then: an archive can fail part-way).
    bool nextInput(CaptureInput &input);
    // Entries of an archive that are not captures, with the reason.
    const QStringList &skippedEntries() const { return m_skipped; }
    // After an entry's reader is exhausted: reads its rest and returns its SHA-256.
    QString finishEntryHash();
    // The memory map a plain pcap or pcapng file is read through (null for other
    // inputs): the file hash walks it as the reader's steward.
    std::shared_ptr<MappedFile> mapping() const { return m_mapping; }

private:
    bool setError(InputError e, const QString &msg);
    std::unique_ptr<PacketReader> makeReader(std::unique_ptr<class BufferedSource> src,
                                             const QString &what);
    bool openPcap(std::shared_ptr<MappedFile> map, const QString &path);
    bool openByFormat(CaptureFormat format, std::unique_ptr<class BufferedSource> peeked, const QString &path);
    bool nextZipInput(CaptureInput &input);
    std::unique_ptr<PacketReader> openZipEntry(const QuaZipFileInfo64 &info, QString *why);

    QString m_path;
    OpenOptions m_options;
    InputError m_error = InputError::None;
    QString m_errorMessage;
    QString m_containerFormat;
    QStringList m_skipped;
    std::unique_ptr<PacketReader> m_pending; // plain/gzip: the one input
    bool m_pendingIsGzip = false;
    std::shared_ptr<MappedFile> m_mapping;
    std::shared_ptr<const RecordAccess> m_records;
    std::unique_ptr<QuaZip> m_zip;
    bool m_zipStarted = false;
    bool m_zipHasMore = false;
    uint64_t m_zipTotalOut = 0;
    class ZipEntrySource *m_currentEntry = nullptr; // owned by the current reader
    int m_zipCaptures = 0;
};

} // namespace packetlens
