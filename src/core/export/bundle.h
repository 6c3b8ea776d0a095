// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "../capture/captureopener.h"

#include "../report/report.h"

#include <QString>

namespace packetlens {

// A ZIP bundle for one analysis: report.json, report.html, evidence.pcap (the
// cited packets) and manifest.json with the SHA-256 of each file.
bool writeBundle(const Report &report, const QString &capturePath, const QString &outPath,
                 QString *error, const OpenOptions &options = {});

} // namespace packetlens
