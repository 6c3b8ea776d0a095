// SPDX-License-Identifier: GPL-3.0-or-later
// Provisional detection (a live capture asks the detectors, as it goes, what
// they would report if the capture ended now): every detector can be copied;
// asking changes nothing (the final report of captures analyzed with
// provisional evaluations every few hundred packets equals the plain file
// analysis); a finding's identity stays while it grows.
#include "support/scenario.h"

#include "core/capture/captureopener.h"
#include "core/detect/detectionengine.h"
#include "core/detect/detectorclone.h"
#include "core/detect/findingidentity.h"
#include "core/service/analysisservice.h"

#include <QDir>
#include <QDirIterator>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

namespace {
// The capture analyzed as AnalysisService does, asking for provisional
// findings every `every` packets; returns the report.
Report analyzeAsking(const QString &path, int every, int *asked)
{
    CaptureOpener opener;
    if (!opener.open(path, {}))
        return {};
    CaptureInput input;
    if (!opener.nextInput(input))
        return {};
    CaptureAnalysis analysis{AnalyzerSettings()};
    RawPacket pkt;
    while (input.reader->next(pkt)) {
        analysis.addPacket(pkt);
        if (analysis.packets() % uint64_t(every) == 0) {
            analysis.provisionalFindings();
            ++*asked;
        }
    }
    CaptureMeta meta;
    meta.fileName = input.name;
    meta.format = input.reader->formatName();
    meta.timestampDigits = input.reader->timestampDigits();
    meta.truncated = input.reader->truncated();
    meta.sizeBytes = input.sizeBytes;
    return analysis.finish(meta);
}

QStringList corpusSample()
{
    QStringList files;
    QDirIterator it(QStringLiteral(PACKETLENS_CORPUS_DIR), {QStringLiteral("*.pcap"), QStringLiteral("*.pcapng")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    QStringList sample;
    for (int i = 0; i < files.size(); i += 7) // every 7th: a spread of the corpus in reasonable time
        sample << files[i];
    return sample;
}
} // namespace

class TestProvisionalFindings : public QObject
{
    Q_OBJECT
private slots:
    void everyDetectorCanBeCopied()
    {
        DetectionEngine engine{DetectionSettings()};
        QVERIFY(!engine.detectors().empty());
        for (const Detector *d : engine.detectors())
            QVERIFY2(cloneDetector(*d) != nullptr, typeid(*d).name());
    }

    void scanReportedProvisionallyWithOneIdentity()
    {
        Scenario s;
        QStringList identities;
        for (int p = 1; p <= 120; ++p) {
            s.add(PB::tcpFrame("10.0.0.66", 50000, "10.0.0.9", uint16_t(p), Syn, 7));
            s.add(PB::tcpFrame("10.0.0.9", uint16_t(p), "10.0.0.66", 50000, Rst | Ack, 0, 8));
            if (p % 20 == 0)
                for (const Finding &f : s.an().provisionalFindings())
                    if (f.category == QLatin1String("port_scan"))
                        identities << findingIdentity(f.toReport(QString()));
        }
        QVERIFY(identities.size() >= 4); // seen from the 20th port on, growing
        identities.removeDuplicates();
        QCOMPARE(identities.size(), 1);
        s.finish();
        QCOMPARE(s.findings(QStringLiteral("port_scan")).size(), 1);
    }

    void askingChangesNothing_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("sample") << QStringLiteral(PACKETLENS_SAMPLE);
        for (const QString &f : corpusSample())
            QTest::newRow(qPrintable(QDir(QStringLiteral(PACKETLENS_CORPUS_DIR)).relativeFilePath(f))) << f;
    }

    void askingChangesNothing()
    {
        QFETCH(QString, path);
        int asked = 0;
        const Report withAsking = analyzeAsking(path, 64, &asked);
        int none = 0;
        Report plain = analyzeAsking(path, 1 << 30, &none);
        if (path == QLatin1String(PACKETLENS_SAMPLE))
            QVERIFY(asked > 10);
        QCOMPARE(plain.findings(), withAsking.findings());
        QVERIFY(plain == withAsking);
    }
};

QTEST_GUILESS_MAIN(TestProvisionalFindings)
#include "tst_provisionalfindings.moc"
