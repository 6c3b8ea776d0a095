// SPDX-License-Identifier: GPL-3.0-or-later
// The capture tab's Anomalies and DNS/HTTP/TLS pages: the report's sections,
// each row a way to the packets it counts.
#include "capturetab.h"

#include "anomaliespage.h"
#include "appsummarypage.h"

#include <QTabWidget>

namespace packetlens::gui {

void CaptureTab::buildReportViews()
{
    m_anomalies = new AnomaliesPage(this);
    m_views->addTab(m_anomalies, QString());
    m_summary = new AppSummaryPage(this);
    m_views->addTab(m_summary, QString());
    const auto showPackets = [this](const QString &f) {
        applyFilter(f);
        showView(PacketsView);
    };
    connect(m_anomalies, &AnomaliesPage::evidenceRequested, this, showPackets);
    connect(m_anomalies, &AnomaliesPage::statusMessage, this, &CaptureTab::statusMessage);
    connect(m_summary, &AppSummaryPage::filterRequested, this, showPackets);
    connect(m_summary, &AppSummaryPage::statusMessage, this, &CaptureTab::statusMessage);
}

void CaptureTab::retranslateReportViews()
{
    m_views->setTabText(AnomaliesView, m_report ? tr("Anomalies (%L1)").arg(m_anomalies->total()) : tr("Anomalies"));
    m_views->setTabText(SummaryView, tr("DNS · HTTP · TLS"));
    m_anomalies->retranslate();
    m_summary->retranslate();
}

void CaptureTab::setReportViews(const Report &report)
{
    m_anomalies->setAnomalies(report.anomalies);
    m_summary->setReport(report);
    m_views->setTabText(AnomaliesView, tr("Anomalies (%L1)").arg(m_anomalies->total()));
}

} // namespace packetlens::gui
