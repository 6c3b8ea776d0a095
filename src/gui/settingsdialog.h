// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include <memory>

namespace Ui {
class SettingsDialog;
}

namespace packetlens::gui {

// Detection thresholds, allow list, IOC lists, UI language, time display
// and the history database. Saved to QSettings on OK.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);
    ~SettingsDialog() override;
    void accept() override;

private:
    void loadThresholds(const QJsonObject &values);
    QJsonObject overrides(QString *error) const;

    std::unique_ptr<Ui::SettingsDialog> m_ui;
};

} // namespace packetlens::gui
