// SPDX-License-Identifier: GPL-3.0-or-later
#include "livecommand.h"

#include "dboption.h"
#include "detectionoptions.h"
#include "exitcodes.h"
#include "liveterminal.h"
#include "terminalsummary.h"

#include "core/history/capturestore.h"
#include "core/history/historystore.h"
#include "core/live/capturehelper.h"
#include "core/live/liveevents.h"
#include "core/live/livesession.h"
#include "core/report/reportjson.h"
#include "core/service/liverecord.h"
#include "core/service/recordedanalysis.h"
#include "core/util/filewrite.h"

#include <QCommandLineParser>
#include <QFile>
#include <QThread>

#include <csignal>
#include <fcntl.h>
#include <optional>
#include <unistd.h>

namespace packetlens::cli {

namespace {
std::atomic<bool> g_stop{false};

void onStopSignal(int)
{
    g_stop = true;
}

struct LiveArgs
{
    LiveOptions live;
    QString readPath, writePath, jsonLines, json, dbPath;
    bool useHistory = true, quiet = false, list = false;
    std::optional<Severity> failOn;
    int topN = 10;
};

struct LiveOptionSet
{
    QCommandLineOption interface{{QStringLiteral("i"), QStringLiteral("interface")},
                                 QStringLiteral("Capture on IFACE ('any': all interfaces; -D lists them)."), QStringLiteral("IFACE")};
    QCommandLineOption read{{QStringLiteral("r"), QStringLiteral("read")},
                            QStringLiteral("Analyze a pcap or pcapng stream as it arrives from PATH ('-' = standard input, "
                                           "e.g. tcpdump -w - | packetlens-cli live -r -)."),
                            QStringLiteral("PATH")};
    QCommandLineOption list{{QStringLiteral("D"), QStringLiteral("list-interfaces")}, QStringLiteral("List the interfaces and exit.")};
    QCommandLineOption filter{{QStringLiteral("f"), QStringLiteral("filter")}, QStringLiteral("Capture filter (BPF, as tcpdump takes it)."),
                              QStringLiteral("BPF")};
    QCommandLineOption snaplen{{QStringLiteral("s"), QStringLiteral("snaplen")},
                               QStringLiteral("Bytes kept of each packet (default 262144)."), QStringLiteral("N"), QStringLiteral("262144")};
    QCommandLineOption noPromisc{{QStringLiteral("p"), QStringLiteral("no-promisc")},
                                QStringLiteral("Do not put the interface into promiscuous mode.")};
    QCommandLineOption buffer{QStringLiteral("buffer"), QStringLiteral("Kernel capture buffer in MiB (default 64)."), QStringLiteral("MIB"),
                              QStringLiteral("64")};
    QCommandLineOption duration{QStringLiteral("duration"), QStringLiteral("Stop after S seconds."), QStringLiteral("S")};
    QCommandLineOption packets{QStringLiteral("packets"), QStringLiteral("Stop after N packets."), QStringLiteral("N")};
    QCommandLineOption bytes{QStringLiteral("bytes"), QStringLiteral("Stop once N bytes were captured."), QStringLiteral("N")};
    QCommandLineOption write{{QStringLiteral("w"), QStringLiteral("write")},
                             QStringLiteral("Save the packets as pcapng to FILE (default: the app-data folder's live/)."),
                             QStringLiteral("FILE.pcapng")};
    QCommandLineOption jsonLines{QStringLiteral("json-lines"),
                                 QStringLiteral("Write the live events (stats, finding, packet, end; as the REST WebSocket) "
                                                "to PATH ('-' = standard output), one JSON object a line."),
                                 QStringLiteral("PATH")};
    QCommandLineOption packetRate{QStringLiteral("packet-rate"),
                                  QStringLiteral("Packet events per second in --json-lines (default 50; 0: none)."), QStringLiteral("N"),
                                  QStringLiteral("50")};
    QCommandLineOption json{QStringLiteral("json"), QStringLiteral("Write the JSON report at the end to PATH ('-' = standard output)."),
                            QStringLiteral("PATH")};
    QCommandLineOption top{QStringLiteral("top"), QStringLiteral("Entries in top-N lists (default 10)."), QStringLiteral("N"),
                           QStringLiteral("10")};
    QCommandLineOption failOn{QStringLiteral("fail-on"),
                              QStringLiteral("Exit with code 10 when a finding of SEVERITY or worse is found (info, low, medium, high, critical)."),
                              QStringLiteral("SEVERITY")};
    QCommandLineOption quiet{QStringLiteral("quiet"), QStringLiteral("No status line, findings or summary.")};
    QCommandLineOption db = dbOption();
    QCommandLineOption noHistory{QStringLiteral("no-history"), QStringLiteral("Do not record the capture's analysis in the history.")};
    QCommandLineOption allow = allowOption();
    QCommandLineOption iocs = iocsOption();
    QCommandLineOption config = configOption();
    QCommandLineOption noDetect = noDetectOption();
};

bool readNumber(const QString &text, double min, double max, double *out)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || v < min || v > max)
        return false;
    *out = v;
    return true;
}

// The stop conditions, capture settings and outputs; false after printing why.
bool readCaptureSettings(const QCommandLineParser &p, const LiveOptionSet &o, LiveArgs &a, QTextStream &err)
{
    double v = 0;
    const struct
    {
        const QCommandLineOption &opt;
        double min, max;
        const char *what;
    } numbers[] = {{o.snaplen, 64, 262144, "--snaplen takes 64..262144"},
                   {o.buffer, 1, 4096, "--buffer takes 1..4096 MiB"},
                   {o.duration, 0.001, 1e9, "--duration takes a positive number of seconds"},
                   {o.packets, 1, 1e18, "--packets takes a positive number"},
                   {o.bytes, 1, 1e18, "--bytes takes a positive number"},
                   {o.packetRate, 0, 10000, "--packet-rate takes 0..10000"},
                   {o.top, 1, 1e6, "--top takes a positive number"}};
    for (const auto &n : numbers) {
        if (p.isSet(n.opt) || !n.opt.defaultValues().isEmpty()) {
            if (!readNumber(p.value(n.opt), n.min, n.max, &v)) {
                err << "packetlens-cli live: " << n.what << "\n";
                return false;
            }
        }
    }
    a.live.snaplen = p.value(o.snaplen).toInt();
    a.live.bufferMiB = p.value(o.buffer).toInt();
    a.live.durationS = p.isSet(o.duration) ? p.value(o.duration).toDouble() : 0;
    a.live.maxPackets = p.isSet(o.packets) ? p.value(o.packets).toULongLong() : 0;
    a.live.maxBytes = p.isSet(o.bytes) ? p.value(o.bytes).toULongLong() : 0;
    a.live.packetLinesPerS = p.isSet(o.jsonLines) ? p.value(o.packetRate).toInt() : 0;
    a.live.promiscuous = !p.isSet(o.noPromisc);
    a.live.filter = p.value(o.filter);
    a.topN = p.value(o.top).toInt();
    a.live.analyzer.limits.topN = a.topN;
    a.writePath = p.value(o.write);
    a.jsonLines = p.value(o.jsonLines);
    a.json = p.value(o.json);
    a.quiet = p.isSet(o.quiet);
    return true;
}

std::optional<int> parseLive(const QStringList &args, LiveArgs &a, QTextStream &out, QTextStream &err)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Capture and analyze live: the status each second, findings as they fire; "
                                               "Ctrl-C stops, saves the packets as pcapng and writes the report and the history row."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("live"), QStringLiteral("The command."));
    const LiveOptionSet o;
    p.addOptions({o.interface, o.read, o.list, o.filter, o.snaplen, o.noPromisc, o.buffer, o.duration, o.packets, o.bytes, o.write,
                  o.jsonLines, o.packetRate, o.json, o.top, o.failOn, o.quiet, o.db, o.noHistory, o.allow, o.iocs, o.config, o.noDetect});
    if (!p.parse(args)) {
        err << "packetlens-cli live: " << p.errorText() << "\n";
        return Usage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        out << p.helpText();
        return Ok;
    }
    a.list = p.isSet(o.list);
    if (a.list)
        return std::nullopt;
    if (p.isSet(o.interface) == p.isSet(o.read) || p.positionalArguments().size() > 1) {
        err << "packetlens-cli live: give -i IFACE or -r PATH (see --help)\n";
        return Usage;
    }
    a.live.source.kind = p.isSet(o.read) ? LiveSource::Kind::Stream : LiveSource::Kind::Interface;
    a.live.source.interface = p.value(o.interface);
    a.readPath = p.value(o.read);
    if (!readCaptureSettings(p, o, a, err) || !loadDetectionOptions(p, a.live.analyzer, err))
        return Usage;
    if (p.isSet(o.failOn) && !(a.failOn = severityFromName(p.value(o.failOn)))) {
        err << "packetlens-cli: --fail-on takes info, low, medium, high or critical\n";
        return Usage;
    }
    a.dbPath = p.isSet(o.db) ? p.value(o.db) : HistoryStore::defaultPath();
    a.useHistory = !p.isSet(o.noHistory);
    if (a.useHistory)
        if (const std::optional<int> bad = checkDbLocation(a.dbPath, QStringLiteral("live"), err))
            return bad;
    return std::nullopt;
}

int listInterfaces(QTextStream &out, QTextStream &err)
{
    QList<CaptureInterface> list;
    QString why;
    if (!CaptureHelper::interfaces(&list, &why)) {
        err << "packetlens-cli live: " << why << "\n";
        return CaptureFailed;
    }
    for (const CaptureInterface &i : list)
        out << i.name.leftJustified(18) << " " << i.flags.join(u',').leftJustified(24) << " "
            << (i.linkTypeName.isEmpty() ? QStringLiteral("?") : i.linkTypeName).leftJustified(12) << " "
            << i.addresses.join(QStringLiteral(", ")) << (i.description.isEmpty() ? QString() : QStringLiteral("  (%1)").arg(i.description))
            << "\n";
    return Ok;
}

int exitCodeFor(LiveError e)
{
    switch (e) {
    case LiveError::None: return Ok;
    case LiveError::NoPermission: return CaptureNotPermitted;
    case LiveError::BadFilter: return Usage;
    case LiveError::NotACapture: return NotACapture;
    case LiveError::Io: return Unreadable;
    case LiveError::NoSuchInterface:
    case LiveError::InterfaceDown:
    case LiveError::HelperMissing:
    case LiveError::Failed: return CaptureFailed;
    }
    return CaptureFailed;
}

// The filter checked against the interface's link type before anything starts.
bool checkFilter(const LiveArgs &a, QTextStream &err)
{
    if (a.live.filter.isEmpty() || a.live.source.kind != LiveSource::Kind::Interface)
        return true;
    int linkType = 1;
    QList<CaptureInterface> list;
    QString why;
    if (CaptureHelper::interfaces(&list, &why))
        for (const CaptureInterface &i : list)
            if (i.name == a.live.source.interface && i.linkType >= 0)
                linkType = i.linkType;
    if (checkCaptureFilter(a.live.filter, linkType, a.live.snaplen, &why))
        return true;
    err << "packetlens-cli live: invalid capture filter '" << a.live.filter << "': " << why << "\n";
    return false;
}

// The history row and the "end" event; returns the analysis id or -1.
qint64 recordAndEnd(const LiveArgs &a, const LiveResult &r, LiveTerminal &terminal, QTextStream &err)
{
    qint64 analysisId = -1;
    if (a.useHistory && r.report) {
        HistoryStore store(a.dbPath);
        QString why;
        if (store.open(&why))
            analysisId = recordLiveCapture(store, r, analysisSettingsHash(a.live.analyzer), false, &why);
        if (analysisId < 0)
            err << "packetlens-cli: history not recorded: " << why << "\n";
    }
    QJsonObject end = LiveEvents::end(r);
    if (!r.savedPath.isEmpty())
        end.insert(QStringLiteral("saved"), r.savedPath);
    if (analysisId >= 0) {
        end.insert(QStringLiteral("file_id"), CaptureStore::fileId(r.sha256));
        end.insert(QStringLiteral("analysis_id"), analysisId);
    }
    terminal.writeEnd(end);
    return analysisId;
}

int finishLive(const LiveArgs &a, const LiveResult &r, LiveTerminal &terminal, QTextStream &out, QTextStream &err)
{
    const qint64 analysisId = recordAndEnd(a, r, terminal, err);
    if (r.error != LiveError::None)
        err << "packetlens-cli live: " << r.message << "\n";
    else if (!r.message.isEmpty() && !a.quiet)
        err << "packetlens-cli live: " << r.message << "\n";
    if (r.end == LiveResult::End::InterfaceDown && !a.quiet)
        err << "packetlens-cli live: the interface went down; the packets captured until then are analyzed\n";
    if (!r.report)
        return r.error != LiveError::None ? exitCodeFor(r.error) : Empty;
    const bool stdoutTaken = a.json == QLatin1String("-") || a.jsonLines == QLatin1String("-");
    if (!a.quiet && !stdoutTaken)
        printSummary(out, *r.report, a.topN);
    if (!a.quiet) {
        err << "packetlens-cli: " << r.packets << " packets saved to " << r.savedPath;
        if (r.kernelDrops + r.interfaceDrops > 0)
            err << " (" << r.kernelDrops + r.interfaceDrops << " dropped by the kernel or interface)";
        if (analysisId >= 0)
            err << "; history analysis " << analysisId;
        err << "\n";
    }
    err.flush();
    int code = r.error != LiveError::None ? exitCodeFor(r.error) : Ok;
    if (!a.json.isEmpty()) {
        QString why;
        const QByteArray json = ReportJson::toBytes(*r.report, true);
        if (a.json == QLatin1String("-")) {
            out.flush();
            QFile o;
            o.open(stdout, QIODevice::WriteOnly);
            o.write(json + "\n");
        } else if (!writeWholeFile(a.json, json, &why)) {
            err << "packetlens-cli: " << why << "\n";
            code = std::max(code, int(OutputFailed));
        }
    }
    if (code == Ok && a.failOn)
        for (const ReportFinding &f : r.report->findings())
            if (f.severity >= *a.failOn)
                return FindingsAtSeverity;
    return code;
}

// Where the packets go and where they come from; an exit code on failure.
std::optional<int> prepare(LiveArgs &a, std::unique_ptr<SavedCapture> &saved, int &readFd, QTextStream &err)
{
    const QString source = a.live.source.kind == LiveSource::Kind::Interface ? a.live.source.interface : QStringLiteral("stdin");
    const QString path = a.writePath.isEmpty() ? defaultLiveCapturePath(source) : a.writePath;
    QString why;
    std::unique_ptr<CaptureSink> sink = fileCaptureSink(path, &why);
    if (!sink) {
        err << "packetlens-cli live: " << why << "\n";
        return OutputFailed;
    }
    saved = std::make_unique<SavedCapture>(std::move(sink), source, a.live.filter);
    if (a.live.source.kind == LiveSource::Kind::Stream) {
        readFd = a.readPath == QLatin1String("-") ? STDIN_FILENO : ::open(QFile::encodeName(a.readPath).constData(), O_RDONLY | O_CLOEXEC);
        if (readFd < 0) {
            err << "packetlens-cli live: cannot read " << a.readPath << "\n";
            return Unreadable;
        }
        a.live.source.fd = readFd;
        a.live.source.streamName = a.readPath == QLatin1String("-") ? QStringLiteral("standard input") : a.readPath;
    }
    return std::nullopt;
}
} // namespace

int runLive(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    LiveArgs a;
    if (const std::optional<int> done = parseLive(args, a, out, err))
        return *done;
    if (a.list)
        return listInterfaces(out, err);
    if (!checkFilter(a, err))
        return Usage;
    std::unique_ptr<SavedCapture> saved;
    int readFd = -1;
    if (const std::optional<int> failed = prepare(a, saved, readFd, err))
        return *failed;
    const bool stdoutTaken = a.json == QLatin1String("-") || a.jsonLines == QLatin1String("-");
    LiveTerminal terminal({a.live.source.kind == LiveSource::Kind::Interface ? a.live.source.interface : a.live.source.streamName,
                           a.jsonLines, !stdoutTaken, a.quiet});
    QString why;
    if (!terminal.open(&why)) {
        err << "packetlens-cli live: " << why << "\n";
        return OutputFailed;
    }
    LiveSession session(a.live, std::move(saved), &terminal);
    LiveError error = LiveError::None;
    if (!session.start(&error, &why)) {
        err << "packetlens-cli live: " << why << "\n";
        return exitCodeFor(error);
    }
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
    if (!a.quiet)
        err << "packetlens-cli: capturing on " << (a.live.source.kind == LiveSource::Kind::Interface ? a.live.source.interface : a.live.source.streamName)
            << "; Ctrl-C stops\n";
    err.flush();
    while (session.running()) {
        if (g_stop)
            session.stop();
        QThread::msleep(50);
    }
    session.wait();
    if (readFd > STDIN_FILENO)
        ::close(readFd);
    return finishLive(a, terminal.result(), terminal, out, err);
}

} // namespace packetlens::cli
