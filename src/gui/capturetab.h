// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "addresstable.h"
#include "dashboarddata.h"
#include "packetjobs.h"

#include "reporttables.h"

#include <QFutureWatcher>
#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QTimer;
class QToolButton;
class QPushButton;

namespace packetlens {
class DisplayFilter;
struct AnalyzerSettings;
}

namespace packetlens::gui {

class AnomaliesPage;
class AppSummaryPage;
class CaptureProperties;
class Dashboard;
class FilterBar;
class FindingsPage;
class ExpertStore;
class FollowDialog;
class HealthPage;
class TimelinePage;
class PacketDetails;
class PacketListModel;
class PacketSpool;
class StreamTable;

// One capture: the packet list with its filter bar and details, dashboard,
// findings, hosts, conversations and properties. Packets arrive in batches
// while the engine reads; the report arrives at the end (or at once from the
// history). Filtering and sorting run on other threads.
class CaptureTab : public QWidget
{
    Q_OBJECT
public:
    enum View { PacketsView, DashboardView, FindingsView, HealthView, TimelineView, HostsView, ConversationsView, PropertiesView,
                AnomaliesView, SummaryView };

    CaptureTab(const QString &path, const QString &title, std::shared_ptr<const PacketSpool> spool,
               std::shared_ptr<const AddressTable> addresses, QWidget *parent = nullptr);
    ~CaptureTab() override;

    QString path() const { return m_path; }
    // Which capture of the file this tab shows (a zip may hold several; from 0).
    int entry() const { return m_entry; }
    void setEntry(int entry) { m_entry = entry; }
    QString title() const { return m_title; }
    const Report *report() const { return m_report ? &*m_report : nullptr; }
    bool hasReport() const { return m_report.has_value(); }
    bool isLoading() const { return m_loading; }
    bool isBusy() const; // a filter or sort job is running

    void addBatch(const PacketBatch &batch); // its addresses are in the job's table already
    // A live capture: the list follows new packets while its view is at the
    // bottom (scrolling up stops that, as in Wireshark); findings come one
    // at a time as detectors raise them, before the report.
    void setLive(bool live) { m_live = live; }
    void addLiveFinding(const ReportFinding &finding, int timeDigits);
    void setReport(const Report &report, bool fromHistory);
    HealthPage *healthPage() const;
    TimelinePage *timelinePage() const;
    void setLoadingFinished();
    void setFailed(const QString &message);

    void applyFilter(const QString &text);
    QString filterText() const;
    bool filterValid() const { return m_filterValid; }
    void showView(View v);
    void focusFilter();
    void setRelativeTime(bool relative);
    void retranslate();
    // Follow ▸ TCP Stream on the selected packet: the filter becomes
    // "tcp.stream eq N" and the stream's dialog opens (null when not TCP).
    FollowDialog *followCurrentStream();
    int64_t currentTcpStream() const; // -1 when the selected packet is not TCP
    QLabel *truncatedBanner() const { return m_banner; }

    // Per-tab state (capturetabstate.cpp): the status bar's text while this
    // tab is current, the hash of the settings it was analyzed with, and
    // "settings changed — F5 to re-analyze" when they are no longer the app's.
    QString statusText() const { return m_statusText; }
    void setStatusText(const QString &text) { m_statusText = text; }
    QString settingsHash() const { return m_settingsHash; }
    void setSettingsHash(const QString &hash) { m_settingsHash = hash; }
    // What the analysis ran with: Explain holds a finding's metrics to its detection settings.
    void setAnalysisSettings(const AnalyzerSettings &settings);
    void noteSettings(const QString &currentHash);
    bool settingsChanged() const { return m_settingsChanged; }
    QLabel *settingsNote() const { return m_settingsNote; }

    // For tests and the bench.
    QTableView *packetView() const { return m_packetView; }
    PacketListModel *packetModel() const { return m_model; }
    QLineEdit *filterEdit() const;
    QLabel *filterStatus() const;
    QTableView *findingsView() const;
    QTableView *hostsView() const { return m_hostsView; }
    QTableView *conversationsView() const { return m_convView; }
    Dashboard *dashboard() const { return m_dashboard; }
    PacketDetails *details() const { return m_details; }
    CaptureProperties *properties() const { return m_properties; }
    AnomaliesPage *anomaliesPage() const { return m_anomalies; }
    AppSummaryPage *summaryPage() const { return m_summary; }
    QTabWidget *views() const { return m_views; }
    uint32_t packetCount() const;
    size_t tableMemoryBytes() const;

signals:
    void rowsChanged(); // filter or sort applied
    void statusMessage(const QString &text);

private:
    void connectHealthViews();
    void buildReportViews();       // Anomalies and DNS/HTTP/TLS (capturetabreport.cpp)
    void retranslateReportViews();
    void setReportViews(const Report &report);
    void retranslateHostTimeline();
    QWidget *buildPacketsPage();
    void redrawDashboard();
    void startRowJob(bool full);
    void rowJobDone();
    void updateFilterStatus();
    void showSelectedPacket();
    void addFollowAction();
    void addStateWidgets(); // capturetabstate.cpp
    void retranslateState();

    QString m_path, m_title;
    int m_entry = 0;
    std::shared_ptr<RecordStore> m_records;
    std::shared_ptr<ExpertStore> m_experts; // generated fields for the display filter
    std::shared_ptr<StreamTable> m_streams;
    QAction *m_followAct = nullptr;
    QLabel *m_banner = nullptr; // "cut short or damaged", shown over the views
    QLabel *m_settingsNote = nullptr;
    QString m_statusText, m_settingsHash;
    bool m_settingsChanged = false;
    std::shared_ptr<const PacketSpool> m_spool;
    std::shared_ptr<const AddressTable> m_addresses; // the job's, shared by its tabs
    DashboardData m_dash;
    std::optional<Report> m_report;
    int m_timeDigits = 6; // the report's, for the tables' times
    bool m_loading = true;
    bool m_live = false;
    std::vector<ReportFinding> m_liveFindings;
    bool m_dashDirty = false;

    // Filter and sort state; one job at a time.
    std::shared_ptr<DisplayFilter> m_filter;
    bool m_filterValid = true;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    uint32_t m_coveredUpTo = 0; // records the current rows account for
    struct JobResult
    {
        std::vector<uint32_t> rows;
        bool full = false;
        bool identity = false;
        uint32_t upTo = 0;
        quint64 generation = 0;
    };
    QFutureWatcher<JobResult> m_job;
    std::shared_ptr<std::atomic<bool>> m_jobStop;
    quint64 m_generation = 0;
    bool m_pendingFull = false;
    bool m_jobActive = false;

    QTabWidget *m_views = nullptr;
    FilterBar *m_filterBar = nullptr;
    QTableView *m_packetView = nullptr;
    PacketListModel *m_model = nullptr;
    PacketDetails *m_details = nullptr;
    Dashboard *m_dashboard = nullptr;
    FindingsPage *m_findings = nullptr;
    HealthPage *m_health = nullptr;
    TimelinePage *m_timeline = nullptr;
    HostModel *m_hosts = nullptr;
    ConversationModel *m_convs = nullptr;
    QSortFilterProxyModel *m_hostsProxy = nullptr, *m_convProxy = nullptr;
    QTableView *m_hostsView = nullptr, *m_convView = nullptr;
    CaptureProperties *m_properties = nullptr;
    AnomaliesPage *m_anomalies = nullptr;
    AppSummaryPage *m_summary = nullptr;
    QTimer *m_dashTimer = nullptr;
};

} // namespace packetlens::gui
