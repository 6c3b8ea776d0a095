// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace packetlens::gui {

// The Start tab: open a capture, the sample, a live capture or the history,
// and the recent captures (a click opens one; a file that is gone is shown
// as such and opens nothing).
class StartPage : public QWidget
{
    Q_OBJECT
public:
    explicit StartPage(QWidget *parent = nullptr);
    void setRecent(const QStringList &paths);
    void setSamplePath(const QString &path); // "" when no sample is installed
    void setLiveEnabled(bool enabled);
    void retranslate();
    QListWidget *recentList() const { return m_recent; }
    QPushButton *openButton() const { return m_open; }
    QPushButton *sampleButton() const { return m_sample; }
    QPushButton *liveButton() const { return m_live; }

    // The sample capture shipped with PacketLens: installed beside the app
    // (share/packetlens/samples), else the source tree's; "" when neither is there.
    static QString findSample();

signals:
    void openRequested();
    void sampleRequested(const QString &path);
    void liveRequested();
    void historyRequested();
    void recentRequested(const QString &path);

private:
    void openItem(QListWidgetItem *item);

    QLabel *m_title, *m_hint, *m_recentTitle, *m_shortcuts;
    QPushButton *m_open, *m_sample, *m_live, *m_history;
    QListWidget *m_recent;
    QStringList m_paths;
    QString m_samplePath;
};

} // namespace packetlens::gui
