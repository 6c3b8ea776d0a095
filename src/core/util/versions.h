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

} // namespace packetlens
