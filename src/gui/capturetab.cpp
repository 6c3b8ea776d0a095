// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturetab.h"

#include "captureproperties.h"
#include "dashboard.h"
#include "filterbar.h"
#include "findingspage.h"
#include "healthpage.h"
#include "i18n.h"
#include "timelinepage.h"
#include "packetdetails.h"
#include "packetlistmodel.h"
#include "packetspool.h"
#include "recordstore.h"
#include "reporttables.h"
#include "streamtable.h"

#include "core/analysis/analyzer.h"
#include "core/detect/detectionsettings.h"
#include "core/inspect/displayfilter.h"
#include "core/report/errortext.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QScrollBar>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <numeric>
#include <utility>

namespace packetlens::gui {

namespace {
constexpr int kTopTalkers = 10;
constexpr int kMaxChartPoints = 600;
} // namespace

CaptureTab::CaptureTab(const QString &path, const QString &title, std::shared_ptr<const PacketSpool> spool,
                       std::shared_ptr<const AddressTable> addresses, QWidget *parent)
    : QWidget(parent), m_path(path), m_title(title), m_records(std::make_shared<RecordStore>()),
      m_experts(std::make_shared<ExpertStore>()), m_streams(std::make_shared<StreamTable>()), m_spool(std::move(spool)),
      m_addresses(std::move(addresses))
{
    m_views = new QTabWidget(this);
    m_views->setObjectName(QStringLiteral("captureViews"));
    m_views->setDocumentMode(true);
    m_views->addTab(buildPacketsPage(), QString());
    m_dashboard = new Dashboard(this);
    m_views->addTab(m_dashboard, QString());
    m_findings = new FindingsPage(this);
    m_views->addTab(m_findings, QString());
    m_health = new HealthPage(this);
    m_views->addTab(m_health, QString());
    m_timeline = new TimelinePage(this);
    m_views->addTab(m_timeline, QString());
    m_hosts = new HostModel(hostColumns(&m_timeDigits), this);
    m_hostsView = makeReportTable(this, m_hosts, &m_hostsProxy, QStringLiteral("hostsView"));
    m_views->addTab(m_hostsView, QString());
    m_convs = new ConversationModel(conversationColumns(&m_timeDigits), this);
    m_convView = makeReportTable(this, m_convs, &m_convProxy, QStringLiteral("conversationsView"));
    m_views->addTab(m_convView, QString());
    m_properties = new CaptureProperties(this);
    m_views->addTab(m_properties, QString());
    buildReportViews();
    // Said at once, not only in Properties: a capture cut short or damaged.
    m_banner = new QLabel(this);
    m_banner->setObjectName(QStringLiteral("truncatedBanner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #664d03; padding: 6px; border-bottom: 1px solid #ffe69c; }"));
    m_banner->hide();
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->setSpacing(0);
    lay->addWidget(m_banner);
    lay->addWidget(m_views);
    addStateWidgets();

    connect(m_hostsView, &QTableView::doubleClicked, this, [this](const QModelIndex &i) {
        applyFilter(hostFilter(m_hosts->row(m_hostsProxy->mapToSource(i).row())));
        showView(PacketsView);
    });
    connect(m_convView, &QTableView::doubleClicked, this, [this](const QModelIndex &i) {
        applyFilter(conversationFilter(m_convs->row(m_convProxy->mapToSource(i).row())));
        showView(PacketsView);
    });
    connect(m_dashboard, &Dashboard::filterRequested, this, [this](const QString &f) {
        applyFilter(f);
        showView(PacketsView);
    });
    connect(m_findings, &FindingsPage::evidenceRequested, this, [this](const QString &f) {
        applyFilter(f);
        showView(PacketsView);
    });
    connect(m_findings, &FindingsPage::statusMessage, this, &CaptureTab::statusMessage);
    connectHealthViews();
    connect(&m_job, &QFutureWatcher<JobResult>::finished, this, &CaptureTab::rowJobDone);
    connect(m_views, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == DashboardView && m_dashDirty) {
            redrawDashboard();
        }
    });

    PacketSource src;
    src.records = m_records;
    src.experts = m_experts;
    src.spool = m_spool;
    src.streams = m_streams;
    m_model->setSource(src);

    // The dashboard is redrawn at most twice a second while packets arrive.
    m_dashTimer = new QTimer(this);
    m_dashTimer->setInterval(500);
    connect(m_dashTimer, &QTimer::timeout, this, [this] {
        // Charts are redrawn only while someone can see them; switching to
        // the dashboard brings them up to date at once.
        if (m_dashDirty && m_dashboard->isVisible()) {
            redrawDashboard();
        }
    });
    m_dashTimer->start();
    retranslate();
}

CaptureTab::~CaptureTab()
{
    if (m_jobStop)
        *m_jobStop = true;
    m_job.waitForFinished();
}

QWidget *CaptureTab::buildPacketsPage()
{
    auto *page = new QWidget(this);
    m_filterBar = new FilterBar(page);

    auto *split = new QSplitter(Qt::Vertical, page);
    m_packetView = new QTableView(split);
    m_packetView->setObjectName(QStringLiteral("packetView"));
    m_model = new PacketListModel(this);
    m_packetView->setModel(m_model);
    m_packetView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_packetView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_packetView->verticalHeader()->hide();
    m_packetView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_packetView->verticalHeader()->setDefaultSectionSize(m_packetView->fontMetrics().height() + 6);
    m_packetView->setShowGrid(false);
    m_packetView->setWordWrap(false);
    m_packetView->setAlternatingRowColors(true);
    m_packetView->setTabKeyNavigation(false); // Tab goes on to the details, Ctrl+Tab to the views' tabs
    QHeaderView *h = m_packetView->horizontalHeader();
    h->setStretchLastSection(true);
    h->setSectionsClickable(true);
    h->setSortIndicatorShown(true);
    h->setSortIndicator(-1, Qt::AscendingOrder);
    const int em = m_packetView->fontMetrics().horizontalAdvance(u'0');
    const int widths[] = {8, 16, 24, 24, 10, 7}; // an IPv6 address fits
    for (int c = 0; c < 6; ++c)
        h->resizeSection(c, widths[c] * em);
    connect(h, &QHeaderView::sortIndicatorChanged, this, [this](int col, Qt::SortOrder order) {
        m_sortColumn = (col == 0 && order == Qt::AscendingOrder) ? -1 : col;
        m_sortOrder = order;
        startRowJob(true);
    });
    addCsvCopy(m_packetView);
    addFollowAction();
    m_details = new PacketDetails(split);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({420, 300});

    auto *lay = new QVBoxLayout(page);
    lay->setContentsMargins(4, 4, 4, 0);
    lay->addWidget(m_filterBar);
    lay->addWidget(split, 1);

    // Tab: list -> details -> hex -> filter (-> Apply), as the panes are read.
    m_details->hex()->setTabChangesFocus(true);
    setTabOrder(m_packetView, m_details->tree());
    setTabOrder(m_details->tree(), m_details->hex());
    setTabOrder(m_details->hex(), m_filterBar->edit());
    connect(m_filterBar, &FilterBar::applyRequested, this, &CaptureTab::applyFilter);
    // Clearing the filter (its clear button, or deleting the text) shows every packet again, as in Wireshark.
    connect(m_filterBar->edit(), &QLineEdit::textChanged, this, [this](const QString &t) {
        if (t.isEmpty() && (m_filter || !m_filterValid))
            applyFilter(QString());
    });
    connect(m_packetView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &CaptureTab::showSelectedPacket);
    return page;
}

void CaptureTab::setAnalysisSettings(const AnalyzerSettings &settings)
{
    // (none there: the defaults)
    m_findings->setDetectionSettings(settings.detection ? settings.detection : std::make_shared<const DetectionSettings>());
}

void CaptureTab::retranslate()
{
    m_views->setTabText(PacketsView, tr("Packets"));
    m_views->setTabText(DashboardView, tr("Dashboard"));
    const size_t findings = m_report ? m_report->findings().size() : m_liveFindings.size();
    m_views->setTabText(FindingsView, m_report || findings ? tr("Findings (%1)").arg(findings) : tr("Findings"));
    m_views->setTabText(HealthView, m_report && m_report->health.present ? tr("Health (%1)").arg(m_report->health.items.size()) : tr("Health"));
    m_views->setTabText(TimelineView, tr("Timeline"));
    m_views->setTabText(HostsView, tr("Hosts"));
    m_views->setTabText(ConversationsView, tr("Conversations"));
    m_views->setTabText(PropertiesView, tr("Properties"));
    m_filterBar->retranslate();
    m_followAct->setText(tr("Follow TCP Stream"));
    m_model->retranslate();
    m_findings->retranslate();
    m_health->retranslate();
    m_timeline->retranslate();
    retranslateHostTimeline();
    m_hosts->retranslate();
    m_convs->retranslate();
    for (QTableView *v : {m_packetView, m_hostsView, m_convView})
        retranslateCsvCopy(v);
    m_dashboard->retranslate();
    m_properties->retranslate();
    retranslateReportViews();
    retranslateState();
    updateFilterStatus();
}

uint32_t CaptureTab::packetCount() const
{
    return m_records->size();
}

size_t CaptureTab::tableMemoryBytes() const
{
    return m_model->memoryBytes() + size_t(m_addresses->names.size()) * 48;
}

bool CaptureTab::isBusy() const
{
    return m_jobActive; // until its result is applied, not just computed
}

void CaptureTab::addBatch(const PacketBatch &batch)
{
    const uint32_t base = m_records->size();
    m_streams->append(batch.streams, batch.streamUpdates);
    QScrollBar *bar = m_packetView->verticalScrollBar();
    const bool follow = m_live && bar->value() == bar->maximum();
    for (const PacketRecord &r : batch.records) {
        if (!m_records->append(r))
            break;
        m_dash.add(r, m_addresses->isIp);
    }
    for (const auto &[index, expert] : batch.experts)
        if (base + index < m_records->size())
            m_experts->append({base + index, expert});
    m_dashDirty = true;
    m_model->setAddresses(m_addresses->names);
    m_model->recordsAppended(m_records->size());
    if (!m_model->isIdentity())
        startRowJob(false);
    updateFilterStatus();
    if (follow)
        m_packetView->scrollToBottom();
}

void CaptureTab::addLiveFinding(const ReportFinding &finding, int timeDigits)
{
    if (m_report)
        return; // the report has them all
    m_liveFindings.push_back(finding);
    m_findings->setFindings(m_liveFindings, timeDigits);
    m_views->setTabText(FindingsView, tr("Findings (%1)").arg(m_liveFindings.size()));
}

void CaptureTab::setReport(const Report &report, bool fromHistory)
{
    m_report = report;
    m_timeDigits = report.capture.timeDigits;
    m_findings->setFindings(report.findings(), m_timeDigits);
    m_health->setHealth(report.health, m_timeDigits);
    m_timeline->setReport(report);
    m_views->setTabText(HealthView, report.health.present ? tr("Health (%1)").arg(report.health.items.size()) : tr("Health"));
    m_hosts->setRows(report.endpoints);
    m_hostsView->resizeColumnsToContents();
    m_convs->setRows(report.conversations);
    m_convView->resizeColumnsToContents();
    m_dashDirty = true;
    if (m_dashboard->isVisible())
        redrawDashboard();
    m_properties->setReport(report, m_path, fromHistory);
    setReportViews(report);
    m_banner->setVisible(report.capture.truncated);
    if (report.capture.truncated)
        m_banner->setText(tr("This capture is cut short or damaged — %1. The packets before that point are shown.")
                              .arg(report.capture.warnings.isEmpty()
                                       ? tr("reading stopped at byte %1").arg(report.capture.truncatedAt.value_or(0))
                                       : localizedError(report.capture.warnings.first(), currentLanguage())));
    QHash<uint64_t, Severity> evidence; // the worst finding that cites each packet
    for (const ReportFinding &f : report.findings()) {
        for (qint64 p : f.evidencePackets) {
            auto it = evidence.find(uint64_t(p));
            if (it == evidence.end())
                evidence.insert(uint64_t(p), f.severity);
            else if (f.severity > *it)
                *it = f.severity;
        }
    }
    m_model->setEvidence(std::move(evidence));
    m_views->setTabText(FindingsView, tr("Findings (%1)").arg(report.findings().size()));
}

void CaptureTab::redrawDashboard()
{
    m_dashDirty = false;
    m_dash.flush();
    // The report's traffic and talkers once it is there; the packets read so far before.
    m_dashboard->update(m_report ? m_dash.input(*m_report, kTopTalkers) : m_dash.input(m_addresses->names, kTopTalkers, kMaxChartPoints));
}

void CaptureTab::setLoadingFinished()
{
    m_loading = false;
    m_dashTimer->stop();
    m_dashDirty = true;
    if (m_dashboard->isVisible()) { // otherwise drawn when the dashboard is shown
        redrawDashboard();
    }
    if (m_sortColumn >= 0)
        startRowJob(true); // rows that arrived after the sort
    updateFilterStatus();
}

void CaptureTab::setFailed(const QString &message)
{
    m_loading = false;
    m_dashTimer->stop();
    m_filterBar->setStatus(message);
}

QString CaptureTab::filterText() const
{
    return m_filterBar->text();
}

void CaptureTab::showSelectedPacket()
{
    const QModelIndex cur = m_packetView->currentIndex();
    if (!cur.isValid()) {
        m_details->clear();
        return;
    }
    const uint32_t rec = m_model->recordAt(cur.row());
    const PacketRecord &r = m_records->at(rec);
    PacketSpool::Packet p;
    if (!m_spool->read(r, p)) {
        m_details->clear();
        return;
    }
    m_details->showPacket(uint64_t(rec) + 1, r.tsNs, p.linkType,
                          QByteArray(reinterpret_cast<const char *>(p.bytes.data()), qsizetype(p.bytes.size())), r.len, m_streams.get(), rec);
}

QLineEdit *CaptureTab::filterEdit() const
{
    return m_filterBar->edit();
}

QLabel *CaptureTab::filterStatus() const
{
    return m_filterBar->status();
}

QTableView *CaptureTab::findingsView() const
{
    return m_findings->view();
}

void CaptureTab::showView(View v)
{
    m_views->setCurrentIndex(v);
}

void CaptureTab::focusFilter()
{
    showView(PacketsView);
    m_filterBar->focus();
}

void CaptureTab::setRelativeTime(bool relative)
{
    m_model->setRelativeTime(relative);
}

} // namespace packetlens::gui
