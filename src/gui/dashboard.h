#pragma once

#include "dashboarddata.h"

#include "core/report/report.h"
#include <QWidget>

class QChartView;
class QChart;
class QBarSet;

namespace packetlens::gui {

// Four charts of one capture: protocol distribution (donut, top N + other),
// traffic over time (packets and bytes), top talkers and suspicious IPs by
// score. Clicking a slice or bar asks for a packet-list filter.
class Dashboard : public QWidget
{
    Q_OBJECT
public:
    explicit Dashboard(QWidget *parent = nullptr);
    void update(const DashboardData &data, const QStringList &addresses);
    void setSuspiciousIps(const std::vector<SuspiciousIp> &ips);
    void retranslate();
    QChartView *protocolView() const { return m_protocols; }
    QChartView *trafficView() const { return m_traffic; }
    QChartView *talkersView() const { return m_talkers; }
    QChartView *suspiciousView() const { return m_suspicious; }
    QStringList protocolLabels() const; // slices shown, for tests

signals:
    void filterRequested(const QString &filter);

protected:
    void changeEvent(QEvent *e) override;

private:
    QChartView *makeView(const QString &name);
    void addressBars(QChart *c, QBarSet *set, const QStringList &addresses, double max, bool niceScale);
    QChartView *m_protocols, *m_traffic, *m_talkers, *m_suspicious;
    std::vector<SuspiciousIp> m_suspiciousIps;
    DashboardData m_last;
    QStringList m_lastAddresses;
};

} // namespace packetlens::gui
