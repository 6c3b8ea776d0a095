// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's capture analyses: opening a capture starts a job, whose
// worker's signals create the tabs of its captures, report progress and
// deliver the reports.
#include "mainwindow.h"

#include "analysisjob.h"
#include "appsettings.h"
#include "capturetab.h"
#include "historyview.h"
#include "startpage.h"

#include "i18n.h"

#include "core/capture/captureopener.h"
#include "core/report/errortext.h"
#include "core/service/recordedanalysis.h"
#include "core/util/databasefiles.h"

#include <QLocale>
#include <QFileInfo>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>

namespace packetlens::gui {

bool MainWindow::openCapture(const QString &path, bool reanalyze)
{
    const QFileInfo fi(path);
    if (!fi.exists() || !fi.isFile()) {
        showError(tr("Cannot open"), tr("%1 does not exist or is not a file.").arg(path));
        return false;
    }
    // The core's one sniff says what the file is.
    const CaptureProbe probe = CaptureOpener::probe(fi.absoluteFilePath());
    if (probe.format == CaptureFormat::Unknown) {
        if (probe.error == InputError::Unreadable)
            showError(tr("Cannot open"), tr("%1 cannot be read: %2").arg(path, localizedError(probe.message, currentLanguage())));
        else if (probe.error == InputError::Empty)
            showError(tr("Not a capture"), tr("%1 is empty.").arg(fi.fileName()));
        else if (DatabaseFiles::isInUse(fi.absoluteFilePath()))
            showError(tr("Not a capture"), tr("%1 is the history database of PacketLens, not a capture.").arg(fi.fileName()));
        else if (probe.truncatedHeader)
            showError(tr("Not a capture"), tr("%1 is cut short: %2.").arg(fi.fileName(), localizedError(probe.message, currentLanguage())));
        else
            showError(tr("Not a capture"), tr("%1 is not a capture PacketLens can read (pcap, pcapng, gzip or zip): it %2.")
                                               .arg(fi.fileName(), localizedError(probe.head, currentLanguage())));
        return false;
    }
    AppSettings::addRecentFile(fi.absoluteFilePath());
    updateRecentMenu();

    AnalysisJobSpec spec;
    spec.path = fi.absoluteFilePath();
    spec.dbPath = AppSettings::databasePath();
    spec.refresh = reanalyze;
    QString settingsProblem;
    spec.settings = AppSettings::analyzerSettings(&settingsProblem);

    auto *job = new AnalysisJob(spec, this);
    m_jobs.insert(job, {});
    CaptureTab *first = tabForEntry(job, 0, fi.fileName());
    m_tabs->setCurrentWidget(first);
    connectJob(job);
    QString error;
    if (!job->start(&error)) {
        showError(tr("Cannot analyze"), error);
        onFinished(job, {}, false, QString());
        return false;
    }
    setTabStatus(first, settingsProblem.isEmpty() ? tr("Analyzing %1…").arg(fi.fileName())
                                                   : tr("Analyzing %1… Some settings were ignored: %2").arg(fi.fileName(), localizedError(settingsProblem, currentLanguage())));
    updateProgressWidgets();
    return true;
}

bool MainWindow::isAnalyzing() const
{
    return !m_jobs.isEmpty();
}

// The worker's signals come here directly (queued); its packet batches go
// from the job to the tab of their capture.
void MainWindow::connectJob(AnalysisJob *job)
{
    AnalysisWorker *w = job->worker();
    connect(w, &AnalysisWorker::captureStarted, this, [this, job](int entry, const QString &name) { tabForEntry(job, entry, name); });
    connect(w, &AnalysisWorker::progress, this, [this, job](const QString &name, quint64 packets, quint64 pos, quint64 total) {
        onProgress(job, name, packets, pos, total);
    });
    connect(w, &AnalysisWorker::reportsFromHistory, this, [this, job](const QList<EntryResult> &entries, qint64) {
        for (int i = 0; i < entries.size(); ++i)
            if (entries[i].ok)
                if (CaptureTab *t = tabForEntry(job, i, entries[i].name))
                    t->setReport(entries[i].report, true);
        setJobStatus(job, tr("%1: report from the history (same file, engine and settings); reading packets…").arg(job->spec().path));
        updateActions();
    });
    connect(w, &AnalysisWorker::finished, this, [this, job](const QList<EntryResult> &e, bool fromHistory, const QString &he) {
        onFinished(job, e, fromHistory, he);
    });
}

CaptureTab *MainWindow::tabForEntry(AnalysisJob *job, int entry, const QString &name)
{
    auto it = m_jobs.find(job);
    if (it == m_jobs.end())
        return nullptr;
    QPointer<CaptureTab> &slot = it->tabs[entry];
    if (!slot) {
        if (entry > 0 && !it->tabs.value(0)) // the user closed the capture
            return nullptr;
        const QString title = name.isEmpty() ? QStringLiteral("%1 #%2").arg(QFileInfo(job->spec().path).fileName()).arg(entry + 1) : name;
        auto *tab = new CaptureTab(job->spec().path, title, job->spool(), job->addresses(), m_tabs);
        job->attach(entry, tab);
        tab->setEntry(entry);
        tab->setRelativeTime(m_relative->isChecked());
        connect(tab, &CaptureTab::statusMessage, this, [this, tab](const QString &text) { setTabStatus(tab, text); });
        tab->setSettingsHash(analysisSettingsHash(job->spec().settings));
        tab->setAnalysisSettings(job->spec().settings);
        const int index = m_tabs->addTab(tab, QIcon(QStringLiteral(":/icons/capture.svg")), title);
        m_tabs->setTabToolTip(index, job->spec().path);
        slot = tab;
        m_jobOfTab.insert(tab, job);
    } else if (!name.isEmpty() && slot->title() != name) {
        m_tabs->setTabText(m_tabs->indexOf(slot), name);
    }
    return slot;
}

void MainWindow::onProgress(AnalysisJob *job, const QString &name, quint64 packets, quint64 position, quint64 total)
{
    auto it = m_jobs.find(job);
    if (it == m_jobs.end())
        return;
    const qint64 ms = job->elapsedMs();
    if (ms > it->lastMs) {
        const double rate = double(packets >= it->lastPackets ? packets - it->lastPackets : packets) * 1000.0 / double(ms - it->lastMs);
        it->rate = tr("%L1 packets · %L2 packets/s").arg(packets).arg(qint64(rate));
    }
    it->lastPackets = packets;
    it->lastMs = ms;
    if (total > 0)
        it->progress = int(double(position) * 1000.0 / double(total));
    setJobStatus(job, tr("Analyzing %1…").arg(name));
    updateProgressWidgets();
}

void MainWindow::onFinished(AnalysisJob *job, const QList<EntryResult> &entries, bool fromHistory, const QString &historyError)
{
    JobTabs tabs = m_jobs.value(job);
    const QString path = job->spec().path;
    const qint64 ms = job->elapsedMs();
    bool anyOk = false;
    QStringList failures;
    for (int i = 0; i < entries.size(); ++i) {
        const EntryResult &e = entries[i];
        CaptureTab *t = tabs.tabs.value(i);
        if (e.ok) {
            anyOk = true;
            if (!t)
                t = tabForEntry(job, i, e.name);
            if (t) {
                if (!e.name.isEmpty()) // archive entries: "two.zip/b/small.pcapng", not "two.zip #2"
                    m_tabs->setTabText(m_tabs->indexOf(t), e.name);
                if (!fromHistory)
                    t->setReport(e.report, false);
                t->setLoadingFinished();
            }
        } else if (e.cancelled) {
            for (CaptureTab *x : std::as_const(tabs.tabs))
                if (x) {
                    x->setLoadingFinished();
                    x->setFailed(tr("Cancelled: the packets read so far are shown; no report."));
                }
            setJobStatus(job, tr("Analysis of %1 cancelled").arg(QFileInfo(path).fileName()));
        } else {
            const QString said = localizedError(e.message, currentLanguage());
            failures << (e.name.isEmpty() ? said : QStringLiteral("%1: %2").arg(e.name, said));
            if (t && t->packetCount() == 0)
                closeTab(m_tabs->indexOf(t));
            else if (t)
                t->setFailed(said);
        }
    }
    // Tabs with no outcome (the job failed before any capture) go.
    if (entries.isEmpty())
        for (CaptureTab *x : std::as_const(tabs.tabs))
            if (x && x->packetCount() == 0)
                closeTab(m_tabs->indexOf(x));
    m_jobs.remove(job);
    job->deleteLater();
    if (!failures.isEmpty()) {
        setJobStatus(job, failures.join(QStringLiteral("; ")));
        showError(tr("Analysis failed"), failures.join(u'\n'));
    } else if (anyOk) {
        setJobStatus(job, tr("%1 analyzed in %2 s%3").arg(QFileInfo(path).fileName()).arg(QLocale().toString(double(ms) / 1000.0, 'f', 2))
                              .arg(historyError.isEmpty() ? QString() : tr(" (history not recorded: %1)").arg(historyError)));
    }
    // The job is gone: its tabs belong to it no more (a later job may get its address).
    m_jobOfTab.removeIf([job](QHash<CaptureTab *, AnalysisJob *>::iterator it) { return it.value() == job; });
    updateProgressWidgets();
    if (m_history)
        m_history->refresh();
    updateActions();
    emit analysisFinished(path, anyOk);
}

void MainWindow::closeTab(int index)
{
    QWidget *w = m_tabs->widget(index);
    if (!w || w == m_welcome)
        return;
    if (w == m_history) {
        m_tabs->removeTab(index);
        m_history->deleteLater();
        m_history = nullptr;
        return;
    }
    auto *tab = qobject_cast<CaptureTab *>(w);
    if (AnalysisJob *job = m_jobOfTab.take(tab)) {
        auto it = m_jobs.find(job);
        if (it != m_jobs.end()) {
            bool others = false;
            for (auto t = it->tabs.cbegin(); t != it->tabs.cend(); ++t)
                others = others || (t.value() && t.value() != tab);
            if (!others)
                job->cancel();
        }
    }
    m_tabs->removeTab(index);
    w->deleteLater();
    updateActions();
}

} // namespace packetlens::gui
