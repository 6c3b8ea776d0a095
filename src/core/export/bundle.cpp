// SPDX-License-Identifier: GPL-3.0-or-later
#include "bundle.h"

#include "evidencepcap.h"
#include "htmlreport.h"

#include "../report/reportjson.h"
#include "../util/databasefiles.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTemporaryDir>

namespace packetlens {

namespace {
// The archive goes to a temporary file beside outPath, renamed over it once
// complete: a full disk or a failure leaves an earlier file of that name as
// it was and no partial archive.
bool writeZip(const QString &outPath, const QList<QPair<QString, QByteArray>> &files, QString *error)
{
    QSaveFile out(outPath);
    if (!out.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("cannot write %1: %2").arg(outPath, out.errorString());
        return false;
    }
    QuaZip zip(&out);
    zip.setAutoClose(false); // committed below, or dropped
    if (!zip.open(QuaZip::mdCreate)) {
        *error = QStringLiteral("cannot create %1 (zip error %2)").arg(outPath).arg(zip.getZipError());
        out.cancelWriting();
        return false;
    }
    bool ok = true;
    for (const auto &f : files) {
        QuaZipFile entry(&zip);
        ok = ok && entry.open(QIODevice::WriteOnly, QuaZipNewInfo(f.first)) && entry.write(f.second) == f.second.size();
        entry.close();
        ok = ok && entry.getZipError() == 0;
    }
    zip.close();
    if (!ok || zip.getZipError() != 0 || !out.flush() || !out.commit()) { // flush: see writeWholeFile
        *error = QStringLiteral("cannot write %1: %2").arg(outPath, out.error() != QFileDevice::NoError
                                                                        ? out.errorString() : QStringLiteral("zip error"));
        out.cancelWriting();
        return false;
    }
    return true;
}
} // namespace

bool writeBundle(const Report &report, const QString &capturePath, const QString &outPath,
                 QString *error, const OpenOptions &options)
{
    if (DatabaseFiles::isInUse(outPath)) {
        *error = DatabaseFiles::refusal(outPath);
        return false;
    }
    QTemporaryDir tmp;
    if (!tmp.isValid()) {
        *error = QStringLiteral("cannot create a temporary folder");
        return false;
    }
    const QString evidencePath = tmp.filePath(QStringLiteral("evidence.pcap"));
    const EvidenceResult ev = writeEvidencePcap(capturePath, report.capture.fileName, citedPackets(report), evidencePath, options);
    if (!ev.ok) {
        *error = ev.error;
        return false;
    }
    QFile evFile(evidencePath);
    if (!evFile.open(QIODevice::ReadOnly)) {
        *error = evFile.errorString();
        return false;
    }
    QList<QPair<QString, QByteArray>> files = {
        {QStringLiteral("report.json"), ReportJson::toBytes(report, true)},
        {QStringLiteral("report.html"), HtmlReport::render(report).toUtf8()},
        {QStringLiteral("evidence.pcap"), evFile.readAll()},
    };
    QJsonArray manifestFiles;
    for (const auto &f : files)
        manifestFiles.append(QJsonObject{{QStringLiteral("name"), f.first},
                                         {QStringLiteral("size_bytes"), qint64(f.second.size())},
                                         {QStringLiteral("sha256"), QString::fromLatin1(QCryptographicHash::hash(f.second, QCryptographicHash::Sha256).toHex())}});
    const QJsonObject manifest{{QStringLiteral("generator"), QJsonObject{{QStringLiteral("name"), report.generatorName},
                                                                         {QStringLiteral("version"), report.generatorVersion}}},
                               {QStringLiteral("created"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                               {QStringLiteral("capture"), report.capture.fileName},
                               {QStringLiteral("capture_sha256"), report.capture.sha256},
                               {QStringLiteral("evidence_packets"), ev.written},
                               {QStringLiteral("evidence_packets_skipped_other_link_type"), ev.skippedOtherLinkType},
                               {QStringLiteral("files"), manifestFiles}};
    files.append({QStringLiteral("manifest.json"), QJsonDocument(manifest).toJson(QJsonDocument::Indented)});
    return writeZip(outPath, files, error);
}

} // namespace packetlens
