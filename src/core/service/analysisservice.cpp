#include "analysisservice.h"

#include "../util/mappedfile.h"
#include "../util/sha256.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>

#include <future>

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
} // namespace

QList<AnalysisOutcome> AnalysisService::analyze(const AnalysisRequest &request,
                                                const std::atomic<bool> *cancel,
                                                const ProgressFn &progress, const PacketFn &onPacket)
{
    QList<AnalysisOutcome> outcomes;
    const QString fileName = QFileInfo(request.path).fileName();
    CaptureOpener opener;
    if (!opener.open(request.path, request.open)) {
        outcomes << failure(opener.error(), fileName, opener.errorMessage());
        return outcomes;
    }
    // Hash the file as given on the other core while the packets are decoded.
    // A plain pcap is read through a memory map: the hash walks the same map
    // ahead of the reader, mapping pages in and dropping the ones read.
    std::atomic<bool> stopHash{false};
    const std::shared_ptr<MappedFile> mapping = request.knownSha256.isEmpty() ? opener.mapping() : nullptr;
    if (mapping)
        mapping->setStewarded(true);
    auto fileHash = std::async(request.knownSha256.isEmpty() ? std::launch::async : std::launch::deferred,
                               [path = request.path, known = request.knownSha256, mapping, &stopHash] {
                                   if (!known.isEmpty())
                                       return known;
                                   return mapping ? Sha256::ofMapped(*mapping, &stopHash) : Sha256::ofFile(path, &stopHash);
                               });
    // However this function is left, the hash is told to stop before its
    // future's destructor waits for it (a steward would otherwise wait for a
    // reader that is destroyed only after the future).
    struct StopOnExit
    {
        std::atomic<bool> &flag;
        ~StopOnExit() { flag = true; }
    } stopOnExit{stopHash};
    const qint64 fileSize = QFileInfo(request.path).size();
    QString fileSha;
    auto fileSha256 = [&]() {
        if (fileHash.valid())
            fileSha = fileHash.get();
        return fileSha;
    };

    CaptureInput input;
    bool cancelled = false;
    while (!cancelled && opener.nextInput(input)) {
        Analyzer analyzer(request.analyzer);
        if (onPacket)
            analyzer.setObserver(onPacket);
        PacketReader &reader = *input.reader;
        RawPacket pkt;
        QElapsedTimer clock;
        clock.start();
        while (reader.next(pkt)) {
            analyzer.addPacket(pkt);
            if (analyzer.packets() % kProgressCheckEvery == 0) {
                if (cancel && cancel->load(std::memory_order_relaxed)) {
                    cancelled = true;
                    break;
                }
                if (progress && clock.elapsed() >= kProgressIntervalMs) {
                    clock.restart();
                    progress({input.name, analyzer.packets(), reader.progressPosition(), reader.progressTotal()});
                }
            }
        }
        if (cancelled)
            break;
        if (progress)
            progress({input.name, analyzer.packets(), reader.progressTotal(), reader.progressTotal()});

        CaptureMeta meta;
        meta.fileName = input.name;
        meta.format = reader.formatName();
        meta.container = input.container;
        meta.truncated = reader.truncated();
        meta.truncatedAt = reader.truncatedAt();
        meta.warnings = reader.warnings();
        meta.timestampDigits = reader.timestampDigits();
        if (reader.truncated())
            meta.warnings.prepend(QStringLiteral("reading stopped at byte %1: %2; the %3 packets before it were analyzed")
                                      .arg(reader.truncatedAt())
                                      .arg(reader.error())
                                      .arg(analyzer.packets()));
        meta.sizeBytes = input.sizeBytes;
        // A file's hash may still be running: the report is built first and
        // gets it after.
        if (input.hashedInStream)
            meta.sha256 = opener.finishEntryHash();
        if (analyzer.packets() == 0 && !reader.truncated()) {
            outcomes << failure(InputError::Empty, input.name,
                                QStringLiteral("%1 holds no packets").arg(input.name));
            continue;
        }
        if (analyzer.packets() == 0) {
            outcomes << failure(InputError::Corrupt, input.name,
                                QStringLiteral("%1: no packet could be read: %2").arg(input.name, reader.error()));
            continue;
        }
        AnalysisOutcome ok;
        ok.name = input.name;
        ok.report = analyzer.buildReport(meta);
        if (!input.hashedInStream) {
            QJsonObject cap = ok.report.value(QStringLiteral("capture")).toObject();
            cap.insert(QStringLiteral("sha256"), fileSha256());
            ok.report.insert(QStringLiteral("capture"), cap);
        }
        outcomes << ok;
    }
    stopHash = cancelled;
    const QString containerSha = fileSha256();
    if (cancelled) {
        AnalysisOutcome c;
        c.status = AnalysisOutcome::Status::Cancelled;
        c.name = fileName;
        c.message = QStringLiteral("analysis of %1 was cancelled").arg(fileName);
        outcomes << c;
        return outcomes;
    }
    if (opener.error() != InputError::None)
        outcomes << failure(opener.error(), fileName, opener.errorMessage());
    // Zip entries: note the archive's own hash and skipped entries in each report.
    for (AnalysisOutcome &o : outcomes) {
        if (o.status != AnalysisOutcome::Status::Ok)
            continue;
        QJsonObject cap = o.report.value(QStringLiteral("capture")).toObject();
        if (cap.value(QStringLiteral("container")).toString() == QLatin1String("zip")) {
            cap.insert(QStringLiteral("container_sha256"), containerSha);
            cap.insert(QStringLiteral("container_size_bytes"), fileSize);
            if (!opener.skippedEntries().isEmpty()) {
                QJsonArray w = cap.value(QStringLiteral("warnings")).toArray();
                for (const QString &s : opener.skippedEntries())
                    w.append(QStringLiteral("archive entry skipped: %1").arg(s));
                cap.insert(QStringLiteral("warnings"), w);
            }
        }
        o.report.insert(QStringLiteral("capture"), cap);
    }
    return outcomes;
}

} // namespace packetlens
