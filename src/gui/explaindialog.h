#pragma once

#include <QDialog>
#include <QJsonObject>

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
    explicit ExplainDialog(const QJsonObject &finding, QWidget *parent = nullptr);
    ~ExplainDialog() override;

private:
    std::unique_ptr<Ui::ExplainDialog> m_ui;
};

} // namespace packetlens::gui
