#include "dashboard.h"

#include "core/decode/protocols.h"

#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSet>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QHorizontalBarSeries>
#include <QtCharts/QLineSeries>
#include <QtCharts/QPieSeries>
#include <QtCharts/QValueAxis>
#include <QGridLayout>
#include <QJsonObject>

#include <algorithm>

namespace packetlens::gui {

namespace {
constexpr int kTopProtocols = 8;
constexpr int kTopTalkers = 10;
constexpr int kMaxPoints = 600;

QString protoLabel(int p)
{
    if (p >= kProtoCount)
        return QStringLiteral("other");
    return QString::fromLatin1(protoName(Proto(p)));
}

void clearChart(QChart *c)
{
    c->removeAllSeries();
    for (QAbstractAxis *a : c->axes()) {
        c->removeAxis(a);
        delete a;
    }
}
} // namespace

Dashboard::Dashboard(QWidget *parent) : QWidget(parent)
{
    auto *grid = new QGridLayout(this);
    m_protocols = makeView(QStringLiteral("protocolChart"));
    m_traffic = makeView(QStringLiteral("trafficChart"));
    m_talkers = makeView(QStringLiteral("talkersChart"));
    m_suspicious = makeView(QStringLiteral("suspiciousChart"));
    grid->addWidget(m_protocols, 0, 0);
    grid->addWidget(m_traffic, 0, 1);
    grid->addWidget(m_talkers, 1, 0);
    grid->addWidget(m_suspicious, 1, 1);
    retranslate();
}

QChartView *Dashboard::makeView(const QString &name)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation); // data changes live
    chart->legend()->setAlignment(Qt::AlignRight);
    chart->setBackgroundVisible(false);
    auto *view = new QChartView(chart, this);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(280, 200);
    return view;
}

void Dashboard::changeEvent(QEvent *e)
{
    // Follow the system's light/dark palette when it changes.
    if (e->type() == QEvent::PaletteChange) {
        update(m_last, m_lastAddresses);
        setSuspiciousIps(m_suspiciousIps);
    }
    QWidget::changeEvent(e);
}

void Dashboard::retranslate()
{
    m_protocols->chart()->setTitle(tr("Protocols (packets)"));
    m_traffic->chart()->setTitle(tr("Traffic over time"));
    m_talkers->chart()->setTitle(tr("Top talkers (bytes)"));
    m_suspicious->chart()->setTitle(tr("Suspicious IPs (score)"));
    update(m_last, m_lastAddresses);
    setSuspiciousIps(m_suspiciousIps);
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

void Dashboard::update(const DashboardData &data, const QStringList &addresses)
{
    m_last = data;
    m_lastAddresses = addresses;
    const QPalette pal = palette();
    for (QChartView *v : {m_protocols, m_traffic, m_talkers, m_suspicious}) {
        v->chart()->setTitleBrush(pal.windowText());
        v->chart()->legend()->setLabelColor(pal.windowText().color());
    }

    // Protocols: top N by packets, the rest as "other".
    {
        QChart *c = m_protocols->chart();
        clearChart(c);
        std::vector<std::pair<quint64, int>> order;
        for (int p = 0; p < 256; ++p)
            if (data.protoPackets[size_t(p)])
                order.emplace_back(data.protoPackets[size_t(p)], p);
        std::sort(order.begin(), order.end(), std::greater<>());
        auto *pie = new QPieSeries;
        pie->setHoleSize(0.45);
        quint64 other = 0;
        for (size_t i = 0; i < order.size(); ++i) {
            if (int(i) < kTopProtocols && order[i].second < kProtoCount) {
                const QString name = protoLabel(order[i].second);
                QPieSlice *s = pie->append(QStringLiteral("%1 (%2)").arg(name).arg(order[i].first), qreal(order[i].first));
                connect(s, &QPieSlice::clicked, this, [this, name] { emit filterRequested(name); });
                connect(s, &QPieSlice::hovered, s, [s](bool on) { s->setExploded(on); });
            } else {
                other += order[i].first;
            }
        }
        if (other)
            pie->append(tr("other (%1)").arg(other), qreal(other));
        c->addSeries(pie);
    }

    // Traffic over time, at most kMaxPoints buckets.
    {
        QChart *c = m_traffic->chart();
        clearChart(c);
        if (!data.perSecond.isEmpty()) {
            const qint64 first = data.perSecond.firstKey(), last = data.perSecond.lastKey();
            const qint64 bucket = std::max<qint64>(1, (last - first + kMaxPoints) / kMaxPoints);
            QMap<qint64, QPair<double, double>> buckets;
            for (auto it = data.perSecond.cbegin(); it != data.perSecond.cend(); ++it) {
                auto &b = buckets[first + (it.key() - first) / bucket * bucket];
                b.first += double(it.value().first) / double(bucket);
                b.second += double(it.value().second) / double(bucket);
            }
            auto *pk = new QLineSeries;
            pk->setName(tr("packets/s"));
            auto *by = new QLineSeries;
            by->setName(tr("bytes/s"));
            QList<QPointF> pp, bp;
            double maxP = 1, maxB = 1;
            // Every bucket, empty ones as zero: quiet periods show as gaps, not as
            // lines drawn across them.
            for (qint64 b = first; b <= last; b += bucket) {
                const auto v = buckets.value(b);
                const double ms = double(b) * 1000.0;
                pp << QPointF(ms, v.first);
                bp << QPointF(ms, v.second);
                maxP = std::max(maxP, v.first);
                maxB = std::max(maxB, v.second);
            }
            pk->replace(pp);
            by->replace(bp);
            c->addSeries(pk);
            c->addSeries(by);
            auto *x = new QDateTimeAxis;
            x->setFormat(last - first > 86400 ? QStringLiteral("MM-dd HH:mm") : QStringLiteral("HH:mm:ss"));
            x->setTickCount(5);
            x->setRange(QDateTime::fromSecsSinceEpoch(first, Qt::UTC), QDateTime::fromSecsSinceEpoch(std::max(last, first + 1), Qt::UTC));
            auto *yp = new QValueAxis;
            yp->setRange(0, maxP * 1.1);
            yp->applyNiceNumbers();
            yp->setLabelFormat(maxP < 10 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
            yp->setTitleText(tr("packets/s"));
            auto *yb = new QValueAxis;
            yb->setRange(0, maxB * 1.1);
            yb->applyNiceNumbers();
            yb->setLabelFormat(maxB < 10 ? QStringLiteral("%.1f") : QStringLiteral("%.0f"));
            yb->setTitleText(tr("bytes/s"));
            c->addAxis(x, Qt::AlignBottom);
            c->addAxis(yp, Qt::AlignLeft);
            c->addAxis(yb, Qt::AlignRight);
            pk->attachAxis(x);
            pk->attachAxis(yp);
            by->attachAxis(x);
            by->attachAxis(yb);
            for (QAbstractAxis *a : c->axes()) {
                a->setLabelsBrush(pal.windowText());
                a->setTitleBrush(pal.windowText());
            }
        }
    }

    // Top talkers by bytes.
    {
        QChart *c = m_talkers->chart();
        clearChart(c);
        std::vector<std::pair<quint64, uint32_t>> top;
        for (size_t i = 1; i < data.addressBytes.size(); ++i)
            if (data.addressBytes[i])
                top.emplace_back(data.addressBytes[i], uint32_t(i));
        const size_t n = std::min<size_t>(kTopTalkers, top.size());
        std::partial_sort(top.begin(), top.begin() + qsizetype(n), top.end(), std::greater<>());
        auto *set = new QBarSet(tr("bytes"));
        QStringList cats;
        for (size_t i = n; i-- > 0;) { // largest at the top
            const QString a = top[i].second <= uint32_t(addresses.size()) ? addresses[top[i].second - 1] : QString();
            cats << a;
            *set << qreal(top[i].first);
        }
        addressBars(c, set, cats, n ? double(top[0].first) : 1.0, true);
    }
}

void Dashboard::addressBars(QChart *c, QBarSet *set, const QStringList &addresses, double max, bool niceScale)
{
    // A bar per address (largest at the top); clicking one filters the packet list.
    connect(set, &QBarSet::clicked, this, [this, addresses](int i) {
        if (i >= 0 && i < addresses.size())
            emit filterRequested(QStringLiteral("ip.addr==%1").arg(addresses[i]));
    });
    const QBrush text = palette().windowText();
    auto *series = new QHorizontalBarSeries;
    series->append(set);
    c->addSeries(series);
    auto *y = new QBarCategoryAxis;
    y->append(addresses);
    y->setLabelsBrush(text);
    auto *x = new QValueAxis;
    x->setLabelFormat(QStringLiteral("%.0f"));
    x->setRange(0, max);
    if (niceScale)
        x->applyNiceNumbers();
    x->setLabelsBrush(text);
    c->addAxis(y, Qt::AlignLeft);
    c->addAxis(x, Qt::AlignBottom);
    series->attachAxis(y);
    series->attachAxis(x);
    c->legend()->setVisible(false);
}

void Dashboard::setSuspiciousIps(const std::vector<SuspiciousIp> &ips)
{
    m_suspiciousIps = ips;
    QChart *c = m_suspicious->chart();
    clearChart(c);
    auto *set = new QBarSet(tr("score"));
    set->setColor(QColor(211, 47, 47));
    QStringList cats;
    const int n = std::min<int>(10, int(ips.size()));
    for (int i = n; i-- > 0;) {
        cats << ips[size_t(i)].ip;
        *set << double(ips[size_t(i)].score);
    }
    addressBars(c, set, cats, 100, false);
}

} // namespace packetlens::gui
