// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace packetlens {

// The versions of the libraries this build runs with (not compiled against):
// shown by `--version` and the app's About box.
struct LibraryVersions {
    QString qt;      // "6.4.2"
    QString libpcap; // "libpcap version 1.10.3 (with TPACKET_V3)"
    QString openssl; // "OpenSSL 3.0.15 3 Sep 2024"
};
LibraryVersions libraryVersions();

// What the history keys stored analyses by: the program's version and the
// analysis revision, raised whenever a change makes the same capture and
// settings give a different report (a decoder or detector fix), so that a
// development build never serves a report made by the code before it.
// Revision 2: TCP headers cut behind a damaged IP header are no longer read
// as flags (no NULL-scan anomalies for them). Revision 3: findings, health
// items and timeline events carry their texts as catalogue messages.
inline constexpr int kAnalysisRevision = 3;
QString engineVersion(); // "0.2.0+a3"

} // namespace packetlens
