// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "reporttables.h"

#include <QJsonObject>
#include <QWidget>

#include <memory>

class QChartView;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace packetlens {
class HistoryStore;
}

namespace packetlens::gui {


// Every analysis in the history with the all-history statistics: reopen,
// re-analyze or delete an entry.
class HistoryView : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryView(QWidget *parent = nullptr);
    ~HistoryView() override;
    void setDatabase(const QString &path);
    void refresh();
    void retranslate();
    QTableView *table() const { return m_table; }
    QTableView *topIpsTable() const { return m_ipsTable; }
    QLabel *summary() const { return m_summary; }

protected:
    void changeEvent(QEvent *e) override;

signals:
    void openRequested(const QString &path, bool reanalyze);
    void statusMessage(const QString &text);

private:
    QString selectedLocation(qint64 *id) const;
    void openSelected(bool again);
    void deleteSelected();

    std::unique_ptr<HistoryStore> m_store;
    QString m_dbError;
    HistoryModel *m_model, *m_ips;
    QSortFilterProxyModel *m_proxy, *m_ipsProxy;
    QTableView *m_table, *m_ipsTable;
    QLabel *m_summary, *m_ipsLabel;
    QChartView *m_chart;
    QPushButton *m_reopen, *m_reanalyze, *m_delete, *m_refresh;
    QJsonObject m_stats;
};

} // namespace packetlens::gui
