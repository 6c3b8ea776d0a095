// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace packetlens::cli {

// `packetlens-cli export-objects FILE --out DIR [--protocol http|ftp-data|smtp]`
int runExportObjects(const QStringList &args);

} // namespace packetlens::cli
