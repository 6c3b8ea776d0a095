// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QToolButton;

namespace packetlens::gui {

// The display-filter bar: the filter text (validated while typing, the reason
// shown at once), Apply, and a status line (rows shown, or the error).
class FilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit FilterBar(QWidget *parent = nullptr);
    QString text() const;
    // Shows `text` and says whether it is valid (the error otherwise).
    bool setText(const QString &text);
    void setStatus(const QString &status); // rows shown, "Filtering…"
    void focus();
    void retranslate();
    QLineEdit *edit() const { return m_edit; }
    QLabel *status() const { return m_status; }

signals:
    void applyRequested(const QString &text);

private:
    bool validate(const QString &text);
    QLineEdit *m_edit;
    QToolButton *m_apply;
    QLabel *m_status;
    QString m_lastStatus; // shown again once an error is cleared
};

} // namespace packetlens::gui
