// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's live capture: Capture ▸ Start… opens the dialog, a tab
// of its own grows while the capture runs (packets, dashboard, findings as
// they fire), the status bar shows packets, rate, kernel drops and elapsed
// time; Stop (or a stop condition) saves the capture and records it in the
// history, and the tab gets the report like any analysis.
#include "mainwindow.h"

#include "appsettings.h"
#include "capturetab.h"
#include "historyview.h"
#include "livedialog.h"
#include "i18n.h"
#include "livejob.h"

#include "core/report/findinglabels.h"
#include "core/report/errortext.h"
#include "core/util/format.h"

#include <QLocale>
#include <QAction>
#include <QCoreApplication>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>

namespace packetlens::gui {

namespace {
QString elapsedText(double s)
{
    const qint64 t = qint64(s);
    return QStringLiteral("%1:%2:%3").arg(t / 3600, 2, 10, QLatin1Char('0')).arg(t / 60 % 60, 2, 10, QLatin1Char('0')).arg(t % 60, 2, 10, QLatin1Char('0'));
}
} // namespace

void MainWindow::buildCaptureMenu()
{
    m_captureMenu = menuBar()->addMenu(QString());
    m_liveStart = m_captureMenu->addAction(QString(), QKeySequence(Qt::CTRL | Qt::Key_K), this, &MainWindow::showLiveDialog);
    m_liveStop = m_captureMenu->addAction(QString(), QKeySequence(Qt::CTRL | Qt::Key_E), this, &MainWindow::stopLiveCapture);
    m_liveStop->setEnabled(false);
    m_liveStatus = new QLabel(this);
    m_liveStatus->setObjectName(QStringLiteral("liveStatus"));
    statusBar()->addPermanentWidget(m_liveStatus);
    m_liveStatus->hide();
}

void MainWindow::retranslateCaptureMenu()
{
    m_captureMenu->setTitle(tr("&Capture"));
    m_liveStart->setText(tr("&Start…"));
    m_liveStop->setText(tr("S&top"));
}

bool MainWindow::isCapturing() const
{
    return m_live != nullptr;
}

void MainWindow::showLiveDialog()
{
    if (m_live)
        return;
    LiveDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        startLiveCapture(dialog.spec());
}

bool MainWindow::startLiveCapture(const LiveJobSpec &given)
{
    if (m_live)
        return false;
    LiveJobSpec spec = given;
    spec.dbPath = AppSettings::databasePath();
    QString settingsProblem;
    spec.live.analyzer = AppSettings::analyzerSettings(&settingsProblem);
    auto *job = new LiveJob(spec, this);
    LiveError error = LiveError::None;
    QString message;
    if (!job->start(&error, &message)) {
        delete job;
        message = localizedError(message, currentLanguage());
        showError(tr("Live capture"), error == LiveError::NoPermission
                                          ? tr("No permission to capture on %1.\n\n%2").arg(spec.live.source.interface, message)
                                          : tr("The capture could not start: %1").arg(message));
        return false;
    }
    m_live = job;
    const QString title = tr("Live: %1").arg(spec.live.source.interface);
    m_liveTab = new CaptureTab(spec.savePath, title, job->spool(), job->addresses(), m_tabs);
    m_liveTab->setLive(true);
    m_liveTab->setRelativeTime(m_relative->isChecked());
    job->attach(m_liveTab);
    CaptureTab *tab = m_liveTab; // (its messages are its own, after a later capture too)
    connect(tab, &CaptureTab::statusMessage, this, [this, tab](const QString &text) { setTabStatus(tab, text); });
    m_tabs->setCurrentIndex(m_tabs->addTab(m_liveTab, QIcon(QStringLiteral(":/icons/capture.svg")), title));
    m_tabs->setTabToolTip(m_tabs->indexOf(m_liveTab), spec.savePath);
    connect(job, &LiveJob::statsReady, this, &MainWindow::onLiveStats);
    connect(job, &LiveJob::findingRaised, this, &MainWindow::onLiveFinding);
    connect(job, &LiveJob::ended, this, &MainWindow::onLiveEnded);
    m_liveStart->setEnabled(false);
    m_liveStop->setEnabled(true);
    m_liveStatus->setText(tr("Capturing on %1…").arg(spec.live.source.interface));
    m_liveStatus->show();
    setTabStatus(m_liveTab, tr("Capturing on %1; Capture ▸ Stop (Ctrl+E) ends it").arg(spec.live.source.interface));
    return true;
}

void MainWindow::stopLiveCapture()
{
    if (m_live) {
        m_live->stop();
        setTabStatus(m_liveTab, tr("Stopping the capture…"));
    }
}

void MainWindow::onLiveStats(const LiveStats &s)
{
    QString text = tr("%L1 packets · %L2 packets/s · %3/s").arg(s.packets).arg(qint64(s.packetsPerS)).arg(localBytes(s.bytesPerS));
    if (s.hasDropCounts)
        text += tr(" · %L1 dropped").arg(s.kernelDrops + s.interfaceDrops);
    text += QStringLiteral(" · ") + elapsedText(s.elapsedS);
    m_liveStatus->setText(text);
}

void MainWindow::onLiveFinding(const ReportFinding &f, int timeDigits)
{
    if (m_liveTab)
        m_liveTab->addLiveFinding(f, timeDigits);
    if (f.severity < Severity::High)
        return;
    const QString text = tr("%1 finding: %2").arg(severityTitle(f.severity, currentLanguage()).toUpper(), findingSummaryText(f, currentLanguage()));
    setTabStatus(m_liveTab, text);
    if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
        static QSystemTrayIcon *tray = nullptr; // one icon for the app's notifications
        if (!tray) {
            tray = new QSystemTrayIcon(windowIcon(), QCoreApplication::instance());
            tray->show();
        }
        tray->showMessage(tr("PacketLens live capture"), text, QSystemTrayIcon::Warning);
    }
}

void MainWindow::onLiveEnded(const LiveResult &r, qint64 analysisId, const QString &historyError)
{
    LiveJob *job = m_live;
    m_live = nullptr;
    if (m_liveTab) {
        if (r.report)
            m_liveTab->setReport(*r.report, false);
        m_liveTab->setLoadingFinished();
        if (r.error != LiveError::None)
            m_liveTab->setFailed(localizedError(r.message, currentLanguage()));
    }
    QString text = r.report ? tr("Capture ended: %L1 packets saved to %2").arg(r.packets).arg(r.savedPath)
                            : tr("Capture ended: %1").arg(r.message.isEmpty() ? tr("no packets") : localizedError(r.message, currentLanguage()));
    if (r.end == LiveResult::End::InterfaceDown)
        text += tr(" (the interface went down)");
    if (!historyError.isEmpty() && r.report)
        text += tr(" (history not recorded: %1)").arg(historyError);
    setTabStatus(m_liveTab, text);
    m_liveStatus->hide();
    m_liveStart->setEnabled(true);
    m_liveStop->setEnabled(false);
    if (m_history)
        m_history->refresh();
    updateActions();
    if (job)
        job->deleteLater();
    emit liveCaptureFinished(r.savedPath, analysisId);
}

} // namespace packetlens::gui
