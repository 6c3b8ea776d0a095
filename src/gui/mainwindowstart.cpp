// SPDX-License-Identifier: GPL-3.0-or-later
// The main window's Start tab: its buttons do what the menus do.
#include "mainwindow.h"

#include "startpage.h"

#include <QAction>

namespace packetlens::gui {

void MainWindow::connectStartPage()
{
    connect(m_welcome, &StartPage::openRequested, m_open, &QAction::trigger);
    connect(m_welcome, &StartPage::sampleRequested, this, [this](const QString &path) { openCapture(path); });
    connect(m_welcome, &StartPage::recentRequested, this, [this](const QString &path) { openCapture(path); });
    connect(m_welcome, &StartPage::historyRequested, this, &MainWindow::showHistory);
    connect(m_welcome, &StartPage::liveRequested, m_liveStart, &QAction::trigger);
    // The live button is usable when Capture ▸ Start… is.
    const auto followLive = [this] { m_welcome->setLiveEnabled(m_liveStart->isEnabled()); };
    connect(m_liveStart, &QAction::changed, this, followLive);
    followLive();
}

} // namespace packetlens::gui
