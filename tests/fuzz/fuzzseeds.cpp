// SPDX-License-Identifier: GPL-3.0-or-later
// fuzz-seeds OUT SOURCE_DIR [CORPUS_DIR]: writes the fuzz targets' seed
// corpora under OUT/<target>/, made anew at each run (nothing binary is kept
// in the repository):
// - capture, analyze: the corpus' captures (../shared/pcaps real, apps,
//   malformed) and the bundled sample, the large ones cut to their first
//   packets; some also as gzip and zip;
// - decode_*: packet sequences of each link-type family, app: the payloads of
//   conversations, dns/http/tls: the messages, all taken from those captures
//   by the decoder itself;
// - reportjson: reports of a few captures; config: the default thresholds;
// - the text targets: the files under tests/fuzz/seeds/<target>/.
#include "fuzzseedwriter.h"

#include "core/detect/detectionsettings.h"
#include "core/report/reportjson.h"
#include "core/service/analysisservice.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QJsonDocument>

#include <cstdio>

using namespace packetlens;
using namespace packetlens::fuzz;

namespace {
QStringList captureFiles(const QString &sourceDir, const QString &corpusDir)
{
    QStringList files{sourceDir + QStringLiteral("/resources/samples/sample.pcap")};
    for (const char *sub : {"real", "apps", "malformed"}) {
        QDirIterator it(corpusDir + QLatin1Char('/') + QLatin1String(sub), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
    }
    files.sort();
    return files;
}

void copyTextSeeds(SeedWriter &out, const QString &sourceDir)
{
    QDirIterator it(sourceDir + QStringLiteral("/tests/fuzz/seeds"), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            out.add(QFileInfo(path).dir().dirName(), f.readAll());
    }
}

void reportSeeds(SeedWriter &out, const QStringList &files)
{
    for (int i = 0; i < files.size(); i += qMax(1, int(files.size() / 12))) {
        AnalysisRequest request;
        request.path = files[i];
        for (const AnalysisOutcome &o : AnalysisService::analyze(request))
            if (o.status == AnalysisOutcome::Status::Ok)
                out.add(QStringLiteral("reportjson"), ReportJson::toBytes(o.report));
    }
    out.add(QStringLiteral("config"), QJsonDocument(DetectionSettings::defaults()).toJson());
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: fuzz-seeds OUT SOURCE_DIR [CORPUS_DIR]\n");
        return 1;
    }
    const QString corpus = argc > 3 ? QString::fromLocal8Bit(argv[3]) : QString();
    if (corpus.isEmpty() || !QDir(corpus).exists())
        std::fprintf(stderr, "fuzz-seeds: no capture corpus at '%s': seeds from the bundled sample only\n", argv[3 % argc]);
    SeedWriter out(QString::fromLocal8Bit(argv[1]));
    const QStringList files = captureFiles(QString::fromLocal8Bit(argv[2]), corpus);
    for (const QString &f : files)
        out.addCapture(f);
    reportSeeds(out, files);
    copyTextSeeds(out, QString::fromLocal8Bit(argv[2]));
    out.printCounts();
    return 0;
}
