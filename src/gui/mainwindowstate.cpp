// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's per-tab state: the status bar, progress and rate show the
// current tab's, F5 re-analyzes a capture in place (same position, view and
// filter), and tabs analyzed with other settings say so.
#include "mainwindow.h"

#include "analysisjob.h"
#include "appsettings.h"
#include "capturetab.h"
#include "historyview.h"

#include "core/service/recordedanalysis.h"

#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>

#include <algorithm>

namespace packetlens::gui {

void MainWindow::setTabStatus(CaptureTab *tab, const QString &text)
{
    if (!tab) {
        setStatus(text);
        return;
    }
    tab->setStatusText(text);
    if (tab == currentCapture())
        setStatus(text);
}

void MainWindow::setJobStatus(AnalysisJob *job, const QString &text)
{
    for (auto it = m_jobOfTab.cbegin(); it != m_jobOfTab.cend(); ++it)
        if (it.value() == job)
            setTabStatus(it.key(), text);
}

void MainWindow::showCurrentState()
{
    if (CaptureTab *t = currentCapture())
        setStatus(t->statusText());
    else if (m_history && m_tabs->currentWidget() == m_history)
        setStatus(m_historyStatus);
    else
        setStatus(QString());
    updateProgressWidgets();
}

// Progress and rate are the current tab's analysis', or none; Cancel shows
// while any analysis runs.
void MainWindow::updateProgressWidgets()
{
    const auto it = m_jobs.find(m_jobOfTab.value(currentCapture()));
    const bool mine = it != m_jobs.end();
    m_progress->setVisible(mine);
    m_rate->setVisible(mine);
    if (mine) {
        m_progress->setValue(it->progress);
        m_rate->setText(it->rate);
    }
    m_cancel->setVisible(!m_jobs.isEmpty());
}

void MainWindow::cancelAnalysis()
{
    AnalysisJob *current = m_jobOfTab.value(currentCapture());
    if (current && m_jobs.contains(current)) {
        current->cancel();
        setJobStatus(current, tr("Cancelling…"));
        return;
    }
    for (AnalysisJob *job : m_jobs.keys()) {
        job->cancel();
        setJobStatus(job, tr("Cancelling…"));
    }
}

void MainWindow::reanalyzeCurrent()
{
    CaptureTab *t = currentCapture();
    if (!t) {
        if (m_history && m_tabs->currentWidget() == m_history)
            m_history->refresh(); // F5 on the History reloads it
        return;
    }
    const QString path = t->path();
    const int index = m_tabs->indexOf(t);
    const int view = t->views()->currentIndex();
    const QString filter = t->filterValid() ? t->filterText() : QString();
    closeTab(index);
    if (!openCapture(path, true))
        return;
    CaptureTab *again = currentCapture();
    if (!again)
        return;
    m_tabs->tabBar()->moveTab(m_tabs->indexOf(again), std::min(index, m_tabs->count() - 1));
    m_tabs->setCurrentWidget(again);
    again->showView(CaptureTab::View(view));
    if (!filter.trimmed().isEmpty())
        again->applyFilter(filter);
}

void MainWindow::noteSettingsChange()
{
    QString ignored;
    const QString now = analysisSettingsHash(AppSettings::analyzerSettings(&ignored));
    for (CaptureTab *t : captureTabs()) {
        const bool was = t->settingsChanged();
        t->noteSettings(now);
        if (t->settingsChanged() && !was)
            setTabStatus(t, tr("Settings changed — F5 to re-analyze %1").arg(t->title()));
    }
}

} // namespace packetlens::gui
