// SPDX-License-Identifier: GPL-3.0-or-later
// The default path (history on) for a capture larger than hashFirstUpTo:
// analyzed at once with the hash beside it; the history is asked when the
// hash is known, and a capture it has seen is answered from it with the
// reading stopped.
#include "core/history/historystore.h"
#include "core/report/reportjson.h"
#include "core/service/recordedanalysis.h"
#include "support/capturewriter.h"
#include "support/packetbuilder.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

class TestRecordedAnalysis : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void aCaptureSeenBeforeIsAnsweredOnceItsHashIsKnown()
    {
        // Many packets (the history is asked between batches of 4096), few bytes (the hash is done early).
        QList<TestPacket> pk;
        for (int i = 0; i < 400000; ++i)
            pk << TestPacket{PacketBuilder::udpFrame(QStringLiteral("10.0.%1.%2").arg(i % 7).arg(i % 200 + 1), uint16_t(1024 + i % 9),
                                                     QStringLiteral("10.9.0.1"), 53, "q"),
                             1700000000000000000ll + i * 1000000ll, 0, 0};
        const QString capture = m_dir.filePath(QStringLiteral("big.pcap"));
        QVERIFY(CaptureWriter::save(capture, CaptureWriter::pcap(pk)));
        HistoryStore store(m_dir.filePath(QStringLiteral("history.sqlite")));
        QString why;
        QVERIFY2(store.open(&why), qPrintable(why));
        RecordOptions options;
        options.hashFirstUpTo = 0; // as for a capture over 256 MiB
        uint64_t read = 0;
        options.progress = [&](const AnalysisProgress &p) { read = p.packets; };
        AnalysisRequest request;
        request.path = capture;

        const RecordedAnalysis first = analyzeAndRecord(request, &store, QStringLiteral("s"), options);
        QCOMPARE(first.outcomes.size(), 1);
        QVERIFY(first.outcomes.first().status == AnalysisOutcome::Status::Ok);
        QVERIFY(!first.fromHistory);
        QVERIFY(first.analysisId >= 0);
        QCOMPARE(read, uint64_t(pk.size()));

        read = 0;
        const RecordedAnalysis again = analyzeAndRecord(request, &store, QStringLiteral("s"), options);
        QCOMPARE(again.outcomes.size(), 1);
        QVERIFY(again.fromHistory);
        QCOMPARE(again.analysisId, first.analysisId);
        QVERIFY2(read < uint64_t(pk.size()), "the reading goes on after the history answered");
        QCOMPARE(QJsonDocument(ReportJson::toJson(again.outcomes.first().report)).toJson(),
                 QJsonDocument(ReportJson::toJson(first.outcomes.first().report)).toJson());
    }
};

QTEST_GUILESS_MAIN(TestRecordedAnalysis)
#include "tst_recordedanalysis.moc"
