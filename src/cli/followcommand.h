// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace packetlens::cli {

// `packetlens-cli follow FILE --stream N [--format ascii|hex|raw]`
int runFollow(const QStringList &args);

} // namespace packetlens::cli
