// SPDX-License-Identifier: GPL-3.0-or-later
// Every capture in ../shared/pcaps/malformed must be survived: no crash (the
// ASan+UBSan build runs this too), no hang (CPU time bounded, not wall time),
// and a warning, anomaly or error that names the problem.
#include "core/service/analysisservice.h"

#include <QDir>
#include <QJsonArray>
#include <QtTest>

#include <ctime>

using namespace packetlens;

namespace {
double processCpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}
} // namespace

class TestMalformed : public QObject
{
    Q_OBJECT
private slots:
    void survivesEveryFaultCapture_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(PACKETLENS_CORPUS_DIR "/malformed"));
        if (!dir.exists())
            return;
        for (const QString &f : dir.entryList(QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }

    void survivesEveryFaultCapture()
    {
        QFETCH(QString, path);
        const double cpuBefore = processCpuSeconds();
        AnalysisRequest req;
        req.path = path;
        const QList<AnalysisOutcome> out = AnalysisService::analyze(req);
        // A hang is a loop that never ends: the test's timeout ends it. What
        // is bounded here is CPU time, which other programs on the machine do
        // not stretch as they stretch the wall clock; a few milliseconds are
        // usual, the bound is generous.
        const double cpu = processCpuSeconds() - cpuBefore;
        QVERIFY2(cpu < 60, qPrintable(QStringLiteral("took %1 s of CPU").arg(cpu)));
        QVERIFY(!out.isEmpty());
        QStringList problems;
        for (const AnalysisOutcome &o : out) {
            if (o.status != AnalysisOutcome::Status::Ok) {
                QVERIFY(!o.message.isEmpty());
                problems << o.message;
                continue;
            }
            problems << o.report.capture.warnings;
            for (const Anomaly &a : o.report.anomalies)
                problems << a.detail;
        }
        if (problems.isEmpty())
            qWarning("%s: analyzed cleanly; its fault lies in a protocol PacketLens does not decode", qPrintable(path));
        else
            qInfo("%s: %s", qPrintable(QFileInfo(path).fileName()), qPrintable(problems.first()));
    }

    void initTestCase()
    {
        if (!QDir(QStringLiteral(PACKETLENS_CORPUS_DIR "/malformed")).exists())
            QSKIP("shared corpus not found (../shared/pcaps/malformed beside the checkout): skipped");
    }
};

QTEST_GUILESS_MAIN(TestMalformed)
#include "tst_malformed.moc"
