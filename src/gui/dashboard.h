// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "dashboarddata.h"

#include <QWidget>

class QChartView;
class QChart;
class QBarSet;

namespace packetlens::gui {

// The charts of one capture: protocol distribution (donut, top N + other),
// packets/s and bytes/s over time, top talkers and suspicious IPs by score.
// Clicking a slice or bar asks for a packet-list filter. An empty chart says
// why it is empty.
class Dashboard : public QWidget
{
    Q_OBJECT
public:
    explicit Dashboard(QWidget *parent = nullptr);
    void update(const DashboardInput &input);
    void retranslate();
    QChartView *protocolView() const { return m_protocols; }
    QChartView *trafficView() const { return m_packetRate; }
    QChartView *byteRateView() const { return m_byteRate; }
    QChartView *talkersView() const { return m_talkers; }
    QChartView *suspiciousView() const { return m_suspicious; }
    QStringList protocolLabels() const; // slices shown, for tests

signals:
    void filterRequested(const QString &filter);

protected:
    void changeEvent(QEvent *e) override;

private:
    QChartView *makeView(const QString &name);
    void drawProtocols();
    void drawRate(QChartView *view, bool bytes);
    void drawTalkers();
    void drawSuspicious();
    void addressBars(QChart *c, QBarSet *set, const QStringList &addresses, double max, const QString &unit);
    void setTitle(QChartView *view, const QString &title, const QString &emptyWhy = {});
    QChartView *m_protocols, *m_packetRate, *m_byteRate, *m_talkers, *m_suspicious;
    DashboardInput m_in;
};

} // namespace packetlens::gui
