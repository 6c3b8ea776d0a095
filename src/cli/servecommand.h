// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace packetlens::cli {

// `packetlens-cli serve [--port 8080] [--bind 127.0.0.1] [--db PATH] [--api-key KEY]`:
// the REST API without the app, until SIGINT or SIGTERM.
int runServe(const QStringList &args);

} // namespace packetlens::cli
