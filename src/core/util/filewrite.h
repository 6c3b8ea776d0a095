// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace packetlens {

// Writes a whole file the safe way for exports: to a temporary file beside
// it, then renamed over the target (a full disk or a crash leaves the old
// file, never a truncated one). Refuses PacketLens' own database files.
bool writeWholeFile(const QString &path, const QByteArray &bytes, QString *error);

} // namespace packetlens
