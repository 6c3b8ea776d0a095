// SPDX-License-Identifier: GPL-3.0-or-later
// A capture file changed by another program while it is analyzed (issue
// #24): replaced by a rename, overwritten in place, cut short and written
// again. The analysis never crashes; a file renamed over the one being read
// leaves the analysis reading the original to its end (it is mapped); any
// other change is said in the report's warnings, and such a report is never
// kept in the history as the report of the file's bytes. The change happens
// at a fixed packet, from the analysis' own thread (no clock decides).
#include "core/history/historystore.h"
#include "core/service/analysisservice.h"
#include "core/service/recordedanalysis.h"
#include "support/capturewriter.h"
#include "support/packetbuilder.h"

#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace packetlens;
using namespace packetlens::test;

namespace {
QByteArray capture(int variant, int packets)
{
    QList<TestPacket> pk;
    int64_t ts = 1700000000000000000ll;
    for (int i = 0; i < packets; ++i)
        pk << TestPacket{PacketBuilder::udpFrame(QStringLiteral("10.0.%1.1").arg(variant), uint16_t(1000 + i),
                                                 QStringLiteral("10.0.0.53"), 53,
                                                 PacketBuilder::dnsQuery(uint16_t(i), QStringLiteral("n%1.example.com").arg(i))),
                         ts += 1000000, 0, 0};
    return CaptureWriter::pcap(pk);
}

// Calls `change` once, when the analysis reaches packet `at`.
class ChangeAt : public PacketListener
{
public:
    ChangeAt(uint64_t at, std::function<void()> change) : m_at(at), m_change(std::move(change)) {}
    void onPacket(const PacketContext &pc) override
    {
        if (pc.number == m_at)
            m_change();
    }

private:
    uint64_t m_at;
    std::function<void()> m_change;
};

bool overwrite(const QString &path, const QByteArray &bytes, bool truncateFirst)
{
    if (truncateFirst && ::truncate(QFile::encodeName(path).constData(), 0) != 0)
        return false;
    QFile f(path);
    return f.open(QIODevice::ReadWrite) && f.write(bytes) == bytes.size(); // in place: the same inode
}
} // namespace

class TestCaptureFaults : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    const QByteArray m_original = capture(1, 400);
    const QByteArray m_other = capture(2, 400); // the same size, other bytes

    QString fresh(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        CaptureWriter::save(path, m_original);
        return path;
    }

private slots:
    void initTestCase() { QCOMPARE(m_original.size(), m_other.size()); }

    void replaceWhileReading_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("renamed over it") << "rename";
        QTest::newRow("overwritten in place") << "overwrite";
        QTest::newRow("cut short and written again") << "rewrite";
        QTest::newRow("cut short") << "cut";
    }

    void replaceWhileReading()
    {
        QFETCH(QString, how);
        const QString path = fresh(QStringLiteral("live-%1.pcap").arg(how));
        const QString other = m_dir.filePath(QStringLiteral("other.pcap"));
        ChangeAt change(100, [&] {
            if (how == QLatin1String("rename")) {
                CaptureWriter::save(other, m_other);
                QVERIFY(::rename(QFile::encodeName(other).constData(), QFile::encodeName(path).constData()) == 0);
            } else if (how == QLatin1String("cut")) {
                QVERIFY(::truncate(QFile::encodeName(path).constData(), m_original.size() / 2) == 0);
            } else {
                QVERIFY(overwrite(path, m_other, how == QLatin1String("rewrite")));
            }
        });
        AnalysisRequest request;
        request.path = path;
        const QList<AnalysisOutcome> out = AnalysisService::analyze(request, nullptr, {}, &change);
        QCOMPARE(out.size(), 1);
        const AnalysisOutcome &o = out.first();
        qInfo("%s: status %d, %lld packets, warnings: %s", qPrintable(how), int(o.status), o.report.capture.packets,
              qPrintable(o.report.capture.warnings.join(QStringLiteral(" | "))));
        QCOMPARE(o.status, AnalysisOutcome::Status::Ok);
        if (how == QLatin1String("rename")) { // the original, read to its end
            QVERIFY(!o.fileChanged);
            QCOMPARE(o.report.capture.packets, qint64(400));
            QVERIFY(o.report.capture.warnings.isEmpty());
            return;
        }
        QVERIFY(o.fileChanged);
        QVERIFY2(o.report.capture.warnings.value(0).contains(QLatin1String("changed by another program")),
                 qPrintable(o.report.capture.warnings.value(0)));
    }

    // Through the history (the CLI's and the server's way: hashed first): a
    // report of a file changed while it was read is not kept, so the
    // original bytes analyzed again get their own, whole report.
    void changedFileIsNotKeptInTheHistory()
    {
        const QString path = fresh(QStringLiteral("recorded.pcap"));
        HistoryStore store(m_dir.filePath(QStringLiteral("history.sqlite")));
        QString why;
        QVERIFY2(store.open(&why), qPrintable(why));
        ChangeAt change(100, [&] { QVERIFY(overwrite(path, m_other, false)); });
        RecordOptions options;
        options.listener = &change;
        AnalysisRequest request;
        request.path = path;
        const RecordedAnalysis first = analyzeAndRecord(request, &store, QStringLiteral("s"), options);
        QCOMPARE(first.outcomes.size(), 1);
        QVERIFY(first.outcomes.first().fileChanged);
        QCOMPARE(store.statusOf(first.analysisId), QStringLiteral("failed"));

        QVERIFY(CaptureWriter::save(path, m_original)); // the original bytes again
        const RecordedAnalysis again = analyzeAndRecord(request, &store, QStringLiteral("s"), RecordOptions());
        QVERIFY(!again.fromHistory);
        QCOMPARE(again.outcomes.first().report.capture.packets, qint64(400));
        QVERIFY(again.outcomes.first().report.capture.warnings.isEmpty());
        QCOMPARE(store.statusOf(again.analysisId), QStringLiteral("done"));
        const RecordedAnalysis cached = analyzeAndRecord(request, &store, QStringLiteral("s"), RecordOptions());
        QVERIFY(cached.fromHistory);
        QCOMPARE(cached.outcomes.first().report.capture.packets, qint64(400));
    }
};

QTEST_GUILESS_MAIN(TestCaptureFaults)
#include "tst_capturefaults.moc"
