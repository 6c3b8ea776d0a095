// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace packetlens::cli {

// `packetlens-cli live -i IFACE [-f BPF] [--duration S] [--packets N] [--write FILE.pcapng]
//  [--json-lines PATH|-] [--db PATH]`, or `live -r -` (a pcap/pcapng stream on standard input).
int runLive(const QStringList &args);

} // namespace packetlens::cli
