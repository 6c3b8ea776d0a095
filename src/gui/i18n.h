// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace packetlens::gui {

// Installs the translators for a UI language ("en" or "ru") in place of the
// previous ones; widgets then receive QEvent::LanguageChange.
void applyLanguage(const QString &language);
QString currentLanguage();
// A size in bytes as the UI language writes it ("29.3 KiB", "29,3 КиБ").
QString localBytes(double bytes);
// An English source text with plural marks ("%n packet(s)", "%n query(ies)",
// "%n analysis(es)") resolved for n (%n itself is left for Qt to fill).
QString englishPlural(const QString &text, int n);

} // namespace packetlens::gui
