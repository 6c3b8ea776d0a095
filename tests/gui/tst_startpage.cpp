// SPDX-License-Identifier: GPL-3.0-or-later
// The Start tab: recent captures open with a click (one that is gone does
// not), the sample opens from its button, and the live button follows
// Capture ▸ Start.
#include "guitestsupport.h"
#include "appsettings.h"
#include "capturetab.h"
#include "mainwindow.h"
#include "startpage.h"

#include <QFile>
#include <QFileInfo>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace packetlens;
using namespace packetlens::gui;
using namespace packetlens::gui::testing;

class TstStartPage : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(isolateApp(m_dir, QStringLiteral("PacketLensStartTest")));
        QSettings().remove(QStringLiteral("files/recent")); // a run's own recent list
    }

    void recentCaptureOpensWithAClick()
    {
        const QString copy = m_dir.filePath(QStringLiteral("recent.pcap"));
        QVERIFY(QFile::copy(QStringLiteral(PACKETLENS_SAMPLE), copy));
        const QString gone = m_dir.filePath(QStringLiteral("gone.pcap"));
        AppSettings::addRecentFile(gone);
        AppSettings::addRecentFile(copy); // the newest first
        MainWindow w;
        w.show();
        StartPage *start = w.startPage();
        QCOMPARE(w.tabs()->currentWidget(), start);
        QListWidget *list = start->recentList();
        QCOMPARE(list->count(), 2);
        QVERIFY(list->item(0)->text().startsWith(QLatin1String("recent.pcap")));
        QVERIFY(list->item(1)->text().contains(QLatin1String("no longer there")));
        QVERIFY(!(list->item(1)->flags() & Qt::ItemIsEnabled));

        // A click on the file that is gone opens nothing.
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(1)).center());
        QVERIFY(w.captureTabs().isEmpty());
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(0)).center());
        QTRY_COMPARE(w.captureTabs().size(), 1);
        QCOMPARE(QFileInfo(w.captureTabs().first()->path()).canonicalFilePath(), QFileInfo(copy).canonicalFilePath());
        QCOMPARE(w.tabs()->currentWidget(), w.captureTabs().first());
        QTRY_VERIFY_WITH_TIMEOUT(!w.isAnalyzing(), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(w.captureTabs().first()->hasReport(), 60000);
    }

    void sampleOpensFromItsButton()
    {
        MainWindow w;
        w.show();
        StartPage *start = w.startPage();
        QVERIFY(QFileInfo(StartPage::findSample()).isFile()); // installed, or the source tree's
        QVERIFY(start->sampleButton()->isEnabled());
        QTest::mouseClick(start->sampleButton(), Qt::LeftButton);
        QTRY_COMPARE(w.captureTabs().size(), 1);
        QCOMPARE(w.captureTabs().first()->title(), QStringLiteral("sample.pcap"));
        QTRY_VERIFY_WITH_TIMEOUT(!w.isAnalyzing(), 60000);
        // The new file is at the top of the recent list.
        QVERIFY(start->recentList()->item(0)->text().startsWith(QLatin1String("sample.pcap")));
    }

    void liveButtonFollowsCaptureStart()
    {
        MainWindow w;
        StartPage *start = w.startPage();
        QAction *startAction = nullptr;
        for (QAction *a : w.findChildren<QAction *>())
            if (a->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_K))
                startAction = a;
        QVERIFY(startAction);
        QCOMPARE(start->liveButton()->isEnabled(), startAction->isEnabled());
        startAction->setEnabled(false);
        QVERIFY(!start->liveButton()->isEnabled());
        startAction->setEnabled(true);
        QVERIFY(start->liveButton()->isEnabled());
        QVERIFY(!start->liveButton()->text().isEmpty());
    }
};

QTEST_MAIN(TstStartPage)
#include "tst_startpage.moc"
