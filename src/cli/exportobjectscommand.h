#pragma once

#include <QStringList>

namespace packetlens::cli {

// `packetlens-cli export-objects FILE --out DIR [--protocol http|ftp-data|smtp]`
int runExportObjects(const QStringList &args);

} // namespace packetlens::cli
