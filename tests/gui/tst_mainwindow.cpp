// SPDX-License-Identifier: GPL-3.0-or-later
// The desktop app driven as a user would, offscreen: drop files, wait for the
// engine, filter, sort, follow a finding to its evidence, switch language,
// open the history, survive bad files.
#include "guitestsupport.h"
#include "appsettings.h"
#include "captureproperties.h"
#include "capturetab.h"
#include "dashboard.h"
#include "historyview.h"
#include "i18n.h"
#include "mainwindow.h"
#include "packetdetails.h"
#include "packetlistmodel.h"
#include "serverpanel.h"

#include "core/history/historystore.h"
#include "core/service/analysisservice.h"
#include "support/capturewriter.h"
#include "support/packetbuilder.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <zlib.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QScopeGuard>
#include <QtCharts/QLegend>
#include <QHeaderView>
#include <QPushButton>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSpinBox>
#include <QTcpServer>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QtCharts/QChartView>
#include <QtCharts/QPieSeries>

using namespace packetlens;
using namespace packetlens::gui;
using namespace packetlens::gui::testing;
using namespace packetlens::test;

namespace {
const QString kSample = QStringLiteral(PACKETLENS_SAMPLE);

void drop(QWidget *target, const QStringList &files)
{
    auto *mime = new QMimeData;
    QList<QUrl> urls;
    for (const QString &f : files)
        urls << QUrl::fromLocalFile(f);
    mime->setUrls(urls);
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent dropEvent(QPointF(10, 10), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &dropEvent);
    delete mime;
}

QMessageBox *errorBox(QWidget *w)
{
    for (QMessageBox *b : w->findChildren<QMessageBox *>(QStringLiteral("errorBox")))
        if (b->isVisible())
            return b;
    return nullptr;
}

// A file of the given bytes; empty when it cannot be written.
QString writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() ? path : QString();
}

// A file of these bytes dropped on the window: the error box it opens, or
// null (none opened, or the file could not be written).
QMessageBox *errorOnDrop(QWidget *w, const QString &path, const QByteArray &bytes)
{
    if (writeFile(path, bytes).isEmpty())
        return nullptr;
    drop(w, {path});
    return errorBox(w);
}

QSet<uint64_t> shownPacketNumbers(CaptureTab *t)
{
    QSet<uint64_t> out;
    for (int r = 0; r < t->packetModel()->rowCount(); ++r)
        out.insert(t->packetModel()->index(r, 0).data().toULongLong());
    return out;
}

// Packets the engine counted for a protocol: the sum over the hierarchy's
// paths that end in it (tcp sits under eth:ip and eth:ipv6).
int reportCount(const Report &report, const QString &proto)
{
    int n = 0;
    for (const ProtocolNode &p : report.protocols)
        if (p.name == proto)
            n += int(p.packets);
    return n;
}
} // namespace

class TstMainWindow : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(isolateApp(m_dir, QStringLiteral("PacketLensTest")));
        AppSettings::setRelativeTime(true);
        QVERIFY2(QFileInfo::exists(kSample), qPrintable(kSample));
    }

    void dropSampleFillsTableAndCharts()
    {
        MainWindow w;
        w.show();
        drop(&w, {kSample});
        QCOMPARE(w.captureTabs().size(), 1);
        CaptureTab *t = w.captureTabs().first();
        QAbstractItemModelTester tester(t->packetModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        QVERIFY(t->hasReport());
        QCOMPARE(t->packetModel()->rowCount(), t->report()->capture.packets);
        QCOMPARE(t->packetModel()->rowCount(), 2503);
        // First row: number, relative time, addresses, protocol, length, info.
        const auto cell = [t](int r, int c) { return t->packetModel()->index(r, c).data().toString(); };
        QCOMPARE(cell(0, 0), QStringLiteral("1"));
        QCOMPARE(cell(0, 1), QStringLiteral("0.000000"));
        QCOMPARE(cell(0, 4), QStringLiteral("DNS"));
        QVERIFY(cell(0, 6).startsWith(QStringLiteral("Standard query")));
        // Every row's addresses are its packet's own (the worker keeps a
        // conversation's interned addresses with it: both directions must
        // come out right).
        {
            AnalysisRequest req;
            req.path = kSample;
            req.analyzer.detect = false;
            QStringList src, dst;
            PacketCallback listener([&](const PacketContext &pc) {
                src << (pc.d->src.isValid() ? QString::fromStdString(pc.d->src.toString()) : QString());
                dst << (pc.d->dst.isValid() ? QString::fromStdString(pc.d->dst.toString()) : QString());
            });
            AnalysisService::analyze(req, nullptr, {}, &listener);
            QCOMPARE(src.size(), 2503);
            int ipRows = 0;
            for (int r = 0; r < src.size(); ++r) {
                if (src[r].isEmpty())
                    continue;
                ++ipRows;
                QCOMPARE(cell(r, 2), src[r]);
                QCOMPARE(cell(r, 3), dst[r]);
            }
            QVERIFY(ipRows > 2000);
        }
        // Charts populated (drawn when the dashboard is shown).
        t->showView(CaptureTab::DashboardView);
        const auto pie = t->dashboard()->protocolLabels();
        QVERIFY2(pie.size() >= 3, qPrintable(pie.join(u',')));
        QVERIFY(!t->dashboard()->trafficView()->chart()->series().isEmpty());
        QVERIFY(!t->dashboard()->suspiciousView()->chart()->series().isEmpty());
        // Findings, hosts and conversations from the report.
        QCOMPARE(t->findingsView()->model()->rowCount(), int(t->report()->findings().size()));
        QVERIFY(t->hostsView()->model()->rowCount() > 0);
        QVERIFY(t->conversationsView()->model()->rowCount() > 0);
        // Selecting a packet shows its layers; selecting a field selects its bytes.
        t->packetView()->selectRow(2);
        QTreeWidget *tree = t->details()->tree();
        QVERIFY(tree->topLevelItemCount() >= 4);
        QTreeWidgetItem *ip = nullptr;
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            if (tree->topLevelItem(i)->text(0).startsWith(QStringLiteral("Internet Protocol Version 4")))
                ip = tree->topLevelItem(i);
        QVERIFY(ip);
        QTreeWidgetItem *srcField = nullptr;
        for (int i = 0; i < ip->childCount(); ++i)
            if (ip->child(i)->text(0).startsWith(QStringLiteral("Source address")))
                srcField = ip->child(i);
        QVERIFY(srcField);
        tree->setCurrentItem(srcField);
        QCOMPARE(t->details()->selectedBytes(), qMakePair(26, 4));
        QVERIFY(!t->details()->hex()->extraSelections().isEmpty());
        // The same capture again: answered from the history at once.
        QVERIFY(w.openCapture(kSample));
        CaptureTab *again = w.captureTabs().last();
        QTRY_VERIFY_WITH_TIMEOUT(again->hasReport(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        QCOMPARE(again->report()->findings(), t->report()->findings());
        QCOMPARE(again->packetModel()->rowCount(), 2503);
    }

    void filterShowsExpectedRows()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(kSample));
        CaptureTab *t = w.captureTabs().first();
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        QAbstractItemModelTester tester(t->packetModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Protocol filters count what the engine counted (tshark's io,phs names).
        for (const QString &proto : {QStringLiteral("dns"), QStringLiteral("tcp"), QStringLiteral("udp"), QStringLiteral("arp"),
                                     QStringLiteral("tls"), QStringLiteral("http")}) {
            t->applyFilter(proto);
            QTRY_VERIFY_WITH_TIMEOUT(!t->isBusy(), 20000);
            QCOMPARE(t->packetModel()->rowCount(), reportCount(*t->report(), proto));
        }
        // Address and port filters: every row satisfies them.
        t->applyFilter(QStringLiteral("ip.addr==10.0.0.53 && udp.port==53"));
        QTRY_VERIFY_WITH_TIMEOUT(!t->isBusy(), 20000);
        QVERIFY(t->packetModel()->rowCount() > 0);
        for (int r = 0; r < t->packetModel()->rowCount(); ++r) {
            const QString s = t->packetModel()->index(r, 2).data().toString(), d = t->packetModel()->index(r, 3).data().toString();
            QVERIFY(s == QLatin1String("10.0.0.53") || d == QLatin1String("10.0.0.53"));
            QCOMPARE(t->packetModel()->index(r, 4).data().toString(), QStringLiteral("DNS"));
        }
        t->applyFilter(QStringLiteral("frame.len>1000 && !tls"));
        QTRY_VERIFY_WITH_TIMEOUT(!t->isBusy(), 20000);
        for (int r = 0; r < t->packetModel()->rowCount(); ++r)
            QVERIFY(t->packetModel()->index(r, 5).data().toInt() > 1000);
        t->applyFilter(QStringLiteral("\"login.example.com\""));
        QTRY_VERIFY_WITH_TIMEOUT(!t->isBusy(), 20000);
        QVERIFY(t->packetModel()->rowCount() > 0);
        for (int r = 0; r < t->packetModel()->rowCount(); ++r)
            QVERIFY(t->packetModel()->index(r, 6).data().toString().contains(QStringLiteral("login.example.com")));
        // An invalid filter is shown red with its reason and leaves the rows alone.
        const int before = t->packetModel()->rowCount();
        t->applyFilter(QStringLiteral("tcp.port==abc"));
        QVERIFY(!t->filterValid());
        QVERIFY(t->filterStatus()->text().contains(QStringLiteral("not a valid port")));
        QVERIFY(t->filterEdit()->styleSheet().contains(QStringLiteral("211")));
        QCOMPARE(t->packetModel()->rowCount(), before);
        // Clearing shows everything again.
        t->applyFilter(QString());
        QTRY_VERIFY_WITH_TIMEOUT(!t->isBusy(), 20000);
        QCOMPARE(t->packetModel()->rowCount(), 2503);
        // Sorting by length (descending) off the GUI thread.
        t->packetView()->horizontalHeader()->setSortIndicator(5, Qt::DescendingOrder);
        QTRY_VERIFY_WITH_TIMEOUT(!t->isBusy() && !t->packetModel()->isIdentity(), 20000);
        int last = INT_MAX;
        for (int r = 0; r < t->packetModel()->rowCount(); ++r) {
            const int len = t->packetModel()->index(r, 5).data().toInt();
            QVERIFY(len <= last);
            last = len;
        }
        // Absolute time.
        t->setRelativeTime(false);
        QVERIFY(t->packetModel()->index(0, 1).data().toString().startsWith(QStringLiteral("2025-01-01 ")));
    }

    void findingDoubleClickShowsEvidence()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openCapture(kSample));
        CaptureTab *t = w.captureTabs().first();
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        QTableView *fv = t->findingsView();
        QVERIFY(fv->model()->rowCount() > 0);
        t->showView(CaptureTab::FindingsView);
        for (int row = 0; row < fv->model()->rowCount(); ++row) {
            const QModelIndex idx = fv->model()->index(row, 0);
            const QString id = idx.data().toString();
            const ReportFinding *finding = t->report()->finding(id);
            QVERIFY(finding);
            QSet<uint64_t> cited;
            for (qint64 p : finding->evidencePackets)
                cited.insert(uint64_t(p));
            QVERIFY(!cited.isEmpty());
            // Double-click as the user does.
            fv->scrollTo(idx);
            QTRY_VERIFY(fv->viewport()->isVisible() && fv->visualRect(idx).isValid());
            const QRect rect = fv->visualRect(idx);
            // Qt 6's QTest::mouseDClick sends no press of its own: press first, as a real double-click does.
            QTest::mousePress(fv->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
            QTest::mouseDClick(fv->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
            QTRY_COMPARE_WITH_TIMEOUT(t->views()->currentIndex(), int(CaptureTab::PacketsView), 5000);
            QVERIFY(t->filterText().startsWith(QStringLiteral("frame.number in {")));
            QTRY_VERIFY_WITH_TIMEOUT(!t->isBusy(), 20000);
            QCOMPARE(shownPacketNumbers(t), cited);
            // Evidence rows carry their finding's severity colour.
            QVERIFY(t->packetModel()->index(0, 0).data(Qt::BackgroundRole).value<QColor>().isValid());
            t->showView(CaptureTab::FindingsView);
        }
    }

    void languageSwitchRetranslates()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(kSample));
        CaptureTab *t = w.captureTabs().first();
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        const QString fileEn = w.menuBar()->actions().first()->text();
        const QString headerEn = t->packetModel()->headerData(2, Qt::Horizontal).toString();
        const QString tabEn = t->views()->tabText(CaptureTab::PacketsView);
        QCOMPARE(fileEn, QStringLiteral("&File"));
        applyLanguage(QStringLiteral("ru"));
        QTRY_COMPARE(w.menuBar()->actions().first()->text(), QStringLiteral("&Файл"));
        QCOMPARE(t->packetModel()->headerData(2, Qt::Horizontal).toString(), QStringLiteral("Источник"));
        QCOMPARE(t->views()->tabText(CaptureTab::PacketsView), QStringLiteral("Пакеты"));
        QVERIFY(!t->filterEdit()->placeholderText().contains(QStringLiteral("Display filter")));
        applyLanguage(QStringLiteral("en"));
        QTRY_COMPARE(w.menuBar()->actions().first()->text(), fileEn);
        QCOMPARE(t->packetModel()->headerData(2, Qt::Horizontal).toString(), headerEn);
        QCOMPARE(t->views()->tabText(CaptureTab::PacketsView), tabEn);
    }

    // In Russian the core's reasons are Russian too (#21): what the file starts
    // with, a header cut short.
    void badFilesSayWhyInRussian()
    {
        applyLanguage(QStringLiteral("ru"));
        const auto backToEnglish = qScopeGuard([] { applyLanguage(QStringLiteral("en")); }); // also when a check fails
        MainWindow w;
        w.show();
        QMessageBox *box = errorOnDrop(&w, m_dir.filePath(QStringLiteral("ru-notes.pcap")), "these are not packets\n");
        QVERIFY(box);
        QVERIFY2(box->text().contains(QStringLiteral("начинается с 74 68 65 73 ('thes')")) && !box->text().contains(QStringLiteral("starts")),
                 qPrintable(box->text()));
        box->close();
        const QString cut = writeFile(m_dir.filePath(QStringLiteral("ru-cut.pcap")), QByteArray::fromHex("d4c3b2a1020004"));
        QVERIFY(!cut.isEmpty());
        drop(&w, {cut});
        QTRY_VERIFY_WITH_TIMEOUT(w.lastError().contains(QStringLiteral("заголовок pcap обрезан (7 из 24 байт)")), 30000);
        for (QMessageBox *b : w.findChildren<QMessageBox *>())
            b->close();
    }

    void badFilesShowErrorsAndAppStaysUsable()
    {
        MainWindow w;
        w.show();
        QMessageBox *box = errorOnDrop(&w, m_dir.filePath(QStringLiteral("notes.pcap")), "these are not packets\n");
        QVERIFY(box);
        QVERIFY2(box->text().contains(QStringLiteral("not a capture")), qPrintable(box->text()));
        QVERIFY(w.captureTabs().isEmpty());
        box->close();

        // A pcap header with nothing after it: analyzed, then reported empty.
        const QString empty = m_dir.filePath(QStringLiteral("empty.pcap"));
        QVERIFY(CaptureWriter::save(empty, CaptureWriter::pcap({})));
        // A pcap whose first record claims 200 MB: corrupt.
        QByteArray corrupt = CaptureWriter::pcap({TestPacket{PacketBuilder::tcpFrame(QStringLiteral("10.0.0.1"), 1, QStringLiteral("10.0.0.2"), 2, 2), 0}});
        corrupt[24 + 8] = char(0xff);
        corrupt[24 + 9] = char(0xff);
        corrupt[24 + 10] = char(0xff);
        corrupt[24 + 11] = char(0x0f);
        const QString bad = m_dir.filePath(QStringLiteral("corrupt.pcap"));
        QVERIFY(CaptureWriter::save(bad, corrupt));
        drop(&w, {empty, bad});
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 30000);
        QTRY_VERIFY(errorBox(&w));
        QVERIFY(!w.lastError().isEmpty());
        // Still usable: the sample opens and analyzes.
        for (QMessageBox *b : w.findChildren<QMessageBox *>())
            b->close();
        drop(&w, {kSample});
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        bool found = false;
        for (CaptureTab *t : w.captureTabs())
            found = found || (t->hasReport() && t->packetModel()->rowCount() == 2503);
        QVERIFY(found);
    }

    void gzipAndZipOpenLikePlainFiles()
    {
        QFile s(kSample);
        QVERIFY(s.open(QIODevice::ReadOnly));
        const QByteArray bytes = s.readAll();
        const QString gz = m_dir.filePath(QStringLiteral("sample.pcap.gz"));
        QVERIFY(CaptureWriter::save(gz, CaptureWriter::gzip(bytes)));
        MainWindow w;
        w.show();
        drop(&w, {gz});
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        QCOMPARE(w.captureTabs().size(), 1);
        CaptureTab *t = w.captureTabs().first();
        QCOMPARE(t->packetModel()->rowCount(), 2503);
        t->packetView()->selectRow(100);
        QVERIFY(t->details()->tree()->topLevelItemCount() > 2); // bytes come back from the spool
        // A zip holding two captures (pcap and pcapng) and a note: one tab per capture.
        QList<TestPacket> small;
        for (int i = 0; i < 7; ++i)
            small << TestPacket{PacketBuilder::tcpFrame(QStringLiteral("10.9.0.1"), 1000, QStringLiteral("10.9.0.2"), 80, tcpflags::Ack, uint32_t(i)),
                                1700000000000000000ll + i * 1000000ll};
        const QString zipPath = m_dir.filePath(QStringLiteral("two.zip"));
        {
            QuaZip zip(zipPath);
            QVERIFY(zip.open(QuaZip::mdCreate));
            const QList<QPair<QString, QByteArray>> entries = {{QStringLiteral("a/sample.pcap"), bytes},
                                                               {QStringLiteral("b/small.pcapng"), CaptureWriter::pcapng(small, {1})},
                                                               {QStringLiteral("readme.txt"), QByteArray("notes")}};
            for (const auto &e : entries) {
                QuaZipFile zf(&zip);
                QVERIFY(zf.open(QIODevice::WriteOnly, QuaZipNewInfo(e.first)));
                zf.write(e.second);
                zf.close();
            }
            zip.close();
        }
        MainWindow z;
        z.show();
        drop(&z, {zipPath});
        QTRY_VERIFY_WITH_TIMEOUT(idle(z), 60000);
        QCOMPARE(z.captureTabs().size(), 2);
        QCOMPARE(z.captureTabs().at(0)->packetModel()->rowCount(), 2503);
        QCOMPARE(z.captureTabs().at(1)->packetModel()->rowCount(), 7);
        QVERIFY(z.captureTabs().at(0)->hasReport());
        QVERIFY(z.captureTabs().at(1)->hasReport());
        QCOMPARE(z.captureTabs().at(1)->packetModel()->index(6, 2).data().toString(), QStringLiteral("10.9.0.1"));
        z.captureTabs().at(1)->packetView()->selectRow(6);
        QVERIFY(z.captureTabs().at(1)->details()->tree()->topLevelItemCount() > 2);
        // Follow and Export Objects read the tab's own capture of the archive.
        QCOMPARE(z.captureTabs().at(0)->entry(), 0);
        QCOMPARE(z.captureTabs().at(1)->entry(), 1);
    }

    void cancelKeepsWhatWasRead()
    {
        // A capture big enough to be cancelled while it is read.
        QList<TestPacket> packets;
        for (int i = 0; i < 200000; ++i)
            packets << TestPacket{PacketBuilder::udpFrame(QStringLiteral("10.0.0.1"), uint16_t(1000 + i % 50000), QStringLiteral("10.0.0.2"), 9, QByteArray(64, 'x')),
                                  int64_t(i) * 1000000};
        const QString big = m_dir.filePath(QStringLiteral("big.pcap"));
        QVERIFY(CaptureWriter::save(big, CaptureWriter::pcap(packets)));
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(big, true));
        QTRY_VERIFY_WITH_TIMEOUT(!w.captureTabs().isEmpty() && w.captureTabs().first()->packetCount() > 0, 30000);
        w.findChild<QPushButton *>(QStringLiteral("cancelButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isAnalyzing(), 30000);
        QCOMPARE(w.captureTabs().size(), 1);
        CaptureTab *t = w.captureTabs().first();
        QVERIFY(t->packetModel()->rowCount() > 0);
        QVERIFY(!t->hasReport() || t->packetModel()->rowCount() == 200000); // either cancelled in time or finished
    }

    void historyViewListsAnalyses()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(kSample));
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        w.showHistory();
        HistoryView *h = w.historyView();
        QVERIFY(h);
        QVERIFY(h->table()->model()->rowCount() >= 1);
        QVERIFY(h->topIpsTable()->model()->rowCount() >= 1);
        QVERIFY2(h->summary()->text().startsWith(QStringLiteral("Captures: ")), qPrintable(h->summary()->text()));
        // Reopen from the history.
        const int before = w.captureTabs().size();
        int row = -1;
        for (int r = 0; r < h->table()->model()->rowCount() && row < 0; ++r)
            if (h->table()->model()->index(r, 2).data().toString() == QLatin1String("sample.pcap"))
                row = r;
        QVERIFY(row >= 0);
        h->table()->selectRow(row);
        h->findChild<QPushButton *>(QStringLiteral("historyReopen"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(w.captureTabs().size() == before + 1 && idle(w), 60000);
        QVERIFY(w.captureTabs().last()->hasReport());
    }

    // Delete asks first; Cancel keeps the analysis, Yes removes it.
    void historyDeleteAsksFirst()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(kSample));
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        w.showHistory();
        HistoryView *h = w.historyView();
        const int rows = h->table()->model()->rowCount();
        QVERIFY(rows >= 1);
        h->table()->selectRow(0);
        const QString id = h->table()->model()->index(0, 0).data().toString();
        auto *del = h->findChild<QPushButton *>(QStringLiteral("historyDelete"));
        del->click();
        QMessageBox *ask = nullptr;
        QTRY_VERIFY((ask = h->findChild<QMessageBox *>(QStringLiteral("confirmDelete"))) != nullptr);
        ask->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!h->findChild<QMessageBox *>(QStringLiteral("confirmDelete")));
        QCOMPARE(h->table()->model()->rowCount(), rows);
        h->table()->selectRow(0);
        del->click();
        QTRY_VERIFY((ask = h->findChild<QMessageBox *>(QStringLiteral("confirmDelete"))) != nullptr);
        ask->button(QMessageBox::Yes)->click();
        QTRY_COMPARE(h->table()->model()->rowCount(), rows - 1);
        for (int r = 0; r < h->table()->model()->rowCount(); ++r)
            QVERIFY(h->table()->model()->index(r, 0).data().toString() != id);
    }

    void sameBytesElsewhereComeFromHistory()
    {
        MainWindow w;
        QVERIFY(w.openCapture(kSample));
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        const QString copy = m_dir.filePath(QStringLiteral("renamed-copy.pcap"));
        QFile::remove(copy);
        QVERIFY(QFile::copy(kSample, copy));
        QVERIFY(w.openCapture(copy));
        CaptureTab *t = w.captureTabs().last();
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        bool fromHistory = false;
        QTreeWidget *props = t->properties()->tree();
        for (int i = 0; i < props->topLevelItemCount(); ++i)
            fromHistory = fromHistory || props->topLevelItem(i)->text(1).startsWith(QStringLiteral("from the history"));
        QVERIFY(fromHistory);
        QCOMPARE(t->packetModel()->rowCount(), 2503);
    }

    void chartsFollowThePalette()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(kSample));
        QTRY_VERIFY_WITH_TIMEOUT(idle(w), 60000);
        CaptureTab *t = w.captureTabs().first();
        t->showView(CaptureTab::DashboardView);
        const QPalette light = QApplication::palette();
        QPalette dark = light;
        dark.setColor(QPalette::Window, QColor(30, 30, 30));
        dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
        dark.setColor(QPalette::Base, QColor(20, 20, 20));
        dark.setColor(QPalette::Text, QColor(230, 230, 230));
        QApplication::setPalette(dark);
        QTRY_COMPARE(t->dashboard()->protocolView()->chart()->titleBrush().color(), QColor(230, 230, 230));
        QCOMPARE(t->dashboard()->protocolView()->chart()->legend()->labelColor(), QColor(230, 230, 230));
        QApplication::setPalette(light);
        QTRY_COMPARE(t->dashboard()->protocolView()->chart()->titleBrush().color(), light.color(QPalette::WindowText));
    }

    void startMarksCrashedAnalysesInterrupted()
    {
        // An analysis left "running" by a process that crashed…
        QProcess crashed;
        crashed.start(QStringLiteral(HISTORY_STRESS), {AppSettings::databasePath(), QStringLiteral("--begin-and-exit"), kSample});
        QVERIFY(crashed.waitForFinished(60000));
        const qint64 id = crashed.readAllStandardOutput().trimmed().toLongLong();
        QVERIFY2(id > 0, crashed.readAllStandardError().constData());
        // …is marked interrupted when the app starts, and says so.
        MainWindow w;
        QVERIFY2(w.statusLabel()->text().contains(QStringLiteral("interrupted")), qPrintable(w.statusLabel()->text()));
        HistoryStore store(AppSettings::databasePath());
        QString error;
        QVERIFY(store.open(&error));
        QCOMPARE(store.show(id, false)->value(QStringLiteral("status")).toString(), QStringLiteral("interrupted"));
        // It can be re-run from the History view.
        w.showHistory();
        QTableView *table = w.historyView()->table();
        int row = -1;
        for (int r = 0; r < table->model()->rowCount(); ++r)
            if (table->model()->index(r, 0).data().toLongLong() == id)
                row = r;
        QVERIFY(row >= 0);
        table->selectRow(row);
        w.historyView()->findChild<QPushButton *>(QStringLiteral("historyReanalyze"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!w.captureTabs().isEmpty() && idle(w), 60000);
        QVERIFY(w.captureTabs().last()->hasReport());
    }

    void serverPanelServesTheApi()
    {
        MainWindow w;
        ServerPanel *panel = w.serverPanel();
        QVERIFY(panel);
        QVERIFY(!panel->isRunning()); // off by default
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        panel->findChild<QSpinBox *>()->setValue(port);
        QString error;
        QVERIFY2(panel->start(&error), qPrintable(error));
        QVERIFY(panel->url().contains(QString::number(port)));
        QVERIFY(panel->apiKey().size() >= 22); // >= 128 bits
        QNetworkAccessManager nam;
        QNetworkRequest health(QUrl(panel->url()).resolved(QUrl(QStringLiteral("/health"))));
        QNetworkReply *r = nam.get(health);
        QTRY_VERIFY_WITH_TIMEOUT(r->isFinished(), 10000);
        QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        r->deleteLater();
        QNetworkRequest stats(QUrl(panel->url()).resolved(QUrl(QStringLiteral("/stats"))));
        stats.setRawHeader("X-API-Key", panel->apiKey().toUtf8());
        r = nam.get(stats);
        QTRY_VERIFY_WITH_TIMEOUT(r->isFinished(), 10000);
        QCOMPARE(r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        r->deleteLater();
        QTRY_VERIFY(panel->log()->toPlainText().contains(QStringLiteral("/stats")));
        panel->stop();
        QVERIFY(!panel->isRunning());
    }
};

QTEST_MAIN(TstMainWindow)
#include "tst_mainwindow.moc"
