// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tablemodel.h"

#include "core/report/report.h"

#include <QWidget>

class QChartView;
class QComboBox;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace packetlens::gui {

using TimelineEventModel = RowTableModel<TimelineEvent>;

// A capture's chronology: the traffic curve with the report's timeline
// events as markers (drag to zoom in on a span, right-click to zoom out)
// beside the ordered list, filtered by host and kind. Clicking a marker
// selects its event; double-clicking an event shows its packets.
class TimelinePage : public QWidget
{
    Q_OBJECT
public:
    explicit TimelinePage(QWidget *parent = nullptr);
    void setReport(const Report &report);
    void retranslate();
    // Only the events of this host (the Hosts tab's "Timeline of this host").
    void showHost(const QString &ip);
    QTableView *view() const { return m_view; }
    QChartView *chartView() const { return m_chart; }
    int shownEvents() const;

signals:
    void evidenceRequested(const QString &filter);
    void statusMessage(const QString &text);

private:
    void applyFilters();
    void redrawChart();
    void selectEventAt(qint64 tMs);
    void showPackets(const QModelIndex &proxyIndex);

    std::vector<TimelinePoint> m_traffic;
    std::vector<TimelineEvent> m_all;
    int m_timeDigits = 6;
    TimelineEventModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QChartView *m_chart = nullptr;
    QLineEdit *m_host = nullptr;
    QComboBox *m_kind = nullptr;
    QLabel *m_hostLabel = nullptr, *m_kindLabel = nullptr, *m_note = nullptr;
};

} // namespace packetlens::gui
