#include "capturetab.h"

#include "captureproperties.h"
#include "dashboard.h"
#include "findingspage.h"
#include "packetdetails.h"
#include "packetlistmodel.h"
#include "packetspool.h"
#include "recordstore.h"
#include "reporttables.h"

#include "core/inspect/displayfilter.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <numeric>
#include <utility>

namespace packetlens::gui {

namespace {
const QString kInvalidStyle = QStringLiteral("QLineEdit { background: rgba(211, 47, 47, 70); }");
const QString kValidStyle = QStringLiteral("QLineEdit { background: rgba(56, 142, 60, 50); }");

std::vector<uint32_t> iotaRange(uint32_t from, uint32_t to)
{
    std::vector<uint32_t> v(to - from);
    std::iota(v.begin(), v.end(), from);
    return v;
}
} // namespace

CaptureTab::CaptureTab(const QString &path, const QString &title, std::shared_ptr<const PacketSpool> spool, QWidget *parent)
    : QWidget(parent), m_path(path), m_title(title), m_records(std::make_shared<RecordStore>()), m_spool(std::move(spool))
{
    m_views = new QTabWidget(this);
    m_views->setObjectName(QStringLiteral("captureViews"));
    m_views->setDocumentMode(true);
    m_views->addTab(buildPacketsPage(), QString());
    m_dashboard = new Dashboard(this);
    m_views->addTab(m_dashboard, QString());
    m_findings = new FindingsPage(this);
    m_views->addTab(m_findings, QString());
    m_hosts = new HostModel(hostColumns(&m_timeDigits), this);
    m_hostsView = makeReportTable(this, m_hosts, &m_hostsProxy, QStringLiteral("hostsView"));
    m_views->addTab(m_hostsView, QString());
    m_convs = new ConversationModel(conversationColumns(&m_timeDigits), this);
    m_convView = makeReportTable(this, m_convs, &m_convProxy, QStringLiteral("conversationsView"));
    m_views->addTab(m_convView, QString());
    m_properties = new CaptureProperties(this);
    m_views->addTab(m_properties, QString());
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->addWidget(m_views);

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
    connect(&m_job, &QFutureWatcher<JobResult>::finished, this, &CaptureTab::rowJobDone);
    connect(m_views, &QTabWidget::currentChanged, this, [this](int index) {
        if (index == DashboardView && m_dashDirty) {
            m_dashDirty = false;
            m_dash.flush();
            m_dashboard->update(m_dash, m_addresses);
        }
    });

    PacketSource src;
    src.records = m_records;
    src.spool = m_spool;
    m_model->setSource(src);

    // The dashboard is redrawn at most twice a second while packets arrive.
    m_dashTimer = new QTimer(this);
    m_dashTimer->setInterval(500);
    connect(m_dashTimer, &QTimer::timeout, this, [this] {
        // Charts are redrawn only while someone can see them; switching to
        // the dashboard brings them up to date at once.
        if (m_dashDirty && m_dashboard->isVisible()) {
            m_dashDirty = false;
            m_dash.flush();
            m_dashboard->update(m_dash, m_addresses);
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
    auto *bar = new QHBoxLayout;
    m_filterEdit = new QLineEdit(page);
    m_filterEdit->setObjectName(QStringLiteral("filterEdit"));
    m_filterEdit->setClearButtonEnabled(true);
    m_filterApply = new QToolButton(page);
    m_filterApply->setObjectName(QStringLiteral("filterApply"));
    m_filterStatus = new QLabel(page);
    m_filterStatus->setObjectName(QStringLiteral("filterStatus"));
    bar->addWidget(m_filterEdit, 1);
    bar->addWidget(m_filterApply);
    bar->addWidget(m_filterStatus);

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
    m_details = new PacketDetails(split);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({420, 300});

    auto *lay = new QVBoxLayout(page);
    lay->setContentsMargins(4, 4, 4, 0);
    lay->addLayout(bar);
    lay->addWidget(split, 1);

    connect(m_filterEdit, &QLineEdit::returnPressed, this, [this] { applyFilter(m_filterEdit->text()); });
    connect(m_filterApply, &QToolButton::clicked, this, [this] { applyFilter(m_filterEdit->text()); });
    connect(m_filterEdit, &QLineEdit::textEdited, this, [this](const QString &t) {
        const DisplayFilter f = DisplayFilter::parse(t);
        m_filterEdit->setStyleSheet(t.trimmed().isEmpty() ? QString() : f.isValid() ? kValidStyle : kInvalidStyle);
        m_filterEdit->setToolTip(f.isValid() ? QString() : f.error());
    });
    connect(m_packetView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &CaptureTab::showSelectedPacket);
    return page;
}

void CaptureTab::retranslate()
{
    m_views->setTabText(PacketsView, tr("Packets"));
    m_views->setTabText(DashboardView, tr("Dashboard"));
    m_views->setTabText(FindingsView, m_report ? tr("Findings (%1)").arg(m_report->findings().size()) : tr("Findings"));
    m_views->setTabText(HostsView, tr("Hosts"));
    m_views->setTabText(ConversationsView, tr("Conversations"));
    m_views->setTabText(PropertiesView, tr("Properties"));
    m_filterEdit->setPlaceholderText(tr("Display filter, e.g. dns || tcp.port==443 && ip.addr==10.0.0.0/8 — or \"text\" to search Info (Ctrl+F)"));
    m_filterApply->setText(tr("Apply"));
    m_model->retranslate();
    m_findings->retranslate();
    m_hosts->retranslate();
    m_convs->retranslate();
    for (QTableView *v : {m_packetView, m_hostsView, m_convView})
        retranslateCsvCopy(v);
    m_dashboard->retranslate();
    m_properties->retranslate();
    updateFilterStatus();
}

uint32_t CaptureTab::packetCount() const
{
    return m_records->size();
}

size_t CaptureTab::tableMemoryBytes() const
{
    return m_model->memoryBytes() + size_t(m_addresses.size()) * 48;
}

bool CaptureTab::isBusy() const
{
    return m_jobActive; // until its result is applied, not just computed
}

void CaptureTab::addBatch(const PacketBatch &batch, const QStringList &addresses)
{
    m_addresses = addresses;
    while (m_addressIsIp.size() < m_addresses.size()) {
        const QString &a = m_addresses[m_addressIsIp.size()];
        m_addressIsIp << (a.contains(u'.') || (a.count(u':') != 5 && a.contains(u':')));
    }
    for (const PacketRecord &r : batch.records) {
        if (!m_records->append(r))
            break;
        m_dash.add(r, m_addressIsIp);
    }
    m_dashDirty = true;
    m_model->setAddresses(m_addresses);
    m_model->recordsAppended(m_records->size());
    if (!m_model->isIdentity())
        startRowJob(false);
    updateFilterStatus();
}

void CaptureTab::setReport(const Report &report, bool fromHistory)
{
    m_report = report;
    m_timeDigits = report.capture.timeDigits;
    m_findings->setFindings(report.findings(), m_timeDigits);
    m_hosts->setRows(report.endpoints);
    m_hostsView->resizeColumnsToContents();
    m_convs->setRows(report.conversations);
    m_convView->resizeColumnsToContents();
    m_dashboard->setSuspiciousIps(report.detection.suspiciousIps);
    m_properties->setReport(report, m_path, fromHistory);
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

void CaptureTab::setLoadingFinished()
{
    m_loading = false;
    m_dashTimer->stop();
    m_dashDirty = true;
    if (m_dashboard->isVisible()) { // otherwise drawn when the dashboard is shown
        m_dashDirty = false;
        m_dash.flush();
        m_dashboard->update(m_dash, m_addresses);
    }
    if (m_sortColumn >= 0)
        startRowJob(true); // rows that arrived after the sort
    updateFilterStatus();
}

void CaptureTab::setFailed(const QString &message)
{
    m_loading = false;
    m_dashTimer->stop();
    m_filterStatus->setText(message);
}

QString CaptureTab::filterText() const
{
    return m_filterEdit->text();
}

void CaptureTab::applyFilter(const QString &text)
{
    if (m_filterEdit->text() != text)
        m_filterEdit->setText(text);
    DisplayFilter f = DisplayFilter::parse(text);
    m_filterValid = f.isValid();
    if (!f.isValid()) {
        m_filterEdit->setStyleSheet(kInvalidStyle);
        m_filterEdit->setToolTip(f.error());
        m_filterStatus->setText(tr("Invalid filter: %1").arg(f.error()));
        emit statusMessage(tr("Invalid filter: %1").arg(f.error()));
        return;
    }
    m_filterEdit->setStyleSheet(f.isEmpty() ? QString() : kValidStyle);
    m_filterEdit->setToolTip(QString());
    m_filter = f.isEmpty() ? nullptr : std::make_shared<DisplayFilter>(std::move(f));
    startRowJob(true);
}

void CaptureTab::startRowJob(bool full)
{
    if (m_jobActive) {
        if (full) {
            *m_jobStop = true;
            m_pendingFull = true;
        }
        return;
    }
    const uint32_t total = m_records->size();
    if (full) {
        ++m_generation;
        if (!m_filter && m_sortColumn < 0) {
            m_model->setRows(nullptr);
            m_coveredUpTo = total;
            updateFilterStatus();
            emit rowsChanged();
            return;
        }
    } else if (m_coveredUpTo >= total) {
        return;
    }
    PacketSource src = m_model->source();
    src.addresses = m_addresses;
    const uint32_t from = full ? 0 : m_coveredUpTo;
    auto filter = m_filter;
    const int sortColumn = m_sortColumn;
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    const quint64 generation = m_generation;
    m_jobStop = std::make_shared<std::atomic<bool>>(false);
    auto stop = m_jobStop;
    m_jobActive = true;
    m_job.setFuture(QtConcurrent::run([=]() {
        JobResult r;
        r.full = full;
        r.upTo = total;
        r.generation = generation;
        r.rows = filter ? filterRows(src, *filter, from, total, *stop) : iotaRange(from, total);
        if (full && sortColumn >= 0 && !stop->load())
            r.rows = sortRows(src, std::move(r.rows), PacketColumn(sortColumn), descending, *stop);
        if (stop->load())
            r.generation = 0; // stale
        return r;
    }));
    updateFilterStatus();
}

void CaptureTab::rowJobDone()
{
    m_jobActive = false;
    const JobResult r = m_job.result();
    if (r.generation == m_generation && r.generation != 0) {
        if (r.full)
            m_model->setRows(std::make_shared<std::vector<uint32_t>>(std::move(r.rows)));
        else
            m_model->appendRows(r.rows);
        m_coveredUpTo = r.upTo;
        if (r.full)
            emit rowsChanged();
    }
    if (m_pendingFull) {
        m_pendingFull = false;
        startRowJob(true);
        return;
    }
    if (!m_model->isIdentity() && m_coveredUpTo < m_records->size())
        startRowJob(false);
    updateFilterStatus();
}

void CaptureTab::updateFilterStatus()
{
    if (!m_filterValid)
        return;
    const uint32_t total = m_records->size();
    QString s;
    if (m_jobActive)
        s = m_filter ? tr("Filtering…") : tr("Sorting…");
    else if (m_filter)
        s = tr("Displayed: %L1 of %L2").arg(m_model->rowCount()).arg(total);
    else
        s = tr("Packets: %L1").arg(total);
    m_filterStatus->setText(s);
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
                          QByteArray(reinterpret_cast<const char *>(p.bytes.data()), qsizetype(p.bytes.size())), r.len);
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
    m_filterEdit->setFocus();
    m_filterEdit->selectAll();
}

void CaptureTab::setRelativeTime(bool relative)
{
    m_model->setRelativeTime(relative);
}

} // namespace packetlens::gui
