// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace packetlens::cli {

// `packetlens-cli analyze FILE... [--json PATH|-] [--top N] [--password PW]`
int runAnalyze(const QStringList &args);

} // namespace packetlens::cli
