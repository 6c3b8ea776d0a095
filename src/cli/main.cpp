// SPDX-License-Identifier: GPL-3.0-or-later
#include "analyzecommand.h"
#include "exportobjectscommand.h"
#include "followcommand.h"
#include "historycommand.h"
#include "livecommand.h"
#include "servecommand.h"
#include "exitcodes.h"
#include "core/util/sha256.h"
#include "core/util/versions.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace packetlens::cli;

namespace {
const char kUsage[] =
    "Usage: packetlens-cli COMMAND [options]\n"
    "\n"
    "Commands:\n"
    "  analyze FILE...   analyze captures (pcap, pcapng, .gz, .zip); see 'analyze --help'\n"
    "  live              capture and analyze live: -i IFACE (-D lists them) or -r - (a stream on\n"
    "                    standard input); see 'live --help'\n"
    "  history ACTION    list | show ID | delete ID | stats | recover  (--json, --db PATH|URI)\n"
    "  follow FILE --stream N [--format ascii|hex|raw]\n"
    "                    one TCP conversation's payload (tcp.stream as Wireshark numbers it)\n"
    "  export-objects FILE --out DIR [--protocol http|ftp-data|smtp]\n"
    "                    save the files transferred (safe names, SHA-256 listed)\n"
    "  serve             REST API: [--port 8080] [--bind 127.0.0.1] [--db PATH|URI] [--storage DIR] [--api-key KEY]\n"
    "\n"
    "Options:\n"
    "  -h, --help        show this help\n"
    "  -v, --version     show the version\n"
    "\n"
    "Exit codes: 0 ok, 1 usage, 2 unreadable file, 3 not a capture, 4 empty capture,\n"
    "5 corrupt capture header, 6 archive problem, 7 cancelled, 8 report not written,\n"
    "10 findings at or above --fail-on SEVERITY, 11 not permitted to capture (the message says\n"
    "how to grant it), 12 capture failed (no such interface, interface down, capture helper missing).\n"
    "\n"
    "--db takes a file path (SQLite) or postgresql://user@host:port/database (a shared history;\n"
    "the password from PGPASSWORD or ~/.pgpass, never in the URI). See docs/deploy.md.\n";
}

int main(int argc, char *argv[])
{
    packetlens::Sha256::prepare(); // OpenSSL set up before anything uses it (sha256.cpp)
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("PacketLens"));
    QCoreApplication::setApplicationName(QStringLiteral("PacketLens")); // shares the app's data folder
    QCoreApplication::setApplicationVersion(QStringLiteral(PACKETLENS_VERSION));
    const QStringList args = app.arguments();
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (args.size() < 2) {
        err << kUsage;
        return Usage;
    }
    const QString cmd = args.at(1);
    if (cmd == QLatin1String("-h") || cmd == QLatin1String("--help") || cmd == QLatin1String("help")) {
        out << kUsage;
        return Ok;
    }
    if (cmd == QLatin1String("-v") || cmd == QLatin1String("--version")) {
        const packetlens::LibraryVersions v = packetlens::libraryVersions();
        out << "packetlens-cli " << PACKETLENS_VERSION << "\n"
            << "License GPL-3.0-or-later: <https://www.gnu.org/licenses/gpl-3.0.html>\n"
            << "Running with Qt " << v.qt << ", " << v.libpcap << ", " << v.openssl << "\n";
        return Ok;
    }
    if (cmd == QLatin1String("analyze"))
        return runAnalyze(args);
    if (cmd == QLatin1String("live"))
        return runLive(args);
    if (cmd == QLatin1String("history"))
        return runHistory(args);
    if (cmd == QLatin1String("follow"))
        return runFollow(args);
    if (cmd == QLatin1String("export-objects"))
        return runExportObjects(args);
    if (cmd == QLatin1String("serve"))
        return runServe(args);
    err << "packetlens-cli: unknown command '" << cmd << "'\n" << kUsage;
    return Usage;
}
