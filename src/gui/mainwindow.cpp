// SPDX-License-Identifier: GPL-3.0-or-later
#include "mainwindow.h"

#include "aboutbox.h"
#include "analysisjob.h"
#include "appsettings.h"
#include "capturetab.h"
#include "historyview.h"
#include "i18n.h"
#include "serverpanel.h"
#include "settingsdialog.h"
#include "startpage.h"

#include "core/capture/captureopener.h"
#include "core/report/errortext.h"
#include "core/history/historystore.h"
#include "core/util/databasefiles.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>

namespace packetlens::gui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    setWindowIcon(QIcon(QStringLiteral(":/icons/packetlens.svg")));
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("captureTabs"));
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setDocumentMode(true);
    m_welcome = new StartPage(this);
    m_tabs->addTab(m_welcome, QString());
    m_tabs->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr);
    setCentralWidget(m_tabs);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::showCurrentState);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("progressBar"));
    m_progress->setRange(0, 1000);
    m_progress->setMaximumWidth(220);
    m_rate = new QLabel(this);
    m_rate->setObjectName(QStringLiteral("rateLabel"));
    m_cancel = new QPushButton(this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    statusBar()->addWidget(m_statusLabel, 1);
    statusBar()->addPermanentWidget(m_rate);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    m_progress->hide();
    m_rate->hide();
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, this, &MainWindow::cancelAnalysis);

    buildMenus();
    connectStartPage();
    retranslate();
    resize(1280, 820);
    startupChecks();
    updateActions();
}

MainWindow::~MainWindow()
{
    for (AnalysisJob *job : m_jobs.keys())
        job->cancel();
    // Tabs share their job's spool; jobs go after the tabs.
    while (m_tabs->count() > 0) {
        QWidget *w = m_tabs->widget(0);
        m_tabs->removeTab(0);
        if (w != m_welcome)
            delete w;
    }
    qDeleteAll(m_jobs.keys());
}

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_open = m_fileMenu->addAction(QIcon(QStringLiteral(":/icons/open.svg")), QString(), QKeySequence::Open, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("Open captures"), AppSettings::lastDirectory(),
                                                                tr("Captures (*.pcap *.pcapng *.cap *.gz *.zip);;All files (*)"));
        if (!files.isEmpty())
            AppSettings::setLastDirectory(QFileInfo(files.first()).absolutePath());
        openFiles(files);
    });
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_close = m_fileMenu->addAction(QString(), QKeySequence(Qt::CTRL | Qt::Key_W), this, [this] { closeTab(m_tabs->currentIndex()); });
    m_reanalyze = m_fileMenu->addAction(QIcon(QStringLiteral(":/icons/reload.svg")), QString(), QKeySequence(Qt::Key_F5), this, &MainWindow::reanalyzeCurrent);
    m_fileMenu->addSeparator();
    m_exportMenu = m_fileMenu->addMenu(QIcon(QStringLiteral(":/icons/export.svg")), QString());
    m_exportJson = m_exportMenu->addAction(QString(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J), this, [this] { exportCurrent(QStringLiteral("json")); });
    m_exportHtml = m_exportMenu->addAction(QString(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H), this, [this] { exportCurrent(QStringLiteral("html")); });
    m_exportZip = m_exportMenu->addAction(QString(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B), this, [this] { exportCurrent(QStringLiteral("zip")); });
    m_fileMenu->addSeparator();
    m_settings = m_fileMenu->addAction(QString(), QKeySequence::Preferences, this, &MainWindow::openSettings);
    m_fileMenu->addSeparator();
    m_quit = m_fileMenu->addAction(QString(), QKeySequence::Quit, this, &QWidget::close);

    m_viewMenu = menuBar()->addMenu(QString());
    m_find = m_viewMenu->addAction(QString(), QKeySequence::Find, this, [this] {
        if (CaptureTab *t = currentCapture())
            t->focusFilter();
    });
    m_relative = m_viewMenu->addAction(QString());
    m_relative->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R));
    m_relative->setCheckable(true);
    m_relative->setChecked(AppSettings::relativeTime());
    connect(m_relative, &QAction::toggled, this, [this](bool on) {
        AppSettings::setRelativeTime(on);
        for (CaptureTab *t : captureTabs())
            t->setRelativeTime(on);
    });
    m_historyAct = m_viewMenu->addAction(QIcon(QStringLiteral(":/icons/history.svg")), QString(), QKeySequence(Qt::CTRL | Qt::Key_H), this, &MainWindow::showHistory);

    buildCaptureMenu();
    m_serverMenu = menuBar()->addMenu(QString());
    m_server = new ServerPanel(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_server);
    m_server->hide();
    m_serverToggle = m_serverMenu->addAction(QIcon(QStringLiteral(":/icons/server.svg")), QString(), this, [this] {
        if (m_server->isRunning()) {
            m_server->stop();
            return;
        }
        QString error;
        m_server->show();
        if (!m_server->start(&error))
            showError(tr("REST API server"), tr("The server could not start: %1").arg(localizedError(error, currentLanguage())));
    });
    m_serverToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S));
    m_serverShow = m_server->toggleViewAction();
    m_serverShow->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_P));
    m_serverMenu->addAction(m_serverShow);
    connect(m_server, &ServerPanel::runningChanged, this, [this] { retranslate(); });
    m_helpMenu = menuBar()->addMenu(QString());
    buildToolMenus();
    m_about = m_helpMenu->addAction(QString(), QKeySequence(Qt::Key_F1), this, [this] { showAboutBox(this); });
    updateRecentMenu();
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("PacketLens"));
    m_welcome->retranslate();
    m_tabs->setTabText(m_tabs->indexOf(m_welcome), tr("Start"));
    m_fileMenu->setTitle(tr("&File"));
    m_open->setText(tr("&Open…"));
    m_recentMenu->setTitle(tr("Open &Recent"));
    m_close->setText(tr("&Close Tab"));
    m_reanalyze->setText(tr("&Re-analyze"));
    m_exportMenu->setTitle(tr("&Export"));
    m_exportJson->setText(tr("Report as &JSON…"));
    m_exportHtml->setText(tr("Report as &HTML…"));
    m_exportZip->setText(tr("&ZIP bundle with evidence…"));
    m_settings->setText(tr("&Settings…"));
    m_quit->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_find->setText(tr("&Filter Packets"));
    m_relative->setText(tr("&Relative Time"));
    m_historyAct->setText(tr("&History"));
    retranslateCaptureMenu();
    m_serverMenu->setTitle(tr("&Server"));
    m_serverToggle->setText(m_server->isRunning() ? tr("S&top REST API Server") : tr("S&tart REST API Server"));
    m_serverShow->setText(tr("Server &Panel"));
    m_server->retranslate();
    m_helpMenu->setTitle(tr("&Help"));
    m_about->setText(tr("&About PacketLens"));
    m_cancel->setText(tr("Cancel"));
    retranslateTools();
    if (m_history)
        m_tabs->setTabText(m_tabs->indexOf(m_history), tr("History"));
    updateRecentMenu();
}

void MainWindow::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::LanguageChange) {
        retranslate();
        for (CaptureTab *t : captureTabs())
            t->retranslate();
        if (m_history)
            m_history->retranslate();
    }
    QMainWindow::changeEvent(e);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = AppSettings::recentFiles();
    for (const QString &f : recent)
        m_recentMenu->addAction(f, this, [this, f] { openCapture(f); });
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("(none)"))->setEnabled(false);
    m_welcome->setRecent(recent);
}

void MainWindow::updateActions()
{
    CaptureTab *t = currentCapture();
    const bool report = t && t->hasReport();
    m_exportMenu->setEnabled(report);
    m_reanalyze->setEnabled(t != nullptr);
    m_close->setEnabled(m_tabs->currentWidget() != m_welcome);
}

void MainWindow::startupChecks()
{
    HistoryStore store(AppSettings::databasePath());
    QString error;
    if (!store.open(&error)) {
        setStatus(tr("History unavailable: %1").arg(error));
        return;
    }
    if (!store.warnings().isEmpty())
        setStatus(tr("History: %1").arg(localizedError(store.warnings().join(QStringLiteral("; ")), currentLanguage())));
    const QString check = store.integrityCheck(true);
    if (check != QLatin1String("ok")) {
        setStatus(tr("History database check failed: %1").arg(check));
        return;
    }
    const int interrupted = store.recoverInterrupted();
    if (interrupted > 0)
        setStatus(tr("%n analysis(es) interrupted by an earlier crash are marked \"interrupted\" in the History and can be re-run.", nullptr, interrupted));
}

void MainWindow::setStatus(const QString &text)
{
    m_statusLabel->setText(text);
}

CaptureTab *MainWindow::currentCapture() const
{
    return qobject_cast<CaptureTab *>(m_tabs->currentWidget());
}

QList<CaptureTab *> MainWindow::captureTabs() const
{
    QList<CaptureTab *> out;
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto *t = qobject_cast<CaptureTab *>(m_tabs->widget(i)))
            out << t;
    return out;
}

void MainWindow::showError(const QString &title, const QString &text)
{
    m_lastError = text;
    setStatus(text);
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open(); // window-modal, never blocks the event loop here
}

void MainWindow::dragEnterEvent(QDragEnterEvent *e)
{
    if (e->mimeData()->hasUrls())
        e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *e)
{
    QStringList files, rejected;
    for (const QUrl &u : e->mimeData()->urls()) {
        if (u.isLocalFile())
            files << u.toLocalFile();
        else
            rejected << u.toString();
    }
    if (!rejected.isEmpty())
        showError(tr("Cannot open"), tr("Only local files can be opened: %1").arg(rejected.join(QStringLiteral(", "))));
    openFiles(files);
    e->acceptProposedAction();
}

void MainWindow::openFiles(const QStringList &paths)
{
    for (const QString &p : paths)
        openCapture(p);
}

void MainWindow::showHistory()
{
    if (!m_history) {
        m_history = new HistoryView(m_tabs);
        connect(m_history, &HistoryView::openRequested, this, [this](const QString &p, bool again) { openCapture(p, again); });
        connect(m_history, &HistoryView::statusMessage, this, [this](const QString &text) {
            m_historyStatus = text;
            if (m_tabs->currentWidget() == m_history)
                setStatus(text);
        });
        m_tabs->addTab(m_history, QIcon(QStringLiteral(":/icons/history.svg")), tr("History"));
    }
    m_history->setDatabase(AppSettings::databasePath());
    m_tabs->setCurrentWidget(m_history);
}

void MainWindow::openSettings()
{
    SettingsDialog dlg(this);
    const QString oldDb = AppSettings::databasePath();
    if (dlg.exec() != QDialog::Accepted)
        return;
    if (AppSettings::language() != currentLanguage())
        applyLanguage(AppSettings::language());
    m_relative->setChecked(AppSettings::relativeTime());
    noteSettingsChange();
    if (m_history && oldDb != AppSettings::databasePath())
        m_history->setDatabase(AppSettings::databasePath());
}

void MainWindow::closeEvent(QCloseEvent *e)
{
    for (AnalysisJob *job : m_jobs.keys())
        job->cancel();
    // The server's live captures end (saved, recorded) while the window is whole.
    if (m_server && m_server->isRunning())
        m_server->stop();
    e->accept();
}

} // namespace packetlens::gui
