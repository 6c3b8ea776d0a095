// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDockWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace packetlens {
class RestServer;
}

namespace packetlens::gui {

// The local REST API inside the app (off until started): its URL, the API
// key with a copy button, and a log of the requests it answered.
class ServerPanel : public QDockWidget
{
    Q_OBJECT
public:
    explicit ServerPanel(QWidget *parent = nullptr);
    ~ServerPanel() override;
    bool start(QString *error);
    void stop();
    bool isRunning() const;
    QString url() const;
    QString apiKey() const;
    QPlainTextEdit *log() const { return m_log; }
    void retranslate();

signals:
    void runningChanged(bool running);

private:
    void updateState();

    RestServer *m_server;
    QLabel *m_state, *m_portLabel, *m_urlLabel, *m_keyLabel;
    QSpinBox *m_port;
    QLineEdit *m_url, *m_key;
    QToolButton *m_showKey;
    QPushButton *m_copyKey, *m_copyUrl, *m_toggle;
    QPlainTextEdit *m_log;
};

} // namespace packetlens::gui
