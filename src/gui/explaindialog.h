// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/report/report.h"

#include <QDialog>

#include <memory>

namespace Ui {
class ExplainDialog;
}

namespace packetlens::gui {

// Why a finding was raised: its threshold, the metrics that crossed it and
// the evidence packets.
class ExplainDialog : public QDialog
{
    Q_OBJECT
public:
    ExplainDialog(const ReportFinding &finding, int timeDigits, QWidget *parent = nullptr);
    ~ExplainDialog() override;

private:
    std::unique_ptr<Ui::ExplainDialog> m_ui;
};

} // namespace packetlens::gui
