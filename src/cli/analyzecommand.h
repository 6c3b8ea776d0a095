#pragma once

#include <QStringList>

namespace packetlens::cli {

// `packetlens-cli analyze FILE... [--json PATH|-] [--top N] [--password PW]`
int runAnalyze(const QStringList &args);

} // namespace packetlens::cli
