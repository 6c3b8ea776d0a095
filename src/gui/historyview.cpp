// SPDX-License-Identifier: GPL-3.0-or-later
#include "historyview.h"
#include "chartstyle.h"
#include "i18n.h"

#include "packetlistmodel.h"
#include "reporttables.h"

#include "core/history/historystore.h"
#include "core/report/errortext.h"
#include "core/util/format.h"

#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QStackedBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChartView>
#include <QtCharts/QValueAxis>
#include <QLocale>
#include <QAction>
#include <QCoreApplication>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

namespace packetlens::gui {

namespace {
std::vector<QJsonObject> objectsOf(const QJsonArray &rows)
{
    std::vector<QJsonObject> out;
    out.reserve(size_t(rows.size()));
    for (const QJsonValue &v : rows)
        out.push_back(v.toObject());
    return out;
}

QTableView *makeTable(QWidget *parent, TableModelBase *model, QSortFilterProxyModel *proxy, const QString &name)
{
    auto *t = new QTableView(parent);
    t->setObjectName(name);
    proxy->setSourceModel(model);
    proxy->setSortRole(TableModelBase::SortRole);
    t->setModel(proxy);
    t->setSortingEnabled(true);
    t->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // the report's own order until a header is clicked
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setTabKeyNavigation(false);
    t->verticalHeader()->hide();
    QObject::connect(t->horizontalHeader(), &QHeaderView::sortIndicatorChanged, t, [t] { t->resizeColumnsToContents(); });
    t->horizontalHeader()->setStretchLastSection(true);
    t->setAlternatingRowColors(true);
    addCsvCopy(t);
    return t;
}
} // namespace

HistoryView::HistoryView(QWidget *parent) : QWidget(parent)
{
    m_model = new HistoryModel(historyColumns(), this);
    m_model->setRowBackground([](const QJsonObject &o) -> QVariant {
        const std::optional<Severity> s = severityFromName(o.value(QStringLiteral("max_severity")).toString());
        return s ? QVariant(severityColor(*s)) : QVariant();
    });
    m_proxy = new QSortFilterProxyModel(this);
    m_ips = new HistoryModel(historyIpColumns(), this);
    m_ipsProxy = new QSortFilterProxyModel(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("historySummary"));
    m_summary->setWordWrap(true);
    m_ipsLabel = new QLabel(this);
    m_table = makeTable(this, m_model, m_proxy, QStringLiteral("historyTable"));
    m_table->sortByColumn(0, Qt::DescendingOrder); // newest first
    m_ipsTable = makeTable(this, m_ips, m_ipsProxy, QStringLiteral("historyIps"));
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundVisible(false);
    chart->legend()->hide();
    m_chart = new QChartView(chart, this);
    m_chart->setObjectName(QStringLiteral("historyChart"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumHeight(200);

    m_reopen = new QPushButton(this);
    m_reanalyze = new QPushButton(this);
    m_delete = new QPushButton(this);
    m_refresh = new QPushButton(this);
    m_reopen->setObjectName(QStringLiteral("historyReopen"));
    m_reanalyze->setObjectName(QStringLiteral("historyReanalyze"));
    m_delete->setObjectName(QStringLiteral("historyDelete"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_reopen);
    buttons->addWidget(m_reanalyze);
    buttons->addWidget(m_delete);
    buttons->addStretch(1);
    buttons->addWidget(m_refresh);

    auto *top = new QWidget(this);
    auto *topLay = new QHBoxLayout(top);
    topLay->setContentsMargins(0, 0, 0, 0);
    auto *left = new QVBoxLayout;
    left->addWidget(m_summary);
    left->addWidget(m_chart, 1);
    auto *right = new QVBoxLayout;
    right->addWidget(m_ipsLabel);
    right->addWidget(m_ipsTable, 1);
    topLay->addLayout(left, 1);
    topLay->addLayout(right, 1);

    auto *bottom = new QWidget(this);
    auto *bottomLay = new QVBoxLayout(bottom);
    bottomLay->setContentsMargins(0, 0, 0, 0);
    bottomLay->addWidget(m_table, 1);
    bottomLay->addLayout(buttons);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setStretchFactor(1, 2);
    auto *lay = new QVBoxLayout(this);
    lay->addWidget(split);

    connect(m_reopen, &QPushButton::clicked, this, [this] { openSelected(false); });
    connect(m_table, &QTableView::doubleClicked, this, [this] { openSelected(false); });
    connect(m_reanalyze, &QPushButton::clicked, this, [this] { openSelected(true); });
    connect(m_refresh, &QPushButton::clicked, this, &HistoryView::refresh);
    connect(m_delete, &QPushButton::clicked, this, &HistoryView::deleteSelected);
    auto *del = new QAction(m_table);
    del->setObjectName(QStringLiteral("historyDeleteAction"));
    del->setShortcut(QKeySequence::Delete);
    del->setShortcutContext(Qt::WidgetShortcut);
    m_table->addAction(del);
    connect(del, &QAction::triggered, this, &HistoryView::deleteSelected);
    retranslate();
}

HistoryView::~HistoryView() = default;

void HistoryView::changeEvent(QEvent *e)
{
    if (e->type() == QEvent::PaletteChange)
        retranslate(); // redraws the chart in the new palette's colours
    QWidget::changeEvent(e);
}

void HistoryView::setDatabase(const QString &path)
{
    m_store = std::make_unique<HistoryStore>(path);
    m_dbError.clear();
    if (!m_store->open(&m_dbError))
        m_store.reset();
    refresh();
}

void HistoryView::openSelected(bool again)
{
    qint64 id = -1;
    const QString loc = selectedLocation(&id);
    if (id < 0)
        return;
    if (loc.isEmpty() || !QFileInfo::exists(loc)) {
        emit statusMessage(tr("The capture of analysis %1 is no longer at %2").arg(id).arg(loc));
        return;
    }
    emit openRequested(loc, again);
}

// Deleting asks first: the analysis, its findings and (for a capture only
// the history holds) its stored bytes go for good.
void HistoryView::deleteSelected()
{
    qint64 id = -1;
    selectedLocation(&id);
    if (id < 0 || !m_store)
        return;
    auto *ask = new QMessageBox(QMessageBox::Question, tr("Delete analysis %1?").arg(id),
                                tr("Analysis %1 and its findings will be removed from the history. The capture file itself is not touched.").arg(id),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    ask->setObjectName(QStringLiteral("confirmDelete"));
    ask->setDefaultButton(QMessageBox::Cancel);
    ask->setAttribute(Qt::WA_DeleteOnClose);
    connect(ask, &QMessageBox::finished, this, [this, id](int result) {
        if (result != QMessageBox::Yes || !m_store)
            return;
        QString why;
        if (!m_store->remove(id, &why))
            emit statusMessage(tr("Could not delete analysis %1: %2").arg(id).arg(why));
        else
            emit statusMessage(tr("Analysis %1 deleted from the history").arg(id));
        refresh();
    });
    ask->open();
}

QString HistoryView::selectedLocation(qint64 *id) const
{
    *id = -1;
    const QModelIndex cur = m_table->currentIndex();
    if (!cur.isValid() || !m_store)
        return {};
    *id = m_model->row(m_proxy->mapToSource(cur).row()).value(QStringLiteral("id")).toInteger(-1);
    const auto shown = m_store->show(*id, false);
    return shown ? shown->value(QStringLiteral("location")).toString() : QString();
}

void HistoryView::refresh()
{
    if (m_store && !m_store->isOpen()) { // the database was deleted or replaced: connect again (a new one)
        setDatabase(m_store->path());
        return;
    }
    if (!m_store) {
        m_model->setRows({});
        m_ips->setRows({});
        m_stats = {};
        retranslate();
        return;
    }
    m_model->setRows(objectsOf(m_store->list(1000, 0)));
    m_stats = m_store->stats(10);
    m_ips->setRows(objectsOf(m_stats.value(QStringLiteral("top_suspicious_ips")).toArray()));
    m_table->resizeColumnsToContents();
    m_ipsTable->resizeColumnsToContents();
    retranslate();
}

void HistoryView::retranslate()
{
    m_reopen->setText(tr("Reopen"));
    m_reanalyze->setText(tr("Re-analyze"));
    m_delete->setText(tr("Delete…"));
    m_delete->setToolTip(tr("Delete (asks first)"));
    if (auto *a = m_table->findChild<QAction *>(QStringLiteral("historyDeleteAction")))
        a->setText(tr("Delete…"));
    m_refresh->setText(tr("Refresh"));
    m_ipsLabel->setText(tr("Top suspicious IPs across captures"));
    m_model->retranslate();
    m_ips->retranslate();
    retranslateCsvCopy(m_table);
    retranslateCsvCopy(m_ipsTable);
    if (!m_store) {
        m_summary->setText(tr("History unavailable: %1").arg(localizedError(m_dbError, currentLanguage())));
        return;
    }
    // "Size" as in the table's Size column: the capture files' sizes.
    m_summary->setText(tr("Captures: %L1 (%2 of capture files) · analyses: %L3 · packets: %L4. Findings by severity:")
                           .arg(m_stats.value(QStringLiteral("captures")).toInteger())
                           .arg(localBytes(m_stats.value(QStringLiteral("capture_bytes")).toDouble()))
                           .arg(m_stats.value(QStringLiteral("analyses")).toInteger())
                           .arg(m_stats.value(QStringLiteral("packets")).toInteger()));
    QChart *c = m_chart->chart();
    ChartStyle::localize(c);
    c->removeAllSeries();
    for (QAbstractAxis *a : c->axes()) {
        c->removeAxis(a);
        delete a;
    }
    const QJsonObject sev = m_stats.value(QStringLiteral("findings_by_severity")).toObject();
    const Severity order[] = {Severity::Critical, Severity::High, Severity::Medium, Severity::Low, Severity::Info};
    QStringList keys, names;
    for (Severity s : order) {
        keys << severityName(s);
        names << severityText(s);
    }
    auto *series = new QStackedBarSeries;
    double maxV = 1;
    for (int i = 0; i < keys.size(); ++i) {
        auto *set = new QBarSet(names[i]);
        QColor color = severityColor(order[i]);
        color.setAlpha(255);
        set->setColor(color);
        QList<qreal> values(keys.size(), 0);
        values[i] = sev.value(keys[i]).toDouble();
        maxV = std::max(maxV, values[i]);
        set->append(values);
        series->append(set);
    }
    series->setBarWidth(0.9);
    series->setLabelsVisible(true);
    c->addSeries(series);
    auto *x = new QBarCategoryAxis;
    x->append(names);
    x->setLabelsBrush(palette().windowText());
    auto *y = new QValueAxis;
    y->setRange(0, std::ceil(maxV * 1.15));
    y->setTickType(QValueAxis::TicksDynamic);
    y->setTickAnchor(0);
    y->setTickInterval(std::max(1.0, std::ceil(maxV / 5)));
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setLabelsBrush(palette().windowText());
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
}

} // namespace packetlens::gui
