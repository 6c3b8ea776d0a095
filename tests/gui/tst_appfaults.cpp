// SPDX-License-Identifier: GPL-3.0-or-later
// The app when its history database is deleted while it runs (issue #24):
// the analysis that follows is shown and says that it was not recorded (and
// why), the history view connects again to a new, empty history, and the
// next analysis is recorded there. Offscreen; waits end on the app's state.
#include "guitestsupport.h"
#include "appsettings.h"
#include "capturetab.h"
#include "historyview.h"
#include "mainwindow.h"
#include "support/capturewriter.h"
#include "support/packetbuilder.h"

#include <QApplication>
#include <QLabel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::gui;
using namespace packetlens::gui::testing;
using namespace packetlens::test;

namespace {
QString smallCapture(const QTemporaryDir &dir, int variant)
{
    QList<TestPacket> pk;
    for (int i = 0; i < 5; ++i)
        pk << TestPacket{PacketBuilder::udpFrame(QStringLiteral("10.0.0.%1").arg(variant), 5000, QStringLiteral("10.0.0.53"), 53,
                                                 PacketBuilder::dnsQuery(uint16_t(i), QStringLiteral("v%1.example.com").arg(variant))),
                         1700000000000000000ll + i * 1000000ll, 0, 0};
    const QString path = dir.filePath(QStringLiteral("c%1.pcap").arg(variant));
    CaptureWriter::save(path, CaptureWriter::pcap(pk));
    return path;
}
} // namespace

class TstAppFaults : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_db;

private slots:
    void initTestCase()
    {
        QVERIFY(isolateApp(m_dir, QStringLiteral("PacketLensFaults")));
        m_db = m_dir.filePath(QStringLiteral("history.sqlite"));
    }

    void historyDeletedWhileTheAppRuns()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(smallCapture(m_dir, 1)));
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        w.showHistory();
        HistoryView *h = w.historyView();
        QVERIFY(h);
        QCOMPARE(h->table()->model()->rowCount(), 1);

        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(m_db + QLatin1String(suffix));

        QVERIFY(w.openCapture(smallCapture(m_dir, 2)));
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        QVERIFY(w.captureTabs().last()->hasReport()); // analyzed all the same
        const QString status = w.statusLabel()->text();
        QVERIFY2(status.contains(QLatin1String("history not recorded")) && status.contains(QLatin1String("deleted or replaced")),
                 qPrintable(status));
        QCOMPARE(h->table()->model()->rowCount(), 0); // the view connected again: a new, empty history
        QVERIFY(QFileInfo::exists(m_db));

        QVERIFY(w.openCapture(smallCapture(m_dir, 3)));
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        QVERIFY2(!w.statusLabel()->text().contains(QLatin1String("not recorded")), qPrintable(w.statusLabel()->text()));
        QCOMPARE(h->table()->model()->rowCount(), 1);
    }
};

QTEST_MAIN(TstAppFaults)
#include "tst_appfaults.moc"
