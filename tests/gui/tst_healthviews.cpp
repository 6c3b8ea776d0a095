// SPDX-License-Identifier: GPL-3.0-or-later
// The Health and Timeline tabs (#19): the report's health items and
// chronology, filtering the packet list to an item's or event's packets, the
// chart with its event markers, the host and kind filters, and the Hosts
// tab's "Timeline of this host".
#include "guitestsupport.h"
#include "appsettings.h"
#include "capturetab.h"
#include "healthpage.h"
#include "mainwindow.h"
#include "packetlistmodel.h"
#include "timelinepage.h"

#include "core/flow/packetlistener.h"
#include "core/service/analysisservice.h"

#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QtCharts/QChartView>
#include <QtCharts/QScatterSeries>

using namespace packetlens;
using namespace packetlens::gui;
using namespace packetlens::gui::testing;

namespace {
const QString kSample = QStringLiteral(PACKETLENS_SAMPLE);

Report sampleReport()
{
    AnalysisRequest req;
    req.path = kSample;
    const QList<AnalysisOutcome> out = AnalysisService::analyze(req);
    return out.isEmpty() ? Report() : out.first().report;
}

void doubleClick(QTableView *view, const QModelIndex &idx)
{
    view->scrollTo(idx);
    const QRect rect = view->visualRect(idx);
    QTest::mousePress(view->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, rect.center());
}
} // namespace

class TestHealthViews : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    Report m_report;

private slots:
    void initTestCase()
    {
        QVERIFY(isolateApp(m_dir, QStringLiteral("PacketLensTestHealth")));
        m_report = sampleReport();
        QVERIFY(m_report.health.present);
        QVERIFY(!m_report.health.items.empty());
        QVERIFY(!m_report.timelineEvents.empty());
    }

    void healthItemsShowTheirPackets()
    {
        HealthPage page;
        page.resize(900, 500);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.setHealth(m_report.health, m_report.capture.timeDigits);
        QCOMPARE(page.itemCount(), int(m_report.health.items.size()));
        QSignalSpy spy(&page, &HealthPage::evidenceRequested);
        doubleClick(page.view(), page.view()->model()->index(0, 0));
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy.first().first().toString(), packetNumberFilter(m_report.health.items.front().evidencePackets));
        QVERIFY(spy.first().first().toString().startsWith(QStringLiteral("frame.number in {")));
    }

    void timelineListsChartsAndFilters()
    {
        TimelinePage page;
        page.resize(900, 600);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.setReport(m_report);
        QCOMPARE(page.shownEvents(), int(m_report.timelineEvents.size()));
        int markers = 0;
        for (QAbstractSeries *s : page.chartView()->chart()->series())
            if (auto *sc = qobject_cast<QScatterSeries *>(s))
                markers += sc->count();
        QCOMPARE(markers, int(m_report.timelineEvents.size()));
        // By kind.
        auto *kind = page.findChild<QComboBox *>(QStringLiteral("timelineKind"));
        kind->setCurrentIndex(kind->findData(QStringLiteral("capture_start")));
        QCOMPARE(page.shownEvents(), 1);
        // By host.
        QString host;
        for (const TimelineEvent &e : m_report.timelineEvents)
            if (e.kind == QLatin1String("first_contact"))
                host = e.hosts.value(0);
        QVERIFY(!host.isEmpty());
        page.showHost(host);
        QVERIFY(page.shownEvents() >= 1);
        for (int r = 0; r < page.shownEvents(); ++r)
            QVERIFY(page.view()->model()->index(r, 4).data().toString().contains(host));
        QSignalSpy spy(&page, &TimelinePage::evidenceRequested);
        doubleClick(page.view(), page.view()->model()->index(0, 0));
        QCOMPARE(spy.count(), 1);
        QVERIFY(spy.first().first().toString().startsWith(QStringLiteral("frame.number in {")));
    }

    void tabsFilterThePacketListAndHostsOpenTheirTimeline()
    {
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.openCapture(kSample));
        CaptureTab *t = w.captureTabs().first();
        QTRY_VERIFY_WITH_TIMEOUT(idle(w) && t->hasReport(), 60000);
        QVERIFY(t->views()->tabText(CaptureTab::HealthView).startsWith(QStringLiteral("Health (")));
        QCOMPARE(t->views()->tabText(CaptureTab::TimelineView), QStringLiteral("Timeline"));
        t->showView(CaptureTab::HealthView);
        QTableView *hv = t->healthPage()->view();
        doubleClick(hv, hv->model()->index(0, 0));
        QTRY_COMPARE_WITH_TIMEOUT(t->views()->currentIndex(), int(CaptureTab::PacketsView), 5000);
        QVERIFY(t->filterText().startsWith(QStringLiteral("frame.number in {")));
        QTRY_VERIFY_WITH_TIMEOUT(!t->isBusy(), 20000);
        QVERIFY(t->packetModel()->rowCount() > 0);
        // The list's filter knows the analysis' generated fields.
        QSet<uint64_t> slowAnswers;
        PacketCallback collect([&slowAnswers](const PacketContext &pc) {
            if (pc.expert.dnsTimeNs > 1000000)
                slowAnswers.insert(pc.number);
        });
        AnalysisRequest req;
        req.path = kSample;
        req.analyzer.detect = false;
        AnalysisService::analyze(req, nullptr, {}, &collect);
        QVERIFY(!slowAnswers.isEmpty());
        t->applyFilter(QStringLiteral("dns.time > 0.001"));
        QTRY_VERIFY_WITH_TIMEOUT(!t->isBusy(), 20000);
        QSet<uint64_t> shown;
        for (int r = 0; r < t->packetModel()->rowCount(); ++r)
            shown.insert(t->packetModel()->index(r, 0).data().toULongLong());
        QCOMPARE(shown, slowAnswers);
        // Hosts ▸ Timeline of this host.
        t->showView(CaptureTab::HostsView);
        auto *hostsView = t->views()->widget(CaptureTab::HostsView)->findChild<QAction *>(QStringLiteral("hostTimeline"));
        QVERIFY(hostsView && hostsView->text() == QStringLiteral("Timeline of this host"));
        auto *table = qobject_cast<QTableView *>(t->views()->widget(CaptureTab::HostsView));
        QVERIFY(table);
        table->setCurrentIndex(table->model()->index(0, 0));
        const QString ip = table->model()->index(0, 0).data().toString();
        hostsView->trigger();
        QCOMPARE(t->views()->currentIndex(), int(CaptureTab::TimelineView));
        QCOMPARE(t->timelinePage()->findChild<QLineEdit *>(QStringLiteral("timelineHost"))->text(), ip);
    }
};

QTEST_MAIN(TestHealthViews)
#include "tst_healthviews.moc"
