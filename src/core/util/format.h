// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace packetlens {

// "1.5 MiB": a byte count for people.
QString humanBytes(double bytes);

} // namespace packetlens
