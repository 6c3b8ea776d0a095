// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analysisworker.h"

#include "core/live/livetypes.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QPushButton;
class QTabWidget;

namespace packetlens::gui {

class AnalysisJob;
class CaptureTab;
class LiveJob;
struct LiveJobSpec;
class HistoryView;
class ServerPanel;
class StartPage;

// The main window: a tab per capture (drag-and-drop, File ▸ Open, recent
// files, command line, history), the status bar with progress and Cancel,
// exports, settings, the history view and the REST server.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    void openFiles(const QStringList &paths);
    bool openCapture(const QString &path, bool reanalyze = false);
    CaptureTab *currentCapture() const;
    QList<CaptureTab *> captureTabs() const;
    QTabWidget *tabs() const { return m_tabs; }
    HistoryView *historyView() const { return m_history; }
    void showHistory();
    bool isAnalyzing() const;
    // Whether an analysis still runs for this tab (a finished one is unlinked).
    bool isAnalyzing(CaptureTab *tab) const { return m_jobOfTab.contains(tab); }
    QString lastError() const { return m_lastError; }
    QLabel *statusLabel() const { return m_statusLabel; }
    // Capture ▸ Start…/Stop: a live capture in a tab of its own (one at a time).
    bool startLiveCapture(const LiveJobSpec &spec);
    void stopLiveCapture();
    bool isCapturing() const;
    QLabel *liveStatus() const { return m_liveStatus; }
    // After the settings changed: tabs analyzed with others say "F5 to re-analyze".
    void noteSettingsChange();

signals:
    void analysisFinished(const QString &path, bool ok);
    // A live capture ended: its saved file and history row (-1: none).
    void liveCaptureFinished(const QString &savedPath, qint64 analysisId);

protected:
    void dragEnterEvent(QDragEnterEvent *e) override;
    void dropEvent(QDropEvent *e) override;
    void changeEvent(QEvent *e) override;
    void closeEvent(QCloseEvent *e) override;

private:
    void buildMenus();
    void connectStartPage(); // mainwindowstart.cpp
    void buildToolMenus();     // Analyze ▸ Follow, File ▸ Export Objects (mainwindowtools.cpp)
    void retranslateTools();
    void addTabShortcuts();
    void retranslate();
    void updateRecentMenu();
    void updateActions();
    void closeTab(int index);
    void reanalyzeCurrent();
    void showError(const QString &title, const QString &text);
    void exportCurrent(const QString &kind);
    void openSettings();
    void onProgress(AnalysisJob *job, const QString &name, quint64 packets, quint64 position, quint64 total);
    void onFinished(AnalysisJob *job, const QList<EntryResult> &entries, bool fromHistory, const QString &historyError);
    CaptureTab *tabForEntry(AnalysisJob *job, int entry, const QString &name);
    void connectJob(AnalysisJob *job);
    void startupChecks();
    void setStatus(const QString &text);
    // Per-tab state (mainwindowstate.cpp).
    void setTabStatus(CaptureTab *tab, const QString &text);
    void setJobStatus(AnalysisJob *job, const QString &text);
    void showCurrentState();
    void updateProgressWidgets();
    void cancelAnalysis();
    void buildCaptureMenu();
    void retranslateCaptureMenu();
    void showLiveDialog();
    void onLiveStats(const LiveStats &s);
    void onLiveFinding(const ReportFinding &f, int timeDigits);
    void onLiveEnded(const LiveResult &r, qint64 analysisId, const QString &historyError);

    QTabWidget *m_tabs;
    StartPage *m_welcome;
    HistoryView *m_history = nullptr;
    ServerPanel *m_server = nullptr;
    QLabel *m_statusLabel;
    QProgressBar *m_progress;
    QLabel *m_rate;
    QPushButton *m_cancel;
    QString m_lastError;
    QString m_historyStatus;

    struct JobTabs
    {
        QHash<int, QPointer<CaptureTab>> tabs;
        quint64 lastPackets = 0;
        qint64 lastMs = 0;
        QString rate; // "N packets · M packets/s"
        int progress = 0; // of 1000
    };
    QHash<AnalysisJob *, JobTabs> m_jobs;
    QHash<CaptureTab *, AnalysisJob *> m_jobOfTab;

    QMenu *m_fileMenu, *m_recentMenu, *m_exportMenu, *m_viewMenu, *m_serverMenu, *m_helpMenu;
    QMenu *m_captureMenu = nullptr;
    QAction *m_liveStart = nullptr, *m_liveStop = nullptr;
    QLabel *m_liveStatus = nullptr;
    LiveJob *m_live = nullptr; // a child: its destructor stops the capture (and records it) after the window's connections are gone
    QPointer<CaptureTab> m_liveTab;
    QAction *m_open, *m_close, *m_reanalyze, *m_exportJson, *m_exportHtml, *m_exportZip, *m_quit;
    QAction *m_find, *m_relative, *m_historyAct, *m_settings, *m_about;
    QAction *m_serverToggle = nullptr, *m_serverShow = nullptr;
    QMenu *m_analyzeMenu = nullptr, *m_objectsMenu = nullptr;
    QAction *m_follow = nullptr, *m_objectActs[3] = {};
    QAction *m_nextTab = nullptr, *m_prevTab = nullptr;

public:
    ServerPanel *serverPanel() const { return m_server; }
    StartPage *startPage() const { return m_welcome; }
};

} // namespace packetlens::gui
