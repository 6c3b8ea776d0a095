// SPDX-License-Identifier: GPL-3.0-or-later
#include "uploadcontroller.h"

#include "multipart.h"
#include "servercontext.h"

#include "core/history/capturestore.h"
#include "core/history/historystore.h"
#include "core/util/databasefiles.h"
#include "core/util/sha256.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace packetlens {

namespace {
const QList<QByteArray> kRawTypes = {"application/vnd.tcpdump.pcap", "application/octet-stream", "application/zip",
                                     "application/gzip"};

ApiResponse created(const QString &sha256, const QString &name, qint64 size, const QString &format, bool stored,
                    bool existed)
{
    const QString id = CaptureStore::fileId(sha256);
    return ApiResponse::json(existed ? 200 : 201, QJsonObject{{QStringLiteral("file_id"), id},
                                                              {QStringLiteral("sha256"), sha256},
                                                              {QStringLiteral("name"), name},
                                                              {QStringLiteral("size_bytes"), size},
                                                              {QStringLiteral("format"), format},
                                                              {QStringLiteral("stored"), stored},
                                                              {QStringLiteral("analysis_url"), analysisUrl(id)},
                                                              {QStringLiteral("report_url"), reportUrl(id)}});
}
} // namespace

ApiResponse UploadController::upload(HistoryStore &store, const CaptureStore &captures, const Input &in,
                                     const std::atomic<bool> *cancel)
{
    const QByteArray type = in.contentType.split(';').first().trimmed().toLower();
    if (in.body.isEmpty())
        return ApiResponse::error(ApiError::BadRequest, QStringLiteral("empty body: send a capture"));
    if (type == "application/json")
        return registerPath(store, in.body, cancel);
    if (type == "multipart/form-data") {
        FormPart part;
        QString why;
        if (!findFormPart(in.contentType, in.body, "file", &part, &why))
            return ApiResponse::error(ApiError::BadRequest, why);
        return storeBytes(store, captures, in.body.constData() + part.offset, part.size, part.fileName);
    }
    if (kRawTypes.contains(type))
        return storeBytes(store, captures, in.body.constData(), in.body.size(), in.nameHint);
    return ApiResponse::error(ApiError::UnsupportedMediaType,
                              QStringLiteral("Content-Type '%1' is not taken: send multipart/form-data (field 'file'), "
                                             "a raw capture (%2) or application/json {\"path\": ...}")
                                  .arg(QString::fromLatin1(type), QString::fromLatin1(kRawTypes.join(", "))));
}

ApiResponse UploadController::storeBytes(HistoryStore &store, const CaptureStore &captures, const char *data,
                                         qsizetype size, const QString &name)
{
    if (size == 0)
        return ApiResponse::error(ApiError::BadRequest, QStringLiteral("the file is empty"));
    QString why;
    // Refuse what is not a capture before anything is written.
    if (sniffCapture(reinterpret_cast<const uint8_t *>(data), size_t(std::min<qsizetype>(size, 64)), &why) == CaptureFormat::Unknown)
        return ApiResponse::error(ApiError::UnsupportedMediaType, why);
    auto writer = captures.beginWrite(&why);
    if (!writer)
        return ApiResponse::error(ApiError::Internal, why);
    constexpr qsizetype kChunk = 1 << 20;
    for (qsizetype done = 0; done < size; done += kChunk) {
        if (!writer->write(data + done, std::min(kChunk, size - done), &why))
            return ApiResponse::error(ApiError::Internal, why);
    }
    CaptureStore::Stored stored;
    CaptureStore::WriteError kind;
    if (!writer->finish(name, &stored, &kind, &why)) {
        switch (kind) {
        case CaptureStore::WriteError::Empty: return ApiResponse::error(ApiError::BadRequest, why);
        case CaptureStore::WriteError::NotACapture: return ApiResponse::error(ApiError::UnsupportedMediaType, why);
        default: return ApiResponse::error(ApiError::Internal, why);
        }
    }
    bool existed = false;
    if (CaptureStore::recordStored(store, stored, &existed, &why) < 0)
        return ApiResponse::error(ApiError::Internal, QStringLiteral("history: %1").arg(why));
    return created(stored.sha256, stored.name, stored.sizeBytes, captureFormatName(stored.format), true, existed);
}

ApiResponse UploadController::registerPath(HistoryStore &store, const QByteArray &json, const std::atomic<bool> *cancel)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    const QJsonValue pathValue = doc.object().value(QStringLiteral("path"));
    if (err.error != QJsonParseError::NoError || !doc.isObject() || !pathValue.isString())
        return ApiResponse::error(ApiError::BadRequest, QStringLiteral("expected {\"path\": \"/absolute/file\"}"));
    const QString path = pathValue.toString();
    if (!QFileInfo(path).isAbsolute())
        return ApiResponse::error(ApiError::BadRequest, QStringLiteral("path must be absolute"));
    const QFileInfo fi(path);
    if (DatabaseFiles::isInUse(path))
        return ApiResponse::error(ApiError::UnsupportedMediaType, DatabaseFiles::refusal(path));
    QFile f(fi.canonicalFilePath());
    if (!fi.isFile() || !f.open(QIODevice::ReadOnly))
        return ApiResponse::error(ApiError::BadRequest, QStringLiteral("%1 is not a readable file").arg(path));
    const QByteArray head = f.read(64);
    f.close();
    QString why;
    const CaptureFormat format = sniffCapture(reinterpret_cast<const uint8_t *>(head.constData()), size_t(head.size()), &why);
    if (format == CaptureFormat::Unknown) // why may quote the file's first bytes: not for a file the client cannot read itself
        return ApiResponse::error(ApiError::UnsupportedMediaType, QStringLiteral("%1 is not a capture (pcap, pcapng, gzip or zip)").arg(path));
    const QString sha = Sha256::ofFile(fi.canonicalFilePath(), cancel, &why);
    if (sha.isEmpty())
        return ApiResponse::error(ApiError::Internal, QStringLiteral("cannot read %1: %2").arg(path, why));
    bool existed = false;
    if (CaptureStore::recordReference(store, sha, fi.canonicalFilePath(), fi.size(), format, &existed, &why) < 0)
        return ApiResponse::error(ApiError::Internal, QStringLiteral("history: %1").arg(why));
    // Bytes stored before stay the capture's copy (then stored is true).
    const auto rec = CaptureStore::find(store, CaptureStore::fileId(sha));
    return created(sha, rec ? rec->name : fi.fileName(), fi.size(), captureFormatName(format), rec && rec->stored, existed);
}

} // namespace packetlens
