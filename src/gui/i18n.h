// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace packetlens::gui {

// Installs the translators for a UI language ("en" or "ru") in place of the
// previous ones; widgets then receive QEvent::LanguageChange.
void applyLanguage(const QString &language);
QString currentLanguage();

} // namespace packetlens::gui
