// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tablemodel.h"

#include "core/report/report.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace packetlens::gui {

using AnomalyModel = RowTableModel<Anomaly>;

// The report's anomalies (malformed packets, bad checksums, impossible TCP
// flags, out-of-order timestamps…): kind, protocol, detail and count, most
// frequent first. Double-click or "Show packets" filters the packet list to
// every packet of a row (packetlens.anomaly, from the analysis' per-packet
// anomalies), not only the first ones the report names.
class AnomaliesPage : public QWidget
{
    Q_OBJECT
public:
    explicit AnomaliesPage(QWidget *parent = nullptr);
    void setAnomalies(const std::vector<Anomaly> &anomalies);
    void retranslate();
    QTableView *view() const { return m_view; }
    AnomalyModel *model() const { return m_model; }
    qint64 total() const; // anomalies counted, over all rows

    // The anomaly kind in words ("timestamp_out_of_order" → "Timestamp out of order").
    static QString kindText(const QString &kind);

signals:
    void evidenceRequested(const QString &filter);
    void statusMessage(const QString &text);

private:
    void showPackets(const QModelIndex &proxyIndex);
    QString summaryText() const;

    AnomalyModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_summary = nullptr, *m_note = nullptr;
    QPushButton *m_packetsButton = nullptr;
    bool m_hasReport = false;
};

} // namespace packetlens::gui
