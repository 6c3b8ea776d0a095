// SPDX-License-Identifier: GPL-3.0-or-later
#include "healthpage.h"

#include "findingspage.h"
#include "i18n.h"
#include "packetlistmodel.h"

#include "core/report/findinglabels.h"
#include "core/report/timeformat.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace packetlens::gui {

namespace {
// Wireshark's expert levels, worst last, for sorting and tinting.
int levelRank(const QString &severity)
{
    return severity == QLatin1String("error") ? 2 : severity == QLatin1String("warning") ? 1 : 0;
}

QColor levelColor(const QString &severity)
{
    switch (levelRank(severity)) {
    case 2: return severityColor(Severity::High);
    case 1: return severityColor(Severity::Medium);
    default: return severityColor(Severity::Low);
    }
}

QList<HealthItemModel::Column> healthColumns(const int *digits)
{
    using C = HealthItemModel::Column;
    return {
        C{[] { return HealthPage::tr("Level"); }, [](const HealthItem &i) { return healthLevelTitle(i.severity, currentLanguage()); }, false,
          [](const HealthItem &i) { return levelRank(i.severity); }, {}},
        C{[] { return HealthPage::tr("Subject"); }, [](const HealthItem &i) { return i.subject; }, false, {}, {}},
        C{[] { return HealthPage::tr("Count"); }, [](const HealthItem &i) { return i.count; }, true, {}, {}},
        C{[] { return HealthPage::tr("Summary"); }, [](const HealthItem &i) { return healthSummaryText(i, currentLanguage()); }, false, {}, {}},
        C{[] { return HealthPage::tr("What this usually means"); }, [](const HealthItem &i) { return healthMeaningText(i, currentLanguage()); }, false, {}, {}},
        C{[] { return HealthPage::tr("First seen"); }, [digits](const HealthItem &i) { return isoTimestamp(i.firstNs, *digits); },
          false, {}, {}},
        C{[] { return HealthPage::tr("Kind"); }, [](const HealthItem &i) { return healthKindTitle(i.kind, currentLanguage()); }, false, {}, {}},
    };
}

qint64 analysisCount(const TcpHealthSection &tcp, const QString &flag)
{
    for (const auto &[name, n] : tcp.analysis)
        if (name == flag)
            return n;
    return 0;
}

QString millis(const LatencyStats &s)
{
    return QLocale().toString(s.medianS * 1000, 'f', 1);
}
} // namespace

QString packetNumberFilter(const std::vector<qint64> &packets)
{
    QStringList n;
    for (qint64 p : packets)
        n << QString::number(p);
    return n.isEmpty() ? QString() : QStringLiteral("frame.number in {%1}").arg(n.join(u' '));
}

HealthPage::HealthPage(QWidget *parent) : QWidget(parent)
{
    m_model = new HealthItemModel(healthColumns(&m_timeDigits), this);
    m_model->setRowBackground([](const HealthItem &i) -> QVariant { return levelColor(i.severity); });
    m_view = makeReportTable(this, m_model, &m_proxy, QStringLiteral("healthView"));
    m_view->setWordWrap(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("healthSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QHBoxLayout *buttons = makePacketsFooter(this, &m_note, &m_packetsButton, QStringLiteral("healthPacketsButton"));
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(4, 4, 4, 4);
    lay->addWidget(m_summary);
    lay->addWidget(m_view, 1);
    lay->addLayout(buttons);
    connect(m_view, &QTableView::doubleClicked, this, &HealthPage::showPackets);
    connect(m_packetsButton, &QPushButton::clicked, this, [this] { showPackets(m_view->currentIndex()); });
    retranslate();
}

void HealthPage::setHealth(const HealthSection &health, int timeDigits)
{
    m_health = health;
    m_timeDigits = timeDigits;
    m_model->setRows(health.items);
    m_view->resizeColumnsToContents();
    for (const auto &[column, widest] : {std::pair{3, 360}, std::pair{4, 460}})
        if (m_view->columnWidth(column) > widest)
            m_view->setColumnWidth(column, widest);
    m_view->resizeRowsToContents();
    m_summary->setText(summaryText());
}

int HealthPage::itemCount() const
{
    return m_model->rowCount();
}

QString HealthPage::summaryText() const
{
    if (!m_health.present)
        return tr("This report was made before PacketLens analyzed network health: analyze the capture again (F5).");
    const LatencySection &l = m_health.latency;
    QStringList parts;
    parts << tr("TCP connections: %1, retransmissions: %2, resets: %3")
                 .arg(m_health.tcp.connections)
                 .arg(analysisCount(m_health.tcp, QStringLiteral("retransmission")))
                 .arg(m_health.tcp.resets);
    if (l.tcpHandshake.count)
        parts << tr("TCP handshake median %1 ms").arg(millis(l.tcpHandshake));
    if (l.dns.count)
        parts << tr("DNS median %1 ms").arg(millis(l.dns));
    if (l.http.count)
        parts << tr("HTTP median %1 ms").arg(millis(l.http));
    if (m_health.load.peakNs)
        parts << tr("peak second %1: %2 packets").arg(isoTimestamp(*m_health.load.peakNs, m_timeDigits)).arg(m_health.load.peakPackets);
    return parts.join(QStringLiteral(" · "));
}

void HealthPage::retranslate()
{
    m_packetsButton->setText(tr("Show packets"));
    m_note->setText(tr("Double-click an item to show its packets in the packet list."));
    m_model->retranslate();
    retranslateCsvCopy(m_view);
    m_summary->setText(summaryText());
}

void HealthPage::showPackets(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid())
        return;
    const HealthItem &item = m_model->row(m_proxy->mapToSource(proxyIndex).row());
    const QString filter = packetNumberFilter(item.evidencePackets);
    if (filter.isEmpty())
        emit statusMessage(tr("This item names no packets"));
    else
        emit evidenceRequested(filter);
}

} // namespace packetlens::gui
