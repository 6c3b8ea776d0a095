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
#include <QTemporaryDir>

namespace packetlens {

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
    const QList<QPair<QString, QByteArray>> files = {
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
    QuaZip zip(outPath);
    if (!zip.open(QuaZip::mdCreate)) {
        *error = QStringLiteral("cannot create %1 (zip error %2)").arg(outPath).arg(zip.getZipError());
        return false;
    }
    auto add = [&](const QString &name, const QByteArray &data) {
        QuaZipFile f(&zip);
        if (!f.open(QIODevice::WriteOnly, QuaZipNewInfo(name)))
            return false;
        const bool ok = f.write(data) == data.size();
        f.close();
        return ok && f.getZipError() == 0;
    };
    bool ok = true;
    for (const auto &f : files)
        ok = ok && add(f.first, f.second);
    ok = ok && add(QStringLiteral("manifest.json"), QJsonDocument(manifest).toJson(QJsonDocument::Indented));
    zip.close();
    if (!ok || zip.getZipError() != 0) {
        *error = QStringLiteral("writing %1 failed").arg(outPath);
        QFile::remove(outPath);
        return false;
    }
    return true;
}

} // namespace packetlens
