#include "screenshots.h"

#include "capturetab.h"
#include "mainwindow.h"
#include "packetlistmodel.h"

#include <QApplication>
#include <QDir>
#include <QTableView>
#include <QTabWidget>
#include <QTimer>

namespace packetlens::gui {

namespace {
void save(MainWindow *w, const QString &dir, const QString &name)
{
    w->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

void shoot(MainWindow *w, const QString &dir)
{
    QDir().mkpath(dir);
    CaptureTab *t = w->currentCapture();
    if (!t && !w->captureTabs().isEmpty())
        t = w->captureTabs().first();
    if (t) {
        w->tabs()->setCurrentWidget(t);
        t->showView(CaptureTab::FindingsView);
        save(w, dir, QStringLiteral("findings"));
        t->showView(CaptureTab::DashboardView);
        save(w, dir, QStringLiteral("dashboard"));
        t->showView(CaptureTab::HostsView);
        save(w, dir, QStringLiteral("hosts"));
        t->showView(CaptureTab::PropertiesView);
        save(w, dir, QStringLiteral("properties"));
        t->showView(CaptureTab::PacketsView);
        if (t->packetModel()->rowCount() > 5)
            t->packetView()->selectRow(5);
        save(w, dir, QStringLiteral("packets"));
    }
    w->showHistory();
    save(w, dir, QStringLiteral("history"));
    QApplication::quit();
}
} // namespace

void saveScreenshotsWhenDone(MainWindow *window, const QString &dir)
{
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
