// SPDX-License-Identifier: GPL-3.0-or-later
#include "timelinepage.h"

#include "chartstyle.h"
#include "findingspage.h"
#include "healthpage.h"
#include "i18n.h"
#include "packetlistmodel.h"

#include "core/report/findinglabels.h"
#include "core/report/timeformat.h"

#include <QLocale>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <set>

namespace packetlens::gui {

namespace {
constexpr int64_t kNsPerMs = 1000000;

QList<TimelineEventModel::Column> eventColumns(const int *digits)
{
    using C = TimelineEventModel::Column;
    return {
        C{[] { return TimelinePage::tr("Time"); }, [digits](const TimelineEvent &e) { return isoTimestamp(e.tNs, *digits); }, false,
          [](const TimelineEvent &e) { return qint64(e.tNs); }, {}},
        C{[] { return TimelinePage::tr("Kind"); }, [](const TimelineEvent &e) { return timelineKindTitle(e.kind, currentLanguage()); }, false, {},
          {}},
        C{[] { return TimelinePage::tr("Severity"); }, [](const TimelineEvent &e) { return severityTitle(e.severity, currentLanguage()); }, false,
          [](const TimelineEvent &e) { return int(e.severity); }, {}},
        C{[] { return TimelinePage::tr("Summary"); }, [](const TimelineEvent &e) { return localizedText(e.summary, e.summaryMessage, currentLanguage()); }, false, {}, {}},
        C{[] { return TimelinePage::tr("Hosts"); }, [](const TimelineEvent &e) { return e.hosts.join(QStringLiteral(", ")); }, false,
          {}, {}},
    };
}
} // namespace

TimelinePage::TimelinePage(QWidget *parent) : QWidget(parent)
{
    m_model = new TimelineEventModel(eventColumns(&m_timeDigits), this);
    m_model->setRowBackground([](const TimelineEvent &e) -> QVariant {
        return e.severity >= Severity::Medium ? QVariant(severityColor(e.severity)) : QVariant();
    });
    m_view = makeReportTable(this, m_model, &m_proxy, QStringLiteral("timelineView"));
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundVisible(false);
    chart->legend()->setVisible(false);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart = new QChartView(chart, this);
    m_chart->setObjectName(QStringLiteral("timelineChart"));
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setRubberBand(QChartView::HorizontalRubberBand); // drag to zoom; right-click zooms out
    m_chart->setMinimumHeight(180);
    m_host = new QLineEdit(this);
    m_host->setObjectName(QStringLiteral("timelineHost"));
    m_host->setClearButtonEnabled(true);
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("timelineKind"));
    m_hostLabel = new QLabel(this);
    m_kindLabel = new QLabel(this);
    m_note = new QLabel(this);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_hostLabel);
    filters->addWidget(m_host, 1);
    filters->addWidget(m_kindLabel);
    filters->addWidget(m_kind, 1);
    filters->addWidget(m_note, 2);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_chart);
    split->addWidget(m_view);
    split->setSizes({220, 300});
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(4, 4, 4, 4);
    lay->addLayout(filters);
    lay->addWidget(split, 1);
    connect(m_host, &QLineEdit::textChanged, this, &TimelinePage::applyFilters);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &TimelinePage::applyFilters);
    connect(m_view, &QTableView::doubleClicked, this, &TimelinePage::showPackets);
    retranslate();
}

void TimelinePage::setReport(const Report &report)
{
    m_traffic = report.timeline.points;
    m_all = report.timelineEvents;
    m_timeDigits = report.capture.timeDigits;
    std::set<QString> kinds;
    for (const TimelineEvent &e : m_all)
        kinds.insert(e.kind);
    const QSignalBlocker block(m_kind);
    const QString current = m_kind->currentData().toString();
    m_kind->clear();
    m_kind->addItem(tr("all kinds"), QString());
    for (const QString &k : kinds)
        m_kind->addItem(timelineKindTitle(k, currentLanguage()), k);
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(current)));
    applyFilters();
}

void TimelinePage::showHost(const QString &ip)
{
    m_kind->setCurrentIndex(0);
    m_host->setText(ip);
}

int TimelinePage::shownEvents() const
{
    return m_model->rowCount();
}

void TimelinePage::retranslate()
{
    m_hostLabel->setText(tr("Host:"));
    m_host->setPlaceholderText(tr("IP address"));
    m_kindLabel->setText(tr("Kind:"));
    if (m_kind->count())
        m_kind->setItemText(0, tr("all kinds"));
    for (int i = 1; i < m_kind->count(); ++i)
        m_kind->setItemText(i, timelineKindTitle(m_kind->itemData(i).toString(), currentLanguage()));
    m_note->setText(tr("Drag over the chart to zoom, right-click to zoom out; double-click an event to show its packets."));
    m_note->setWordWrap(true);
    m_model->retranslate();
    retranslateCsvCopy(m_view);
    redrawChart();
}

void TimelinePage::applyFilters()
{
    const QString host = m_host->text().trimmed();
    const QString kind = m_kind->currentData().toString();
    std::vector<TimelineEvent> shown;
    for (const TimelineEvent &e : m_all)
        if ((kind.isEmpty() || e.kind == kind) && (host.isEmpty() || e.hosts.contains(host)))
            shown.push_back(e);
    m_model->setRows(std::move(shown));
    m_view->resizeColumnsToContents();
    if (m_view->columnWidth(3) > 520)
        m_view->setColumnWidth(3, 520);
    redrawChart();
}

// The traffic curve (packets per bucket) and one marker per listed event,
// coloured by severity, along the top.
void TimelinePage::redrawChart()
{
    QChart *c = m_chart->chart();
    ChartStyle::localize(c);
    c->removeAllSeries();
    for (QAbstractAxis *a : c->axes()) {
        c->removeAxis(a);
        delete a;
    }
    const std::vector<TimelineEvent> &events = m_model->rows();
    if (m_traffic.empty() && events.empty())
        return;
    double maxP = 1;
    auto *line = new QLineSeries;
    line->setColor(ChartStyle::paletteColor(0));
    QList<QPointF> points;
    for (const TimelinePoint &p : m_traffic) {
        points << QPointF(double(p.tNs / kNsPerMs), double(p.packets));
        maxP = std::max(maxP, double(p.packets));
    }
    line->replace(points);
    c->addSeries(line);
    QScatterSeries *bySeverity[kSeverityCount] = {};
    qint64 first = INT64_MAX, last = INT64_MIN;
    for (const QPointF &p : std::as_const(points)) {
        first = std::min(first, qint64(p.x()));
        last = std::max(last, qint64(p.x()));
    }
    for (const TimelineEvent &e : events) {
        QScatterSeries *&s = bySeverity[int(e.severity)];
        if (!s) {
            s = new QScatterSeries;
            s->setMarkerSize(9);
            s->setColor(e.severity >= Severity::Medium ? severityColor(e.severity).darker(160) : QColor(0x60, 0x7d, 0x8b));
            connect(s, &QScatterSeries::clicked, this, [this](const QPointF &p) { selectEventAt(qint64(p.x())); });
        }
        s->append(double(e.tNs / kNsPerMs), maxP * 1.08);
        first = std::min(first, qint64(e.tNs / kNsPerMs));
        last = std::max(last, qint64(e.tNs / kNsPerMs));
    }
    auto *x = new QDateTimeAxis;
    last = std::max(last, first + 1000);
    x->setFormat(last - first > 86400000 ? QStringLiteral("MM-dd HH:mm") : QStringLiteral("HH:mm:ss"));
    x->setTickCount(5);
    x->setRange(QDateTime::fromMSecsSinceEpoch(first, Qt::UTC), QDateTime::fromMSecsSinceEpoch(last, Qt::UTC));
    x->setTitleText(tr("time (UTC)"));
    auto *y = new QValueAxis;
    y->setRange(0, maxP * 1.15);
    y->setLabelFormat(QStringLiteral("%.0f"));
    y->setTitleText(tr("packets per %1 s").arg(QLocale().toString(m_traffic.size() > 1 ? double(m_traffic[1].tNs - m_traffic[0].tNs) / 1e9 : 1.0)));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    line->attachAxis(x);
    line->attachAxis(y);
    for (QScatterSeries *s : bySeverity)
        if (s) {
            c->addSeries(s);
            s->attachAxis(x);
            s->attachAxis(y);
        }
    for (QAbstractAxis *a : c->axes()) {
        a->setLabelsBrush(palette().windowText());
        a->setTitleBrush(palette().windowText());
    }
}

// The listed event nearest to a clicked marker becomes the current row.
void TimelinePage::selectEventAt(qint64 tMs)
{
    const std::vector<TimelineEvent> &events = m_model->rows();
    int best = -1;
    qint64 bestDist = INT64_MAX;
    for (size_t i = 0; i < events.size(); ++i) {
        const qint64 d = std::llabs(events[i].tNs / kNsPerMs - tMs);
        if (d < bestDist) {
            bestDist = d;
            best = int(i);
        }
    }
    if (best < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(best, 0));
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    emit statusMessage(localizedText(events[size_t(best)].summary, events[size_t(best)].summaryMessage, currentLanguage()));
}

void TimelinePage::showPackets(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid())
        return;
    const TimelineEvent &e = m_model->row(m_proxy->mapToSource(proxyIndex).row());
    const QString filter = packetNumberFilter(e.packets);
    if (filter.isEmpty())
        emit statusMessage(tr("This event names no packets"));
    else
        emit evidenceRequested(filter);
}

} // namespace packetlens::gui
