// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace packetlens {

// "1.5 MiB": a byte count for people.
QString humanBytes(double bytes);
// The same in a UI language ("ru…": "29,3 КиБ"; anything else as above).
QString humanBytes(double bytes, const QString &language);

} // namespace packetlens
