// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace packetlens::cli {

// `packetlens-cli history list|show ID|delete ID|stats [--json] [--db PATH]`
int runHistory(const QStringList &args);

} // namespace packetlens::cli
