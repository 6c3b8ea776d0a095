// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace packetlens::gui {

class MainWindow;

// For the documentation: once every analysis has finished, saves a PNG of
// each main view (grabbed from the window, so it works offscreen and under
// Xvfb) into `dir`, then quits.
void saveScreenshotsWhenDone(MainWindow *window, const QString &dir);

} // namespace packetlens::gui
