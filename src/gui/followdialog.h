// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/service/streamfollow.h"

#include <QDialog>
#include <QFutureWatcher>

class QComboBox;
class QLabel;
class QPushButton;
class QTextEdit;

namespace packetlens::gui {

// Follow ▸ TCP Stream: one conversation's payload as text, each direction in
// its own colour (as Wireshark: the first sender red, the other blue), shown
// as ASCII, a hex dump or raw hex, and saved as shown (raw: the bytes).
class FollowDialog : public QDialog
{
    Q_OBJECT
public:
    // entry: which capture of a zip (from 0).
    FollowDialog(const QString &capturePath, int64_t stream, int entry = 0, QWidget *parent = nullptr);
    QString text() const; // what is shown (for tests)
    bool isLoaded() const { return m_loaded; }

signals:
    void loaded();

private:
    void render();
    void save();

    QFutureWatcher<FollowedStream> m_watcher;
    FollowedStream m_stream;
    bool m_loaded = false;
    QLabel *m_summary;
    QTextEdit *m_text;
    QComboBox *m_format;
    QPushButton *m_save;
};

} // namespace packetlens::gui
