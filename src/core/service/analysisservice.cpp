// SPDX-License-Identifier: GPL-3.0-or-later
#include "analysisservice.h"
#include "core/report/errortext.h"

#include "captureanalysis.h"

#include "../util/mappedfile.h"
#include "../util/sha256.h"

#include <QElapsedTimer>
#include <QFileInfo>

#include <future>
#include <mutex>

namespace packetlens {

namespace {
constexpr uint64_t kProgressCheckEvery = 4096;
constexpr qint64 kProgressIntervalMs = 100;

AnalysisOutcome failure(InputError e, const QString &name, const QString &message)
{
    AnalysisOutcome o;
    o.status = AnalysisOutcome::Status::Failed;
    o.error = e;
    o.name = name;
    o.message = message;
    return o;
}

// The SHA-256 of the file as given, computed on the other core while the
// packets are decoded. A plain pcap is read through a memory map: the hash
// walks the same map ahead of the reader, mapping pages in and dropping the
// ones read. However the analysis ends, the hash is told to stop before its
// future's destructor waits for it (a steward would otherwise wait for a
// reader that is destroyed only after the future).
class FileHash
{
public:
    FileHash(const AnalysisRequest &request, const CaptureOpener &opener)
    {
        // The hash walks the reader's mapping as its steward, at most 32 MiB
        // ahead of the reader; a caller waiting for the hash to ask the
        // history (onHashKnown) gets it at the hash's own pace from a mapping
        // of its own instead. The steward returns once the reader is done;
        // the hash itself is known when its last byte is hashed (`m_early`).
        const bool steward = request.knownSha256.isEmpty() && !request.onHashKnown;
        const std::shared_ptr<MappedFile> mapping = steward ? opener.mapping() : nullptr;
        if (mapping)
            mapping->setStewarded(true);
        m_future = std::async(request.knownSha256.isEmpty() ? std::launch::async : std::launch::deferred,
                              [path = request.path, known = request.knownSha256, mapping, stop = &m_stop, early = m_early] {
                                  if (!known.isEmpty())
                                      return known;
                                  if (!mapping)
                                      return Sha256::ofFile(path, stop);
                                  return Sha256::ofMapped(*mapping, stop, nullptr, [early](const QString &hex) {
                                      const std::lock_guard<std::mutex> lock(early->lock);
                                      early->hex = hex;
                                  });
                              });
    }
    ~FileHash() { m_stop = true; }
    void stop() { m_stop = true; }
    // The hash if it is known already (empty if not, or if it failed).
    QString known()
    {
        {
            const std::lock_guard<std::mutex> lock(m_early->lock);
            if (!m_early->hex.isEmpty())
                return m_early->hex;
        }
        return m_future.valid() && m_future.wait_for(std::chrono::seconds(0)) == std::future_status::ready ? get() : m_value;
    }
    QString get()
    {
        if (m_future.valid())
            m_value = m_future.get();
        return m_value;
    }

private:
    struct Early
    {
        std::mutex lock;
        QString hex;
    };
    std::atomic<bool> m_stop{false};
    std::shared_ptr<Early> m_early = std::make_shared<Early>();
    std::future<QString> m_future;
    QString m_value;
};

// `answered` is asked between batches of packets: true stops the reading too.
bool readPackets(CaptureInput &input, CaptureAnalysis &analysis, const std::atomic<bool> *cancel,
                 const AnalysisService::ProgressFn &progress, const std::function<bool()> &answered)
{
    PacketReader &reader = *input.reader;
    RawPacket pkt;
    QElapsedTimer clock;
    clock.start();
    while (reader.next(pkt)) {
        analysis.addPacket(pkt);
        if (analysis.packets() % kProgressCheckEvery == 0) {
            if ((cancel && cancel->load(std::memory_order_relaxed)) || answered())
                return false;
            if (progress && clock.elapsed() >= kProgressIntervalMs) {
                clock.restart();
                progress({input.name, analysis.packets(), reader.progressPosition(), reader.progressTotal()});
            }
        }
    }
    if (progress)
        progress({input.name, analysis.packets(), reader.progressTotal(), reader.progressTotal()});
    return true;
}

CaptureMeta metaOf(const CaptureInput &input, const CaptureAnalysis &analysis)
{
    const PacketReader &reader = *input.reader;
    CaptureMeta meta;
    meta.fileName = input.name;
    meta.format = reader.formatName();
    meta.container = input.container;
    meta.truncated = reader.truncated();
    meta.truncatedAt = reader.truncatedAt();
    meta.warnings = reader.warnings();
    meta.timestampDigits = reader.timestampDigits();
    if (reader.truncated())
        meta.warnings.prepend(errorText("error.capture.stopped", {QString::number(reader.truncatedAt()), reader.error(),
                                                                  QString::number(analysis.packets())}));
    meta.sizeBytes = input.sizeBytes;
    return meta;
}

// A file another program changed while it was read (wrote to it, cut it
// short, replaced it after it was hashed) gives a report that may mix its old
// and new bytes: the reason, or "" when it is the file that was there at the
// start. A plain pcap is checked through the descriptor it is mapped from, so
// that a file renamed over it (its mapping still reads the old one) is not
// taken for a change.
QString changedWhileRead(const FileStamp &before, const CaptureOpener &opener, const QString &path)
{
    const std::shared_ptr<MappedFile> map = opener.mapping();
    const FileStamp now = map ? map->stamp() : FileStamp::ofPath(path);
    if (!before.valid || now == before)
        return {};
    return errorText("error.file.changed", {QFileInfo(path).fileName()});
}

// Zip entries: the archive's own hash and size, and the entries skipped.
void noteContainer(QList<AnalysisOutcome> &outcomes, const CaptureOpener &opener, const QString &containerSha,
                   qint64 fileSize)
{
    for (AnalysisOutcome &o : outcomes) {
        if (o.status != AnalysisOutcome::Status::Ok || o.report.capture.container != QLatin1String("zip"))
            continue;
        o.report.capture.containerSha256 = containerSha;
        o.report.capture.containerSizeBytes = fileSize;
        for (const QString &s : opener.skippedEntries())
            o.report.capture.warnings << errorText("error.zip.skipped", {s});
    }
}
} // namespace

QList<AnalysisOutcome> AnalysisService::analyze(const AnalysisRequest &request,
                                                const std::atomic<bool> *cancel,
                                                const ProgressFn &progress, PacketListener *listener)
{
    QList<AnalysisOutcome> outcomes;
    const QString fileName = QFileInfo(request.path).fileName();
    const FileStamp before = request.stamp.valid ? request.stamp : FileStamp::ofPath(request.path);
    CaptureOpener opener;
    if (!opener.open(request.path, request.open)) {
        outcomes << failure(opener.error(), fileName, opener.errorMessage());
        return outcomes;
    }
    const qint64 fileSize = QFileInfo(request.path).size();
    FileHash fileHash(request, opener);
    const AnalyzerSettings &settings = request.analyzer;
    bool told = !request.onHashKnown || !request.knownSha256.isEmpty();
    auto answered = [&] { // the hash once it is known, to the caller, once
        if (told)
            return false;
        const QString sha = fileHash.known();
        told = !sha.isEmpty();
        return told && request.onHashKnown(sha);
    };

    CaptureInput input;
    bool cancelled = false;
    int index = 0;
    while (!cancelled && opener.nextInput(input)) {
        CaptureAnalysis analysis(settings);
        if (listener) {
            analysis.addListener(listener);
            listener->onCaptureStart({index, input.name, input.container, input.records});
        }
        ++index;
        cancelled = !readPackets(input, analysis, cancel, progress, answered);
        if (cancelled)
            break;
        CaptureMeta meta = metaOf(input, analysis);
        const QString changed = changedWhileRead(before, opener, request.path);
        if (!changed.isEmpty())
            meta.warnings.prepend(changed);
        // A file's hash may still be running: the report is built first and gets it after.
        if (input.hashedInStream)
            meta.sha256 = opener.finishEntryHash();
        if (analysis.packets() == 0) {
            outcomes << (input.reader->truncated()
                             ? failure(InputError::Corrupt, input.name,
                                       QStringLiteral("%1: no packet could be read: %2").arg(input.name, input.reader->error()))
                             : failure(InputError::Empty, input.name, QStringLiteral("%1 holds no packets").arg(input.name)));
            continue;
        }
        AnalysisOutcome ok;
        ok.name = input.name;
        ok.fileChanged = !changed.isEmpty();
        ok.report = analysis.finish(meta);
        if (!input.hashedInStream)
            ok.report.capture.sha256 = fileHash.get();
        outcomes << ok;
    }
    if (cancelled) {
        fileHash.stop();
        AnalysisOutcome c;
        c.status = AnalysisOutcome::Status::Cancelled;
        c.name = fileName;
        c.message = errorText("error.capture.cancelled", {fileName});
        outcomes << c;
        return outcomes;
    }
    const QString containerSha = fileHash.get();
    if (opener.error() != InputError::None)
        outcomes << failure(opener.error(), fileName, opener.errorMessage());
    noteContainer(outcomes, opener, containerSha, fileSize);
    return outcomes;
}

} // namespace packetlens
