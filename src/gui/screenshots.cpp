// SPDX-License-Identifier: GPL-3.0-or-later
#include "screenshots.h"

#include "capturetab.h"
#include "mainwindow.h"
#include "packetlistmodel.h"
#include "startpage.h"

#include <QApplication>
#include <QDir>
#include <QScreen>
#include <QTableView>
#include <QTabWidget>
#include <QTimer>

#include <functional>
#include <memory>

namespace packetlens::gui {

namespace {
void save(MainWindow *w, const QString &dir, const QString &name)
{
    w->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

// One view per step; each is grabbed a moment after it is shown, so that its
// layout (chart axes, legends) is done, as a user would see it.
void shoot(MainWindow *w, const QString &dir)
{
    QDir().mkpath(dir);
    struct Step
    {
        CaptureTab *tab; // null: the History view, or the Start tab (DashboardView)
        CaptureTab::View view;
        QString name;
    };
    auto steps = std::make_shared<QList<Step>>();
    *steps << Step{nullptr, CaptureTab::DashboardView, QStringLiteral("start")};
    const QList<CaptureTab *> tabs = w->captureTabs();
    const std::pair<CaptureTab::View, const char *> views[] = {
        {CaptureTab::FindingsView, "findings"}, {CaptureTab::DashboardView, "dashboard"}, {CaptureTab::HealthView, "health"},
        {CaptureTab::TimelineView, "timeline"}, {CaptureTab::HostsView, "hosts"},
        {CaptureTab::ConversationsView, "conversations"}, {CaptureTab::PropertiesView, "properties"},
        {CaptureTab::AnomaliesView, "anomalies"}, {CaptureTab::SummaryView, "dns-http-tls"}, {CaptureTab::PacketsView, "packets"}};
    for (int i = 0; i < tabs.size(); ++i)
        for (const auto &[view, name] : views)
            *steps << Step{tabs[i], view, (tabs.size() > 1 ? QStringLiteral("%1-").arg(i + 1) : QString()) + QLatin1String(name)};
    *steps << Step{nullptr, CaptureTab::PacketsView, QStringLiteral("history")};
    auto next = std::make_shared<std::function<void(int)>>();
    *next = [w, dir, steps, next](int i) {
        if (i > 0)
            save(w, dir, steps->at(i - 1).name);
        if (i == steps->size()) {
            QApplication::quit();
            return;
        }
        const Step &s = steps->at(i);
        if (s.tab) {
            w->tabs()->setCurrentWidget(s.tab);
            s.tab->showView(s.view);
            if (s.view == CaptureTab::PacketsView && s.tab->packetModel()->rowCount() > 5)
                s.tab->packetView()->selectRow(5);
        } else if (s.view == CaptureTab::DashboardView) {
            w->tabs()->setCurrentWidget(w->startPage());
        } else {
            w->showHistory();
        }
        QTimer::singleShot(250, w, [next, i] { (*next)(i + 1); });
    };
    (*next)(0);
}
} // namespace

void saveScreenshotsWhenDone(MainWindow *window, const QString &dir)
{
    // As a user of this screen sees it (a 1024×700 screen shows it whole).
    window->resize(window->size().boundedTo(window->screen()->availableGeometry().size()));
    auto *poll = new QTimer(window);
    poll->setInterval(200);
    QObject::connect(poll, &QTimer::timeout, window, [window, dir, poll] {
        bool busy = window->isAnalyzing();
        for (CaptureTab *t : window->captureTabs())
            busy = busy || t->isBusy();
        if (busy)
            return;
        poll->stop();
        // One more turn of the event loop so that the last batches are painted.
        QTimer::singleShot(300, window, [window, dir] { shoot(window, dir); });
    });
    poll->start();
}

} // namespace packetlens::gui
