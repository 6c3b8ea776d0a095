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

using HealthItemModel = RowTableModel<HealthItem>;

// A capture's network health: the report's health items (Wireshark's Expert
// Information), worst first, with what each usually means, above a line of
// response-time medians and the peak second. Double-click or "Show packets"
// filters the packet list to an item's packets.
class HealthPage : public QWidget
{
    Q_OBJECT
public:
    explicit HealthPage(QWidget *parent = nullptr);
    void setHealth(const HealthSection &health, int timeDigits);
    void retranslate();
    QTableView *view() const { return m_view; }
    int itemCount() const;

signals:
    void evidenceRequested(const QString &filter);
    void statusMessage(const QString &text);

private:
    void showPackets(const QModelIndex &proxyIndex);
    QString summaryText() const;

    HealthSection m_health;
    HealthItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_summary = nullptr, *m_note = nullptr;
    QPushButton *m_packetsButton = nullptr;
    int m_timeDigits = 6;
};

// The display filter that shows packets by number ("" for none).
QString packetNumberFilter(const std::vector<qint64> &packets);

} // namespace packetlens::gui
