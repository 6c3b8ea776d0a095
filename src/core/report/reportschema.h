// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace packetlens {

// The report's schema identifier; bump the number only for incompatible changes.
inline constexpr const char kReportSchema[] = "packetlens.report/1";

} // namespace packetlens
