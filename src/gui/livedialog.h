// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "livejob.h"

#include "core/live/capturehelper.h"

#include <QDialog>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTreeWidget;

namespace packetlens::gui {

// Capture ▸ Start…: the interfaces (name, description, addresses, link
// type; `any` included), a capture filter checked against the chosen
// interface's link type before the dialog closes, snap length, promiscuous
// mode, optional stop conditions (duration, packets, bytes) and where the
// packets are saved (the app-data folder's live/ unless given).
class LiveDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LiveDialog(QWidget *parent = nullptr);
    // The capture the dialog describes (settings and history filled by the caller).
    LiveJobSpec spec() const;
    // For tests.
    QTreeWidget *interfaceList() const { return m_list; }
    QLineEdit *filterEdit() const { return m_filter; }
    QLabel *errorLabel() const { return m_error; }

    void accept() override;

private:
    void loadInterfaces();
    int selectedLinkType() const;
    QString selectedInterface() const;

    QList<CaptureInterface> m_interfaces;
    QTreeWidget *m_list;
    QLineEdit *m_filter, *m_savePath;
    QSpinBox *m_snaplen, *m_packets;
    QDoubleSpinBox *m_duration, *m_megabytes;
    QCheckBox *m_promisc;
    QLabel *m_error;
};

} // namespace packetlens::gui
