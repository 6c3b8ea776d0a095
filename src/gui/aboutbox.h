// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QWidget;

namespace packetlens::gui {

// Help ▸ About: version, license, the Qt/libpcap/OpenSSL versions running and
// a link to the documentation installed with the package.
void showAboutBox(QWidget *parent);

} // namespace packetlens::gui
