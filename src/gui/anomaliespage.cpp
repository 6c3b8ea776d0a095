// SPDX-License-Identifier: GPL-3.0-or-later
#include "anomaliespage.h"

#include "findingspage.h"
#include "healthpage.h"

#include "core/inspect/anomalyfilter.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace packetlens::gui {

namespace {
QList<AnomalyModel::Column> anomalyColumns()
{
    using C = AnomalyModel::Column;
    return {
        C{[] { return AnomaliesPage::tr("Kind"); }, [](const Anomaly &a) { return AnomaliesPage::kindText(a.kind); }, false, {}, {}, {}, {}},
        C{[] { return AnomaliesPage::tr("Protocol"); }, [](const Anomaly &a) { return a.protocol; }, false, {}, {}, {}, {}},
        C{[] { return AnomaliesPage::tr("Count"); }, [](const Anomaly &a) { return a.count; }, true, {},
          [](const QVariant &v) { return QLocale().toString(v.toLongLong()); }, {}, {}},
        C{[] { return AnomaliesPage::tr("Detail"); }, [](const Anomaly &a) { return a.detail; }, false, {}, {}, {}, {}},
    };
}
} // namespace

QString AnomaliesPage::kindText(const QString &kind)
{
    static const std::pair<const char *, const char *> kinds[] = {
        {"malformed", QT_TR_NOOP("Malformed packet")},
        {"ip_checksum_bad", QT_TR_NOOP("Bad IPv4 checksum")},
        {"arp_unusual", QT_TR_NOOP("Unusual ARP")},
        {"caplen_exceeds_len", QT_TR_NOOP("Captured length over packet length")},
        {"unsupported_link_type", QT_TR_NOOP("Link type not decoded")},
        {"tcp_bad_flags", QT_TR_NOOP("Impossible TCP flags")},
        {"land_attack", QT_TR_NOOP("Land attack")},
        {"timestamp_out_of_order", QT_TR_NOOP("Timestamp out of order")},
    };
    for (const auto &[name, text] : kinds)
        if (kind == QLatin1String(name))
            return tr(text);
    return kind;
}

AnomaliesPage::AnomaliesPage(QWidget *parent) : QWidget(parent)
{
    m_model = new AnomalyModel(anomalyColumns(), this);
    m_view = makeReportTable(this, m_model, &m_proxy, QStringLiteral("anomaliesView"));
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("anomaliesSummary"));
    m_summary->setWordWrap(true);
    QHBoxLayout *buttons = makePacketsFooter(this, &m_note, &m_packetsButton, QStringLiteral("anomalyPacketsButton"));
    auto *lay = new QVBoxLayout(this);
    lay->setContentsMargins(4, 4, 4, 4);
    lay->addWidget(m_summary);
    lay->addWidget(m_view, 1);
    lay->addLayout(buttons);
    connect(m_view, &QTableView::doubleClicked, this, &AnomaliesPage::showPackets);
    connect(m_view, &QTableView::activated, this, &AnomaliesPage::showPackets);
    connect(m_packetsButton, &QPushButton::clicked, this, [this] { showPackets(m_view->currentIndex()); });
    retranslate();
}

void AnomaliesPage::setAnomalies(const std::vector<Anomaly> &anomalies)
{
    std::vector<Anomaly> rows = anomalies;
    std::stable_sort(rows.begin(), rows.end(), [](const Anomaly &a, const Anomaly &b) { return a.count > b.count; });
    m_hasReport = true;
    m_model->setRows(std::move(rows));
    m_view->resizeColumnsToContents();
    if (m_view->columnWidth(0) > 260)
        m_view->setColumnWidth(0, 260);
    m_summary->setText(summaryText());
    m_packetsButton->setEnabled(m_model->rowCount() > 0);
}

qint64 AnomaliesPage::total() const
{
    qint64 n = 0;
    for (const Anomaly &a : m_model->rows())
        n += a.count;
    return n;
}

QString AnomaliesPage::summaryText() const
{
    if (!m_hasReport)
        return tr("Anomalies are listed when the analysis ends.");
    if (m_model->rowCount() == 0)
        return tr("No anomalies: no malformed packets, bad IPv4 checksums, impossible TCP flags, land attacks or "
                  "out-of-order timestamps were seen.");
    return tr("Anomalies counted: %1 · kinds: %2").arg(QLocale().toString(total()), QLocale().toString(m_model->rowCount()));
}

void AnomaliesPage::retranslate()
{
    m_packetsButton->setText(tr("Show packets"));
    m_note->setText(tr("Double-click a row to show all its packets in the packet list (filter packetlens.anomaly)."));
    m_model->retranslate();
    retranslateCsvCopy(m_view);
    m_summary->setText(summaryText());
    // The kind column's text is translated: ask the view to read it again.
    if (m_model->rowCount())
        emit m_model->dataChanged(m_model->index(0, 0), m_model->index(m_model->rowCount() - 1, 0));
}

void AnomaliesPage::showPackets(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid())
        return;
    const Anomaly &a = m_model->row(m_proxy->mapToSource(proxyIndex).row());
    emit evidenceRequested(anomalyFilter(a, m_model->rows()));
}

} // namespace packetlens::gui
