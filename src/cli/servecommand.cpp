// SPDX-License-Identifier: GPL-3.0-or-later
#include "servecommand.h"

#include "dboption.h"
#include "exitcodes.h"

#include "core/history/capturestore.h"
#include "core/history/historystore.h"
#include "server/restserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <memory>
#include <optional>
#include <sys/socket.h>
#include <unistd.h>

namespace packetlens::cli {

namespace {
int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(g_signalPipe[1], &c, 1);
}
// Another address than loopback: only when asked for, with a strong key;
// the warning is printed at once.
bool bindAllowed(const RestServerOptions &o, QTextStream &err)
{
    if (o.bind.isLoopback())
        return true;
    if (!o.allowNonLoopback) {
        err << "packetlens-cli serve: " << o.bind.toString() << " is not a loopback address; add --allow-remote to serve the API to the network\n";
        return false;
    }
    QString weak;
    if (!o.apiKey.isEmpty() && !RestServer::keyStrongEnoughForRemote(o.apiKey, &weak)) {
        err << "packetlens-cli serve: " << weak << "\n";
        return false;
    }
    err << "packetlens-cli serve: WARNING: serving on " << o.bind.toString()
        << ": anyone who can reach it and knows the key can upload and read analyses (plain HTTP, no TLS)\n";
    err.flush(); // now, not when the server stops
    return true;
}
// The key: --api-key, else PACKETLENS_API_KEY, else the first line of the file
// PACKETLENS_API_KEY_FILE names (the systemd unit's credential); none of them:
// empty (the server takes the one kept in the settings).
bool resolveApiKey(const QString &given, QString *key, QTextStream &err)
{
    *key = given.isEmpty() ? qEnvironmentVariable("PACKETLENS_API_KEY") : given;
    const QString path = qEnvironmentVariable("PACKETLENS_API_KEY_FILE");
    if (!key->isEmpty() || path.isEmpty())
        return true;
    QFile f(path);
    if (f.open(QIODevice::ReadOnly))
        *key = QString::fromUtf8(f.readLine(4096)).trimmed();
    if (key->isEmpty())
        err << "packetlens-cli serve: no API key could be read from PACKETLENS_API_KEY_FILE " << path << "\n";
    return !key->isEmpty();
}
// A key read from a file (the system service) stays out of the output, which
// systemd keeps in its journal.
QString shownKey(const QString &key)
{
    const QString file = qEnvironmentVariable("PACKETLENS_API_KEY_FILE");
    if (file.isEmpty() || qEnvironmentVariableIsSet("PACKETLENS_API_KEY"))
        return key;
    return QStringLiteral("(the one in %1)").arg(file);
}

struct ServeArgs
{
    RestServerOptions options;
    bool quiet = false;
};

// serve's command line into the server's options; an exit code when the
// run ends here (help, or a usage error already printed).
std::optional<int> parseServeArgs(const QStringList &args, ServeArgs &a, QTextStream &out, QTextStream &err)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Serve the REST API (docs/rest-api.md) until SIGINT or SIGTERM."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("serve"), QStringLiteral("The command."));
    const QCommandLineOption portOpt(QStringLiteral("port"), QStringLiteral("TCP port (default 8080; 0 = any free port)."),
                                     QStringLiteral("PORT"), QStringLiteral("8080"));
    const QCommandLineOption bindOpt(QStringLiteral("bind"),
                                     QStringLiteral("Address to listen on (default 127.0.0.1, with ::1). Another than loopback needs --allow-remote."),
                                     QStringLiteral("ADDRESS"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption remoteOpt(QStringLiteral("allow-remote"),
                                       QStringLiteral("Allow --bind to a non-loopback address (the API is then reachable from the network)."));
    const QCommandLineOption dbOpt = dbOption();
    const QCommandLineOption keyOpt(QStringLiteral("api-key"),
                                    QStringLiteral("API key (also PACKETLENS_API_KEY, or the file PACKETLENS_API_KEY_FILE names; default: the one kept in the settings, made on first start)."),
                                    QStringLiteral("KEY"));
    const QCommandLineOption storageOpt(QStringLiteral("storage"),
                                        QStringLiteral("Folder for uploaded captures (default: %1; with a PostgreSQL --db, "
                                                       "required: the folder the servers share).").arg(CaptureStore::defaultRoot()),
                                        QStringLiteral("DIR"));
    const QCommandLineOption maxUploadOpt(QStringLiteral("max-upload"), QStringLiteral("Largest upload in MiB (default 1024)."),
                                          QStringLiteral("MIB"), QStringLiteral("1024"));
    const QCommandLineOption workersOpt(QStringLiteral("workers"), QStringLiteral("Analyses at once (default 2)."),
                                        QStringLiteral("N"), QStringLiteral("2"));
    const QCommandLineOption quietOpt(QStringLiteral("quiet"), QStringLiteral("Do not print the request log."));
    p.addOptions({portOpt, bindOpt, remoteOpt, dbOpt, keyOpt, storageOpt, maxUploadOpt, workersOpt, quietOpt});
    if (!p.parse(args)) {
        err << "packetlens-cli serve: " << p.errorText() << "\n";
        return int(Usage);
    }
    if (p.isSet(QStringLiteral("help"))) {
        out << p.helpText();
        return int(Ok);
    }
    RestServerOptions &o = a.options;
    bool okPort = false, okUpload = false, okWorkers = false;
    const uint port = p.value(portOpt).toUInt(&okPort);
    const qint64 maxUploadMiB = p.value(maxUploadOpt).toLongLong(&okUpload);
    o.workers = p.value(workersOpt).toInt(&okWorkers);
    if (!okPort || port > 65535 || !okUpload || maxUploadMiB < 1 || !okWorkers || o.workers < 1) {
        err << "packetlens-cli serve: --port takes 0..65535, --max-upload and --workers a positive number\n";
        return int(Usage);
    }
    o.port = quint16(port);
    o.maxUploadBytes = maxUploadMiB << 20;
    if (!o.bind.setAddress(p.value(bindOpt))) {
        err << "packetlens-cli serve: --bind takes an IP address\n";
        return int(Usage);
    }
    o.allowNonLoopback = p.isSet(remoteOpt);
    if (!resolveApiKey(p.isSet(keyOpt) ? p.value(keyOpt) : QString(), &o.apiKey, err))
        return int(Unreadable);
    if (!bindAllowed(o, err))
        return int(Usage);
    o.dbPath = p.value(dbOpt);
    o.storageDir = p.value(storageOpt);
    if (p.isSet(dbOpt))
        if (const std::optional<int> bad = checkDbLocation(o.dbPath, QStringLiteral("serve"), err))
            return *bad;

    a.quiet = p.isSet(quietOpt);
    return std::nullopt;
}

// SIGINT and SIGTERM quit the event loop (through a socket pair: a signal
// handler may only write); the default handlers come back at the end.
class QuitOnSignal
{
public:
    bool install()
    {
        if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
            return false;
        m_notifier = std::make_unique<QSocketNotifier>(g_signalPipe[0], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, qApp, [] {
            char c;
            [[maybe_unused]] const auto n = ::read(g_signalPipe[0], &c, 1);
            QCoreApplication::quit();
        });
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
        return true;
    }
    ~QuitOnSignal()
    {
        if (!m_notifier)
            return;
        std::signal(SIGINT, SIG_DFL);
        std::signal(SIGTERM, SIG_DFL);
        m_notifier.reset();
        ::close(g_signalPipe[0]);
        ::close(g_signalPipe[1]);
    }

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
};
} // namespace

int runServe(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    ServeArgs a;
    if (const std::optional<int> done = parseServeArgs(args, a, out, err))
        return *done;
    QuitOnSignal quit;
    if (!quit.install()) {
        err << "packetlens-cli serve: cannot set up signal handling\n";
        return Unreadable;
    }
    RestServer server;
    if (!a.quiet) {
        QObject::connect(&server, &RestServer::requestLogged, qApp, [&out](const QString &line) {
            out << line << "\n";
            out.flush();
        });
    }
    QString why;
    if (!server.start(a.options, &why)) {
        err << "packetlens-cli serve: " << why << "\n";
        return Unreadable;
    }
    for (const QString &note : server.startNotes())
        err << "packetlens-cli serve: " << note << "\n";
    err.flush();
    out << "PacketLens REST API on " << server.url().toString() << "\n"
        << "API key: " << shownKey(server.apiKey()) << "\n"
        << "(send it as X-API-Key or Authorization: Bearer; Ctrl-C stops)\n";
    out.flush();
    QCoreApplication::exec();
    server.stop();
    out << "stopped\n";
    return Ok;
}

} // namespace packetlens::cli
