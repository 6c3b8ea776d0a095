// SPDX-License-Identifier: GPL-3.0-or-later
#include "dashboard.h"
#include "i18n.h"

#include "chartstyle.h"

#include "core/util/format.h"

#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSet>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QHorizontalBarSeries>
#include <QtCharts/QLineSeries>
#include <QtCharts/QPieSeries>
#include <QtCharts/QValueAxis>
#include <QLocale>
#include <QCursor>
#include <QGridLayout>
#include <QScrollArea>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>

namespace packetlens::gui {

namespace {
constexpr int kTopProtocols = 8;

void clearChart(QChart *c)
{
    ChartStyle::localize(c);
    c->removeAllSeries();
    for (QAbstractAxis *a : c->axes()) {
        c->removeAxis(a);
        delete a;
    }
}

void styleAxes(QChart *c, const QBrush &text)
{
    for (QAbstractAxis *a : c->axes()) {
        a->setLabelsBrush(text);
        a->setTitleBrush(text);
    }
}
} // namespace

Dashboard::Dashboard(QWidget *parent) : QWidget(parent)
{
    // Charts at sizes where their labels fit (addresses, axis titles), in a
    // scroll area: a 1024×700 screen scrolls rather than shows "…".
    auto *content = new QWidget;
    auto *grid = new QGridLayout(content);
    grid->setContentsMargins(0, 0, 0, 0);
    m_protocols = makeView(QStringLiteral("protocolChart"));
    m_packetRate = makeView(QStringLiteral("trafficChart"));
    m_byteRate = makeView(QStringLiteral("byteRateChart"));
    m_talkers = makeView(QStringLiteral("talkersChart"));
    m_suspicious = makeView(QStringLiteral("suspiciousChart"));
    // Packets/s and bytes/s on plots of their own (one would dwarf the other).
    for (QChartView *v : {m_protocols, m_talkers, m_suspicious})
        v->setMinimumHeight(300);
    for (QChartView *v : {m_packetRate, m_byteRate})
        v->setMinimumHeight(230);
    grid->addWidget(m_protocols, 0, 0);
    grid->addWidget(m_talkers, 0, 1);
    grid->addWidget(m_packetRate, 1, 0);
    grid->addWidget(m_byteRate, 1, 1);
    grid->addWidget(m_suspicious, 2, 0, 1, 2);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("dashboardScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(0, 0, 0, 0);
    lay->addWidget(scroll);
    retranslate();
}

QChartView *Dashboard::makeView(const QString &name)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation); // data changes live
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->setBackgroundVisible(false);
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto *view = new QChartView(chart, this);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(240, 150);
    return view;
}

void Dashboard::changeEvent(QEvent *e)
{
    // Follow the system's light/dark palette when it changes.
    if (e->type() == QEvent::PaletteChange)
        update(m_in);
    QWidget::changeEvent(e);
}

void Dashboard::retranslate()
{
    update(m_in);
}

QStringList Dashboard::protocolLabels() const
{
    QStringList out;
    const auto series = m_protocols->chart()->series();
    if (!series.isEmpty())
        for (QPieSlice *s : static_cast<QPieSeries *>(series.first())->slices())
            out << s->label();
    return out;
}

void Dashboard::setTitle(QChartView *view, const QString &title, const QString &emptyWhy)
{
    QChart *c = view->chart();
    c->setTitle(emptyWhy.isEmpty() ? title : QStringLiteral("%1<br><small>%2</small>").arg(title.toHtmlEscaped(), emptyWhy.toHtmlEscaped()));
    c->setTitleBrush(palette().windowText());
    c->legend()->setLabelColor(palette().windowText().color());
}

void Dashboard::update(const DashboardInput &input)
{
    m_in = input;
    drawProtocols();
    drawRate(m_packetRate, false);
    drawRate(m_byteRate, true);
    drawTalkers();
    drawSuspicious();
}

// Top protocols by packets (the packets whose top protocol it is: the count
// a click's filter shows), the rest as "other"; colours stay per protocol.
void Dashboard::drawProtocols()
{
    QChart *c = m_protocols->chart();
    clearChart(c);
    setTitle(m_protocols, tr("Protocols (packets)"), m_in.protocols.empty() ? tr("no packets yet") : QString());
    if (m_in.protocols.empty())
        return;
    auto *pie = new QPieSeries;
    pie->setHoleSize(0.45);
    quint64 other = 0;
    for (size_t i = 0; i < m_in.protocols.size(); ++i) {
        const auto &[name, packets] = m_in.protocols[i];
        if (int(i) >= kTopProtocols || name == QLatin1String("other")) {
            other += packets;
            continue;
        }
        QPieSlice *s = pie->append(QStringLiteral("%1 (%L2)").arg(name).arg(packets), qreal(packets));
        s->setColor(ChartStyle::protocolColor(name));
        const QString filter = QStringLiteral("_ws.col.protocol == \"%1\"").arg(name); // counts what the slice counts
        connect(s, &QPieSlice::clicked, this, [this, filter] { emit filterRequested(filter); });
        connect(s, &QPieSlice::hovered, s, [s](bool on) { s->setExploded(on); });
    }
    if (other) {
        QPieSlice *s = pie->append(tr("other (%L1)").arg(other), qreal(other));
        s->setColor(ChartStyle::protocolColor(QStringLiteral("other")));
    }
    c->legend()->setAlignment(Qt::AlignRight);
    c->addSeries(pie);
}

// Packets/s or bytes/s over time, bytes in human units, axes titled.
void Dashboard::drawRate(QChartView *view, bool bytes)
{
    QChart *c = view->chart();
    clearChart(c);
    const QString title = bytes ? tr("Bytes per second") : tr("Packets per second");
    setTitle(view, title, m_in.traffic.empty() ? tr("no packets yet") : QString());
    if (m_in.traffic.empty())
        return;
    double maxV = 0;
    for (const DashboardInput::Point &p : m_in.traffic)
        maxV = std::max(maxV, bytes ? p.bytesPerS : p.packetsPerS);
    const ChartStyle::Scale scale = bytes ? ChartStyle::byteScale(maxV) : ChartStyle::Scale{1, QString()};
    auto *line = new QLineSeries;
    line->setColor(ChartStyle::paletteColor(bytes ? 1 : 0));
    QList<QPointF> points;
    for (const DashboardInput::Point &p : m_in.traffic)
        points << QPointF(double(p.tMs), (bytes ? p.bytesPerS : p.packetsPerS) / scale.divisor);
    line->replace(points);
    // Hovering the line says the second and its rate in words.
    connect(line, &QLineSeries::hovered, this, [bytes, scale](const QPointF &p, bool on) {
        if (!on) {
            QToolTip::hideText();
            return;
        }
        const QString t = QDateTime::fromMSecsSinceEpoch(qint64(p.x()), Qt::UTC).toString(QStringLiteral("HH:mm:ss"));
        QToolTip::showText(QCursor::pos(), bytes ? tr("%1 UTC: %2/s").arg(t, ChartStyle::bytesText(p.y() * scale.divisor))
                                                 : tr("%1 UTC: %L2 packets/s").arg(t).arg(p.y(), 0, 'f', 1));
    });
    c->addSeries(line);
    c->legend()->setVisible(false);
    const qint64 first = m_in.traffic.front().tMs, last = std::max(m_in.traffic.back().tMs, first + 1000);
    auto *x = new QDateTimeAxis;
    const qint64 span = last - first; // the year when the capture spans months (clocks reset, merged files)
    x->setFormat(span > 200LL * 86400000 ? QStringLiteral("yyyy-MM-dd") : span > 86400000 ? QStringLiteral("MM-dd HH:mm") : QStringLiteral("HH:mm:ss"));
    x->setTickCount(4);
    x->setRange(QDateTime::fromMSecsSinceEpoch(first, Qt::UTC), QDateTime::fromMSecsSinceEpoch(last, Qt::UTC));
    x->setTitleText(tr("time (UTC)"));
    auto *y = new QValueAxis;
    y->setRange(0, std::max(maxV / scale.divisor * 1.1, 1.0));
    y->applyNiceNumbers();
    y->setLabelFormat(maxV / scale.divisor < 10 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
    y->setTitleText(bytes ? tr("%1/s").arg(scale.unit) : tr("packets/s"));
    c->addAxis(x, Qt::AlignBottom);
    c->addAxis(y, Qt::AlignLeft);
    line->attachAxis(x);
    line->attachAxis(y);
    styleAxes(c, palette().windowText());
}

void Dashboard::drawTalkers()
{
    QChart *c = m_talkers->chart();
    clearChart(c);
    setTitle(m_talkers, tr("Top talkers (bytes sent and received)"),
             m_in.talkers.empty() ? tr("no IP traffic: the packets carry no IP addresses") : QString());
    if (m_in.talkers.empty())
        return;
    const ChartStyle::Scale scale = ChartStyle::byteScale(double(m_in.talkers.front().second));
    auto *set = new QBarSet(tr("bytes"));
    set->setColor(ChartStyle::paletteColor(0));
    QStringList cats;
    for (size_t i = m_in.talkers.size(); i-- > 0;) { // largest at the top
        cats << m_in.talkers[i].first;
        *set << qreal(double(m_in.talkers[i].second) / scale.divisor);
    }
    addressBars(c, set, cats, double(m_in.talkers.front().second) / scale.divisor, scale.unit);
}

void Dashboard::drawSuspicious()
{
    QChart *c = m_suspicious->chart();
    clearChart(c);
    QString why;
    if (m_in.suspicious.empty())
        why = !m_in.fromReport ? tr("shown when the analysis ends")
              : m_in.suspiciousHadMacSources ? tr("no IP sources: the findings' sources are MAC addresses")
                                             : tr("no finding names an IP source");
    setTitle(m_suspicious, tr("Suspicious IPs (score 0–100)"), why);
    m_suspicious->setMinimumHeight(m_in.suspicious.empty() ? 90 : 300); // an empty chart is one line of why
    if (m_in.suspicious.empty())
        return;
    auto *set = new QBarSet(tr("score"));
    set->setColor(QColor(211, 47, 47));
    QStringList cats;
    const int n = std::min<int>(10, int(m_in.suspicious.size()));
    for (int i = n; i-- > 0;) {
        cats << m_in.suspicious[size_t(i)].ip;
        *set << double(m_in.suspicious[size_t(i)].score);
    }
    addressBars(c, set, cats, 100, tr("score"));
}

void Dashboard::addressBars(QChart *c, QBarSet *set, const QStringList &addresses, double max, const QString &unit)
{
    // A bar per address (largest at the top); clicking one filters the packet list.
    connect(set, &QBarSet::clicked, this, [this, addresses](int i) {
        if (i >= 0 && i < addresses.size())
            emit filterRequested(QStringLiteral("ip.addr==%1").arg(addresses[i]));
    });
    connect(set, &QBarSet::hovered, this, [set, addresses, unit](bool on, int i) {
        if (on && i >= 0 && i < addresses.size())
            QToolTip::showText(QCursor::pos(), QStringLiteral("%1: %2 %3").arg(addresses[i]).arg(QLocale().toString(set->at(i), 'f', 1)).arg(unit));
        else
            QToolTip::hideText();
    });
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    c->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(addresses);
    auto *x = new QValueAxis;
    x->setLabelFormat(max < 10 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
    x->setRange(0, max);
    x->applyNiceNumbers();
    x->setTitleText(unit);
    QFont small = y->labelsFont();
    small.setPointSizeF(small.pointSizeF() * 0.9); // long IPv6 addresses stay readable
    y->setLabelsFont(small);
    c->addAxis(y, Qt::AlignLeft);
    c->addAxis(x, Qt::AlignBottom);
    series->attachAxis(y);
    series->attachAxis(x);
    c->legend()->setVisible(false);
    styleAxes(c, palette().windowText());
}

} // namespace packetlens::gui
