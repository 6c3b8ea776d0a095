// SPDX-License-Identifier: GPL-3.0-or-later
// Exports on a disk that fills up (issue #24): the JSON and HTML reports,
// evidence.pcap and the ZIP bundle each fail with a clear error naming the
// file, leave an earlier export of the same name as it was and no partial
// file behind, and succeed once there is room. The CLI exits with 8.
#include "core/export/bundle.h"
#include "core/export/evidencepcap.h"
#include "core/export/htmlreport.h"
#include "core/report/reportjson.h"
#include "core/service/analysisservice.h"
#include "core/util/filewrite.h"
#include "support/capturewriter.h"
#include "support/packetbuilder.h"
#include "support/smallfs.h"

#include <quazip/quazip.h>

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;
using PB = PacketBuilder;

namespace {
QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}
} // namespace

class TestExportFaults : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_capture;
    Report m_report;

    // What the full disk holds: the filler and the earlier exports, nothing else.
    static void checkNothingLeftBehind(const SmallFilesystem &fs)
    {
        const QStringList names = QDir(fs.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
        QCOMPARE(names, (QStringList{QStringLiteral(".filler"), QStringLiteral("bundle.zip"), QStringLiteral("report.html"),
                                     QStringLiteral("report.json")}));
    }

private slots:
    // A port scan: 40 cited SYNs, each frame padded to 1.4 KB by an Ethernet
    // trailer (a SYN carrying data would not be a probe).
    void initTestCase()
    {
        QList<TestPacket> pk;
        int64_t ts = 1700000000000000000ll;
        for (int p = 1; p <= 40; ++p)
            pk << TestPacket{PB::tcpFrame("10.0.0.66", 50000, "10.0.0.9", uint16_t(p), tcpflags::Syn, 7, 0) + QByteArray(1400, '\0'),
                             ts += 1000000, 0, 0};
        m_capture = m_dir.filePath(QStringLiteral("scan.pcap"));
        QVERIFY(CaptureWriter::save(m_capture, CaptureWriter::pcap(pk)));
        AnalysisRequest req;
        req.path = m_capture;
        const QList<AnalysisOutcome> out = AnalysisService::analyze(req);
        QCOMPARE(out.size(), 1);
        m_report = out.first().report;
        QVERIFY(citedPackets(m_report).size() >= 15);
    }

    void diskFullWhileExporting()
    {
        SmallFilesystem fs;
        QString why;
        if (!fs.mount(1 << 20, &why))
            QSKIP(qPrintable(QStringLiteral("no small disk to fill: %1").arg(why)));
        const QStringList names = {QStringLiteral("report.json"), QStringLiteral("report.html"), QStringLiteral("bundle.zip")};
        for (const QString &n : names) // exports of an earlier run
            QVERIFY(writeWholeFile(fs.filePath(n), "earlier " + n.toUtf8(), &why));
        QVERIFY(fs.fill(0, &why));

        // Reports smaller than a write buffer: the failure shows only when it is flushed.
        QVERIFY(!writeWholeFile(fs.filePath(names[0]), ReportJson::toBytes(m_report, true), &why));
        QVERIFY2(why.contains(names[0]), qPrintable(why));
        QVERIFY(!writeWholeFile(fs.filePath(names[1]), HtmlReport::render(m_report).toUtf8(), &why));
        QVERIFY2(why.contains(names[1]), qPrintable(why));

        const EvidenceResult ev = writeEvidencePcap(m_capture, m_report.capture.fileName, citedPackets(m_report),
                                                    fs.filePath(QStringLiteral("evidence.pcap")));
        QVERIFY2(!ev.ok, "evidence.pcap reported written on a full disk");
        QVERIFY2(ev.error.contains(QLatin1String("evidence.pcap")), qPrintable(ev.error));

        QVERIFY2(!writeBundle(m_report, m_capture, fs.filePath(names[2]), &why), "a bundle reported written on a full disk");
        QVERIFY2(why.contains(names[2]), qPrintable(why));
        qInfo("full disk: %s", qPrintable(why));

        for (const QString &n : names)
            QCOMPARE(readAll(fs.filePath(n)), "earlier " + n.toUtf8());
        checkNothingLeftBehind(fs);

        fs.free();
        QVERIFY2(writeBundle(m_report, m_capture, fs.filePath(names[2]), &why), qPrintable(why));
        QuaZip zip(fs.filePath(names[2]));
        QVERIFY(zip.open(QuaZip::mdUnzip));
        QCOMPARE(zip.getEntriesCount(), 4);
        const EvidenceResult again = writeEvidencePcap(m_capture, m_report.capture.fileName, citedPackets(m_report),
                                                       fs.filePath(QStringLiteral("evidence.pcap")));
        QVERIFY2(again.ok, qPrintable(again.error));
    }

    // The CLI on a full disk: the report cannot be written, exit code 8, the
    // file named.
    void cliExitsWithEightOnAFullDisk()
    {
        SmallFilesystem fs;
        QString why;
        if (!fs.mount(1 << 20, &why))
            QSKIP(qPrintable(QStringLiteral("no small disk to fill: %1").arg(why)));
        QVERIFY(fs.fill(2048, &why));
        for (const QString &option : {QStringLiteral("--json"), QStringLiteral("--html"), QStringLiteral("--bundle")}) {
            const QString out = fs.filePath(QStringLiteral("out") + option.mid(1));
            QProcess p;
            p.start(QStringLiteral(PACKETLENS_CLI), {QStringLiteral("analyze"), m_capture, QStringLiteral("--no-history"),
                                                     QStringLiteral("--quiet"), option, out});
            QVERIFY(p.waitForFinished(60000));
            const QByteArray err = p.readAllStandardError();
            QCOMPARE(p.exitStatus(), QProcess::NormalExit);
            QVERIFY2(p.exitCode() == 8, qPrintable(QStringLiteral("%1: exit %2, %3").arg(option).arg(p.exitCode()).arg(QString::fromLocal8Bit(err))));
            QVERIFY2(err.contains(QFile::encodeName(out)), err.constData());
            QVERIFY(!QFileInfo::exists(out));
        }
    }
};

QTEST_GUILESS_MAIN(TestExportFaults)
#include "tst_exportfaults.moc"
