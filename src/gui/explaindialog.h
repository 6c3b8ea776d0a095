// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/report/report.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ExplainDialog;
}

namespace packetlens {
class DetectionSettings;
}

namespace packetlens::gui {

// Why a finding was raised: the measurements that crossed their thresholds
// (in words, with units, beside the threshold), the others apart, MITRE
// techniques by name, and its evidence with links that filter the packet
// list to the cited packets or to all the traffic the finding is about.
class ExplainDialog : public QDialog
{
    Q_OBJECT
public:
    // settings: the thresholds the measurements are held to (the app's).
    ExplainDialog(const ReportFinding &finding, int timeDigits, const DetectionSettings &settings, QWidget *parent = nullptr);
    ~ExplainDialog() override;
    QString citedFilter() const { return m_cited; }
    QString scopeFilter() const { return m_scope; }

signals:
    void filterRequested(const QString &filter);

private:
    void fillMetrics(const ReportFinding &f, const DetectionSettings &settings);
    std::unique_ptr<Ui::ExplainDialog> m_ui;
    QString m_cited, m_scope;
};

} // namespace packetlens::gui
