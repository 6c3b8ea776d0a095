// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <cstdint>
#include <string>

namespace packetlens {

// ISO-8601 UTC with `digits` fractional digits (0, 3, 6 or 9 typically),
// e.g. "2010-07-16T03:39:32.730147Z". ns = nanoseconds since the epoch.
QString isoTimestamp(int64_t ns, int digits);
void appendIsoTimestamp(std::string &out, int64_t ns, int digits); // the same, appended
// The reverse: "YYYY-MM-DDTHH:MM:SS[.f…]Z" to nanoseconds since the epoch;
// `digits` (optional) receives the number of fractional digits.
bool parseIsoTimestamp(const QString &text, int64_t *ns, int *digits = nullptr);

} // namespace packetlens
