// SPDX-License-Identifier: GPL-3.0-or-later
// Every capture in ../shared/pcaps/malformed must be survived: no crash (the
// ASan+UBSan build runs this too), under 5 s each, and a warning, anomaly or
// error that names the problem.
#include "core/service/analysisservice.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QtTest>

using namespace packetlens;

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
        QElapsedTimer t;
        t.start();
        AnalysisRequest req;
        req.path = path;
        const QList<AnalysisOutcome> out = AnalysisService::analyze(req);
        const qint64 ms = t.elapsed();
        QVERIFY2(ms < 5000, qPrintable(QStringLiteral("took %1 ms").arg(ms)));
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
