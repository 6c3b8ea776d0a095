// SPDX-License-Identifier: GPL-3.0-or-later
// The app's live capture, offscreen, as root on lo (CI runs as root; the
// capturing tests skip and say so otherwise): the dialog lists the
// interfaces and refuses an invalid filter before anything starts; a
// capture's rows arrive while it runs, a planted scan's finding shows in
// the Findings tab before Stop; Stop saves the pcapng and records the
// history row.
#include "guitestsupport.h"
#include "appsettings.h"
#include "capturetab.h"
#include "livedialog.h"
#include "livejob.h"
#include "mainwindow.h"

#include "core/history/historystore.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QUdpSocket>

#include <unistd.h>

using namespace packetlens;
using namespace packetlens::gui;
using namespace packetlens::gui::testing;

class TestMainWindowLive : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    static quint16 basePort(int offset) { return quint16(20000 + (QCoreApplication::applicationPid() * 83 + offset) % 30000); }

private slots:
    void initTestCase()
    {
        QVERIFY(isolateApp(m_dir, QStringLiteral("PacketLensLiveTest")));
    }

    void dialogListsInterfacesAndChecksTheFilter()
    {
        LiveDialog dialog;
        QStringList names;
        for (int i = 0; i < dialog.interfaceList()->topLevelItemCount(); ++i)
            names << dialog.interfaceList()->topLevelItem(i)->text(0);
        QVERIFY2(names.contains(QStringLiteral("lo")) && names.contains(QStringLiteral("any")), qPrintable(names.join(u',')));
        dialog.filterEdit()->setText(QStringLiteral("tcp port"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Rejected)); // still open
        QVERIFY(dialog.errorLabel()->text().contains(QLatin1String("Invalid capture filter")));
    }

    void captureRowsFindingsStop()
    {
        if (::geteuid() != 0)
            QSKIP("capturing on lo needs root (CI runs as root)");
        const quint16 udpPort = basePort(0), scanBase = basePort(100);
        MainWindow w;
        w.show();
        LiveJobSpec spec;
        spec.live.source.interface = QStringLiteral("lo");
        spec.live.filter = QStringLiteral("udp port %1 or tcp portrange %2-%3").arg(udpPort).arg(scanBase).arg(scanBase + 39);
        spec.savePath = m_dir.filePath(QStringLiteral("app-live.pcapng"));
        QVERIFY(w.startLiveCapture(spec));
        QVERIFY(w.isCapturing());
        CaptureTab *tab = qobject_cast<CaptureTab *>(w.tabs()->currentWidget());
        QVERIFY(tab);
        QTRY_VERIFY_WITH_TIMEOUT(w.liveStatus()->text().contains(QLatin1String("packets/s")), 60000); // stats arrive
        QUdpSocket sender;
        for (int i = 0; i < 50; ++i)
            sender.writeDatagram("app live test", QHostAddress::LocalHost, udpPort);
        QTRY_VERIFY_WITH_TIMEOUT(tab->packetCount() >= 50, 60000);
        for (int p = 0; p < 40; ++p) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, quint16(scanBase + p));
            QTRY_VERIFY_WITH_TIMEOUT(s.state() == QAbstractSocket::UnconnectedState, 60000);
        }
        QTRY_VERIFY_WITH_TIMEOUT(tab->views()->tabText(CaptureTab::FindingsView).contains(QLatin1String("(")), 60000);
        QVERIFY(!tab->hasReport()); // before stop
        QSignalSpy finished(&w, &MainWindow::liveCaptureFinished);
        w.stopLiveCapture();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 60000);
        QCOMPARE(finished.first().at(0).toString(), spec.savePath);
        const qint64 analysisId = finished.first().at(1).toLongLong();
        QVERIFY(analysisId > 0);
        QVERIFY(QFile::exists(spec.savePath));
        QVERIFY(tab->hasReport());
        QCOMPARE(tab->report()->capture.packets, qint64(tab->packetCount()));
        QVERIFY(!tab->report()->findings().empty());
        HistoryStore store(AppSettings::databasePath());
        QString why;
        QVERIFY2(store.open(&why), qPrintable(why));
        QCOMPARE(store.statusOf(analysisId), QStringLiteral("done"));
        QVERIFY(!w.isCapturing());
    }
};

QTEST_MAIN(TestMainWindowLive)
#include "tst_mainwindowlive.moc"
