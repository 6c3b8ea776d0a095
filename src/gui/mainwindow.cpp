#include "mainwindow.h"

#include "analysisjob.h"
#include "appsettings.h"
#include "capturetab.h"
#include "historyview.h"
#include "i18n.h"
#include "serverpanel.h"
#include "settingsdialog.h"

#include "core/capture/captureopener.h"
#include "core/export/bundle.h"
#include "core/export/htmlreport.h"
#include "core/history/historystore.h"
#include "core/report/reportjson.h"
#include "core/util/databasefiles.h"
#include "core/util/filewrite.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QtConcurrent/QtConcurrentRun>

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
    m_welcome = new QLabel(this);
    m_welcome->setObjectName(QStringLiteral("welcome"));
    m_welcome->setAlignment(Qt::AlignCenter);
    m_welcome->setWordWrap(true);
    m_tabs->addTab(m_welcome, QString());
    m_tabs->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr);
    setCentralWidget(m_tabs);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);

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
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        for (AnalysisJob *job : m_jobs.keys())
            job->cancel();
        setStatus(tr("Cancelling…"));
    });

    buildMenus();
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
    m_exportJson = m_exportMenu->addAction(QString(), this, [this] { exportCurrent(QStringLiteral("json")); });
    m_exportHtml = m_exportMenu->addAction(QString(), this, [this] { exportCurrent(QStringLiteral("html")); });
    m_exportZip = m_exportMenu->addAction(QString(), this, [this] { exportCurrent(QStringLiteral("zip")); });
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
    m_relative->setCheckable(true);
    m_relative->setChecked(AppSettings::relativeTime());
    connect(m_relative, &QAction::toggled, this, [this](bool on) {
        AppSettings::setRelativeTime(on);
        for (CaptureTab *t : captureTabs())
            t->setRelativeTime(on);
    });
    m_historyAct = m_viewMenu->addAction(QIcon(QStringLiteral(":/icons/history.svg")), QString(), QKeySequence(Qt::CTRL | Qt::Key_H), this, &MainWindow::showHistory);

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
            showError(tr("REST API server"), tr("The server could not start: %1").arg(error));
    });
    m_serverShow = m_server->toggleViewAction();
    m_serverMenu->addAction(m_serverShow);
    connect(m_server, &ServerPanel::runningChanged, this, [this] { retranslate(); });
    m_helpMenu = menuBar()->addMenu(QString());
    m_about = m_helpMenu->addAction(QString(), this, [this] {
        QMessageBox::about(this, tr("About PacketLens"),
                           tr("<b>PacketLens %1</b><p>Offline network-traffic analyzer: packets, charts and threat findings "
                              "with evidence, for pcap and pcapng captures.</p>").arg(QStringLiteral(PACKETLENS_VERSION)));
    });
    updateRecentMenu();
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("PacketLens"));
    m_welcome->setText(tr("<h2>PacketLens</h2><p>Drop captures here (pcap, pcapng, .gz or .zip),<br>or use File ▸ Open… (Ctrl+O).</p>"
                          "<p>History: Ctrl+H · Filter: Ctrl+F · Re-analyze: F5</p>"));
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
    m_serverMenu->setTitle(tr("&Server"));
    m_serverToggle->setText(m_server->isRunning() ? tr("S&top REST API Server") : tr("S&tart REST API Server"));
    m_serverShow->setText(tr("Server &Panel"));
    m_server->retranslate();
    m_helpMenu->setTitle(tr("&Help"));
    m_about->setText(tr("&About PacketLens"));
    m_cancel->setText(tr("Cancel"));
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
        setStatus(tr("History: %1").arg(store.warnings().join(QStringLiteral("; "))));
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

bool MainWindow::isAnalyzing() const
{
    return !m_jobs.isEmpty();
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
            showError(tr("Cannot open"), tr("%1 cannot be read: %2").arg(path, probe.message));
        else if (probe.error == InputError::Empty)
            showError(tr("Not a capture"), tr("%1 is empty.").arg(fi.fileName()));
        else if (DatabaseFiles::isInUse(fi.absoluteFilePath()))
            showError(tr("Not a capture"), tr("%1 is the history database of PacketLens, not a capture.").arg(fi.fileName()));
        else if (probe.truncatedHeader)
            showError(tr("Not a capture"), tr("%1 is cut short: %2.").arg(fi.fileName(), probe.message));
        else
            showError(tr("Not a capture"), tr("%1 is not a capture PacketLens can read (pcap, pcapng, gzip or zip): it %2.")
                                               .arg(fi.fileName(), probe.head));
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
    if (!settingsProblem.isEmpty())
        setStatus(tr("Some settings were ignored: %1").arg(settingsProblem));

    auto *job = new AnalysisJob(spec, this);
    m_jobs.insert(job, {});
    CaptureTab *first = tabForEntry(job, 0, fi.fileName());
    m_tabs->setCurrentWidget(first);
    connect(job, &AnalysisJob::batchReady, this, [this, job](int entry, const PacketBatch &b) {
        if (CaptureTab *t = tabForEntry(job, entry, QString()))
            t->addBatch(b, job->addresses());
    });
    connect(job, &AnalysisJob::progress, this, [this, job](const QString &name, quint64 packets, quint64 pos, quint64 total) {
        onProgress(job, name, packets, pos, total);
    });
    connect(job, &AnalysisJob::reportsFromHistory, this, [this, job](const QList<EntryResult> &entries) {
        for (int i = 0; i < entries.size(); ++i)
            if (entries[i].ok)
                if (CaptureTab *t = tabForEntry(job, i, entries[i].name))
                    t->setReport(entries[i].report, true);
        setStatus(tr("%1: report from the history (same file, engine and settings); reading packets…").arg(job->spec().path));
        updateActions();
    });
    connect(job, &AnalysisJob::finished, this, [this, job](const QList<EntryResult> &e, bool fromHistory, const QString &he) {
        onFinished(job, e, fromHistory, he);
    });
    QString error;
    if (!job->start(&error)) {
        showError(tr("Cannot analyze"), error);
        onFinished(job, {}, false, QString());
        return false;
    }
    m_progress->setValue(0);
    m_progress->show();
    m_rate->show();
    m_cancel->show();
    setStatus(tr("Analyzing %1…").arg(fi.fileName()));
    return true;
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
        auto *tab = new CaptureTab(job->spec().path, title, job->spool(), m_tabs);
        tab->setRelativeTime(m_relative->isChecked());
        connect(tab, &CaptureTab::statusMessage, this, &MainWindow::setStatus);
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
        m_rate->setText(tr("%L1 packets · %L2 packets/s").arg(packets).arg(qint64(rate)));
    }
    it->lastPackets = packets;
    it->lastMs = ms;
    if (total > 0)
        m_progress->setValue(int(double(position) * 1000.0 / double(total)));
    setStatus(tr("Analyzing %1…").arg(name));
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
            setStatus(tr("Analysis of %1 cancelled").arg(QFileInfo(path).fileName()));
        } else {
            failures << (e.name.isEmpty() ? e.message : QStringLiteral("%1: %2").arg(e.name, e.message));
            if (t && t->packetCount() == 0)
                closeTab(m_tabs->indexOf(t));
            else if (t)
                t->setFailed(e.message);
        }
    }
    // Tabs with no outcome (the job failed before any capture) go.
    if (entries.isEmpty())
        for (CaptureTab *x : std::as_const(tabs.tabs))
            if (x && x->packetCount() == 0)
                closeTab(m_tabs->indexOf(x));
    m_jobs.remove(job);
    job->deleteLater();
    if (!failures.isEmpty())
        showError(tr("Analysis failed"), failures.join(u'\n'));
    else if (anyOk)
        setStatus(tr("%1 analyzed in %2 s%3").arg(QFileInfo(path).fileName()).arg(double(ms) / 1000.0, 0, 'f', 2)
                      .arg(historyError.isEmpty() ? QString() : tr(" (history not recorded: %1)").arg(historyError)));
    if (m_jobs.isEmpty()) {
        m_progress->hide();
        m_rate->hide();
        m_cancel->hide();
    }
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

void MainWindow::reanalyzeCurrent()
{
    CaptureTab *t = currentCapture();
    if (!t)
        return;
    const QString path = t->path();
    closeTab(m_tabs->indexOf(t));
    openCapture(path, true);
}

void MainWindow::showHistory()
{
    if (!m_history) {
        m_history = new HistoryView(m_tabs);
        connect(m_history, &HistoryView::openRequested, this, [this](const QString &p, bool again) { openCapture(p, again); });
        connect(m_history, &HistoryView::statusMessage, this, &MainWindow::setStatus);
        m_tabs->addTab(m_history, QIcon(QStringLiteral(":/icons/history.svg")), tr("History"));
    }
    m_history->setDatabase(AppSettings::databasePath());
    m_tabs->setCurrentWidget(m_history);
}

void MainWindow::exportCurrent(const QString &kind)
{
    CaptureTab *t = currentCapture();
    if (!t || !t->hasReport())
        return;
    const QString base = QFileInfo(t->path()).completeBaseName();
    const QString dir = AppSettings::lastDirectory();
    QString filter, suffix;
    if (kind == QLatin1String("json")) {
        filter = tr("JSON report (*.json)");
        suffix = QStringLiteral(".json");
    } else if (kind == QLatin1String("html")) {
        filter = tr("HTML report (*.html)");
        suffix = QStringLiteral(".html");
    } else {
        filter = tr("ZIP bundle (*.zip)");
        suffix = QStringLiteral("-bundle.zip");
    }
    QString out = QFileDialog::getSaveFileName(this, tr("Export"), QDir(dir).filePath(base + suffix), filter);
    if (out.isEmpty())
        return;
    const Report report = *t->report();
    const QString capture = t->path();
    const QString lang = currentLanguage();
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, out] {
        const QString error = watcher->result();
        watcher->deleteLater();
        if (error.isEmpty())
            setStatus(tr("Exported %1").arg(out));
        else
            showError(tr("Export failed"), error);
    });
    // Exports read the capture (evidence) and write files: off the GUI thread.
    watcher->setFuture(QtConcurrent::run([kind, report, capture, lang, out]() -> QString {
        if (kind == QLatin1String("zip")) {
            QString error;
            return writeBundle(report, capture, out, &error) ? QString() : error;
        }
        const QByteArray bytes = kind == QLatin1String("json") ? ReportJson::toBytes(report, true)
                                                               : HtmlReport::render(report, lang).toUtf8();
        QString error;
        return writeWholeFile(out, bytes, &error) ? QString() : error;
    }));
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
    if (m_history && oldDb != AppSettings::databasePath())
        m_history->setDatabase(AppSettings::databasePath());
}

void MainWindow::closeEvent(QCloseEvent *e)
{
    for (AnalysisJob *job : m_jobs.keys())
        job->cancel();
    e->accept();
}

} // namespace packetlens::gui
