// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's per-tab state and keyboard paths, offscreen: the status
// bar follows the current tab, a cleared filter takes its error along, F5
// re-analyzes in place, changed settings are noted on open tabs; Tab walks
// list -> details -> hex -> filter, Enter and Ctrl+E on a finding, Ctrl+Tab
// and Ctrl+PgUp/PgDn from a table, menu shortcuts; History's Delete key asks
// first, and its counts survive a language switch and F5.
#include "guitestsupport.h"
#include "appsettings.h"
#include "capturetab.h"
#include "explaindialog.h"
#include "findingspage.h"
#include "historyview.h"
#include "i18n.h"
#include "mainwindow.h"
#include "packetdetails.h"
#include "packetlistmodel.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace packetlens;
using namespace packetlens::gui;
using namespace packetlens::gui::testing;

namespace {
const QString kSample = QStringLiteral(PACKETLENS_SAMPLE);

QAction *menuAction(MainWindow &w, const QString &text)
{
    for (QMenu *m : w.menuBar()->findChildren<QMenu *>())
        for (QAction *a : m->actions())
            if (a->text() == text)
                return a;
    return nullptr;
}

qint64 analysesIn(const QString &summary)
{
    // "Captures: 1 (… of capture files) · analyses: 2 · …" in either language
    const qsizetype at = summary.indexOf(QStringLiteral(" · ")) + 3;
    const QString rest = summary.mid(at);
    const QString digits = rest.section(u':', 1, 1).section(u'·', 0, 0).remove(QRegularExpression(QStringLiteral("[^0-9]")));
    return digits.toLongLong();
}
} // namespace

class TstMainWindowState : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_copy;

private slots:
    void initTestCase()
    {
        QVERIFY(isolateApp(m_dir, QStringLiteral("PacketLensStateTest")));
        AppSettings::setDetectionOverrides(QString());
        applyLanguage(QStringLiteral("en"));
        m_copy = m_dir.filePath(QStringLiteral("second.pcap"));
        QVERIFY(QFile::copy(kSample, m_copy));
    }

    // Each tab keeps its own status line; switching tabs shows that tab's,
    // never the other capture's "analyzed in".
    void statusFollowsTheCurrentTab()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(kSample));
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        QVERIFY(w.openCapture(m_copy));
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        CaptureTab *first = w.captureTabs().at(0), *second = w.captureTabs().at(1);
        QVERIFY2(first->statusText().contains(QStringLiteral("sample.pcap")), qPrintable(first->statusText()));
        QVERIFY2(second->statusText().contains(QStringLiteral("second.pcap")), qPrintable(second->statusText()));
        w.tabs()->setCurrentWidget(first);
        QCOMPARE(w.statusLabel()->text(), first->statusText());
        w.tabs()->setCurrentWidget(second);
        QCOMPARE(w.statusLabel()->text(), second->statusText());
        w.tabs()->setCurrentIndex(0); // the start page has no status of its own
        QVERIFY(w.statusLabel()->text().isEmpty());
        QVERIFY(w.findChild<QProgressBar *>(QStringLiteral("progressBar"))->isHidden());
        // Finished analyses let go of their tabs (a later analysis whose job
        // took the freed job's address once wrote its status into, and was
        // cancelled from, the earlier tab).
        QVERIFY(!w.isAnalyzing(first));
        QVERIFY(!w.isAnalyzing(second));
    }

    // A filter's error goes when the filter is cleared (and all packets show again).
    void clearingAFilterClearsItsError()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(kSample));
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        CaptureTab *t = w.currentCapture();
        const int all = t->packetModel()->rowCount();
        t->applyFilter(QStringLiteral("dns"));
        QTRY_VERIFY(!t->isBusy());
        QVERIFY(t->packetModel()->rowCount() < all);
        t->applyFilter(QStringLiteral("tcp.port=="));
        QVERIFY(w.statusLabel()->text().startsWith(QStringLiteral("Invalid filter")));
        QVERIFY(t->filterStatus()->text().startsWith(QStringLiteral("Invalid filter")));
        t->filterEdit()->clear();
        QTRY_VERIFY(!t->isBusy());
        QVERIFY2(!w.statusLabel()->text().contains(QStringLiteral("Invalid")), qPrintable(w.statusLabel()->text()));
        QVERIFY2(!t->filterStatus()->text().contains(QStringLiteral("Invalid")), qPrintable(t->filterStatus()->text()));
        QCOMPARE(t->packetModel()->rowCount(), all);
        // The details clear when the filter hides their packet.
        t->packetView()->selectRow(0); // a DNS query
        QVERIFY(t->details()->tree()->topLevelItemCount() > 0);
        t->applyFilter(QStringLiteral("tcp"));
        QTRY_VERIFY(!t->isBusy());
        QCOMPARE(t->details()->tree()->topLevelItemCount(), 0);
    }

    // F5 re-analyzes the capture in its place, on the view and filter it had.
    void f5KeepsTabInPlace()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(kSample));
        QVERIFY(w.openCapture(m_copy));
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        CaptureTab *first = w.captureTabs().at(0);
        const int index = w.tabs()->indexOf(first);
        w.tabs()->setCurrentWidget(first);
        first->applyFilter(QStringLiteral("dns"));
        first->showView(CaptureTab::FindingsView);
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTest::keyClick(&w, Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(idle(w) && w.captureTabs().size() == 2, 60000);
        CaptureTab *again = w.currentCapture();
        QVERIFY(again && again != first);
        QCOMPARE(again->path(), QFileInfo(kSample).absoluteFilePath());
        QCOMPARE(w.tabs()->indexOf(again), index);
        QCOMPARE(again->views()->currentIndex(), int(CaptureTab::FindingsView));
        QCOMPARE(again->filterText(), QStringLiteral("dns"));
        QVERIFY(again->hasReport());
    }

    void settingsChangeIsNoted()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(kSample));
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        CaptureTab *t = w.currentCapture();
        w.noteSettingsChange();
        QVERIFY(t->settingsNote()->isHidden()); // same settings
        AppSettings::setDetectionOverrides(QStringLiteral("{\"port_scan\": {\"min_ports\": 40}}"));
        w.noteSettingsChange();
        AppSettings::setDetectionOverrides(QString());
        QVERIFY(t->settingsChanged());
        QVERIFY(t->settingsNote()->isVisibleTo(t));
        QVERIFY(t->settingsNote()->text().contains(QStringLiteral("F5")));
        QVERIFY2(w.statusLabel()->text().contains(QStringLiteral("F5 to re-analyze")), qPrintable(w.statusLabel()->text()));
    }

    void keyboardPaths()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(kSample));
        QVERIFY(w.openCapture(m_copy));
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        CaptureTab *t = w.currentCapture();
        // Tab: list -> details -> hex -> filter.
        t->packetView()->setFocus();
        t->packetView()->selectRow(3);
        QTest::keyClick(t->packetView(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), t->details()->tree());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), t->details()->hex());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), t->filterEdit());
        // Ctrl+Tab in the list goes to the next view, not the next cell.
        t->packetView()->setFocus();
        QTest::keyClick(t->packetView(), Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(t->views()->currentIndex(), int(CaptureTab::DashboardView));
        // Ctrl+PgUp/PgDn from a table switch captures.
        t->showView(CaptureTab::HostsView);
        t->hostsView()->setFocus();
        const int at = w.tabs()->currentIndex();
        QTest::keyClick(t->hostsView(), Qt::Key_PageUp, Qt::ControlModifier);
        QCOMPARE(w.tabs()->currentIndex(), at - 1);
        QTest::keyClick(w.tabs()->currentWidget(), Qt::Key_PageDown, Qt::ControlModifier);
        QCOMPARE(w.tabs()->currentIndex(), at);
        // Findings: Tab reaches the buttons; Enter shows the evidence; Ctrl+E explains.
        QVERIFY(!t->report()->findings().empty());
        t->showView(CaptureTab::FindingsView);
        QTableView *findings = t->findingsView();
        findings->setFocus();
        findings->selectRow(0);
        QTest::keyClick(findings, Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("evidenceButton"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("explainButton"));
        findings->setFocus();
        QTest::keyClick(findings, Qt::Key_E, Qt::ControlModifier);
        ExplainDialog *explain = nullptr;
        QTRY_VERIFY((explain = t->findChild<ExplainDialog *>(QStringLiteral("explainDialog"))) != nullptr);
        QVERIFY(explain->isVisible());
        explain->close();
        findings->setFocus();
        QTest::keyClick(findings, Qt::Key_Return);
        QCOMPARE(t->views()->currentIndex(), int(CaptureTab::PacketsView));
        QVERIFY2(t->filterText().startsWith(QStringLiteral("frame.number in {")), qPrintable(t->filterText()));
        // Menu actions show their shortcuts.
        for (const char *text : {"Report as &JSON…", "Report as &HTML…", "&ZIP bundle with evidence…", "&Relative Time", "&Next Tab",
                                 "Pre&vious Tab", "&History", "&Re-analyze", "&Filter Packets", "&About PacketLens"}) {
            QAction *a = menuAction(w, QString::fromUtf8(text));
            QVERIFY2(a, text);
            QVERIFY2(!a->shortcut().isEmpty(), text);
        }
    }

    // History: the Delete key asks first; the counts stay right after a
    // language switch and F5 (on a capture, then on the History itself).
    void historyDeleteKeyAndLanguageSwitch()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(kSample));
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        w.showHistory();
        HistoryView *h = w.historyView();
        const qint64 analyses = analysesIn(h->summary()->text());
        QVERIFY2(analyses >= 1, qPrintable(h->summary()->text()));
        const int rows = h->table()->model()->rowCount();
        h->table()->setFocus();
        h->table()->selectRow(0);
        QTest::keyClick(h->table(), Qt::Key_Delete);
        QMessageBox *ask = nullptr;
        QTRY_VERIFY((ask = h->findChild<QMessageBox *>(QStringLiteral("confirmDelete"))) != nullptr);
        ask->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!h->findChild<QMessageBox *>(QStringLiteral("confirmDelete")));
        QCOMPARE(h->table()->model()->rowCount(), rows);

        applyLanguage(QStringLiteral("ru"));
        w.tabs()->setCurrentWidget(w.captureTabs().first());
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTest::keyClick(&w, Qt::Key_F5);
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        QTRY_VERIFY(analysesIn(h->summary()->text()) == analyses + 1);
        QVERIFY2(h->summary()->text().startsWith(QStringLiteral("Захватов")), qPrintable(h->summary()->text()));
        w.tabs()->setCurrentWidget(h);
        QTest::keyClick(&w, Qt::Key_F5);
        QCOMPARE(analysesIn(h->summary()->text()), analyses + 1);
        QCOMPARE(h->table()->model()->rowCount(), rows + 1);
        applyLanguage(QStringLiteral("en"));
    }
};

QTEST_MAIN(TstMainWindowState)
#include "tst_mainwindowstate.moc"
