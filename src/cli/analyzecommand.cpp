// SPDX-License-Identifier: GPL-3.0-or-later
#include "analyzecommand.h"

#include "dboption.h"
#include "detectionoptions.h"
#include "exitcodes.h"
#include "terminalsummary.h"

#include "core/export/bundle.h"
#include "core/export/htmlreport.h"
#include "core/history/historystore.h"
#include "core/report/reportjson.h"
#include "core/service/analysisservice.h"
#include "core/service/recordedanalysis.h"
#include "core/util/filewrite.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <csignal>
#include <optional>

namespace packetlens::cli {

namespace {
std::atomic<bool> g_cancel{false};

void onSigint(int)
{
    g_cancel = true;
}

// PATH for the first report, PATH-2.ext, PATH-3.ext … for the next ones.
QString numbered(const QString &path, qsizetype index)
{
    if (index <= 1)
        return path;
    const int dot = path.lastIndexOf(QLatin1Char('.'));
    const int slash = path.lastIndexOf(QLatin1Char('/'));
    if (dot > slash + 1)
        return path.left(dot) + QStringLiteral("-%1").arg(index) + path.mid(dot);
    return path + QStringLiteral("-%1").arg(index);
}

bool writeJson(const QString &target, const QByteArray &json, QTextStream &err)
{
    if (target == QLatin1String("-")) {
        QFile out;
        if (!out.open(stdout, QIODevice::WriteOnly)) {
            err << "packetlens-cli: cannot write to standard output\n";
            return false;
        }
        out.write(json);
        out.write("\n");
        return true;
    }
    QString why;
    if (!writeWholeFile(target, json, &why)) {
        err << "packetlens-cli: " << why << "\n";
        return false;
    }
    return true;
}

// Everything `analyze` was asked to do.
struct AnalyzeOptions
{
    QStringList files;
    AnalyzerSettings analyzer;
    QString password, jsonTarget, htmlPath, bundlePath, language, dbPath;
    std::optional<Severity> failOn;
    bool useHistory = true, refresh = false, quiet = false;
};

struct OptionSet
{
    QCommandLineOption json{QStringLiteral("json"),
                            QStringLiteral("Write the JSON report to PATH ('-' = standard output). "
                                           "Several captures give a JSON array of reports."),
                            QStringLiteral("PATH")};
    QCommandLineOption top{QStringLiteral("top"), QStringLiteral("Entries in top-N lists (default 10)."), QStringLiteral("N"),
                           QStringLiteral("10")};
    QCommandLineOption password{QStringLiteral("password"),
                                QStringLiteral("Password for encrypted zip entries ('infected' is tried too)."), QStringLiteral("PW")};
    QCommandLineOption maxList{QStringLiteral("max-list"), QStringLiteral("Most items in long report lists (default 1000)."),
                               QStringLiteral("N"), QStringLiteral("1000")};
    QCommandLineOption quiet{QStringLiteral("quiet"), QStringLiteral("No summary, no progress.")};
    QCommandLineOption allow = allowOption();
    QCommandLineOption iocs = iocsOption();
    QCommandLineOption config = configOption();
    QCommandLineOption failOn{QStringLiteral("fail-on"),
                              QStringLiteral("Exit with code 10 when a finding of SEVERITY or worse is found (info, low, medium, high, critical)."),
                              QStringLiteral("SEVERITY")};
    QCommandLineOption noDetect = noDetectOption();
    QCommandLineOption noHealth{QStringLiteral("no-health"),
                                QStringLiteral("Skip the network health pass and the timeline (the report has no "
                                               "health and timeline_events sections).")};
    QCommandLineOption html{QStringLiteral("html"),
                            QStringLiteral("Write a self-contained HTML report to PATH (several captures: PATH, PATH-2, …)."),
                            QStringLiteral("PATH")};
    QCommandLineOption bundle{QStringLiteral("bundle"),
                              QStringLiteral("Write a ZIP bundle (report.json, report.html, evidence.pcap, manifest.json) to PATH."),
                              QStringLiteral("PATH")};
    QCommandLineOption db = dbOption();
    QCommandLineOption noHistory{QStringLiteral("no-history"), QStringLiteral("Do not record this analysis in the history.")};
    QCommandLineOption refresh{QStringLiteral("refresh"),
                               QStringLiteral("Analyze again even if the history holds a report for the same bytes and settings.")};
    QCommandLineOption lang{QStringLiteral("lang"), QStringLiteral("Language of the HTML report: en (default) or ru."),
                            QStringLiteral("LANG"), QStringLiteral("en")};
};

// Reads the command line; returns an exit code when the command is done
// (help, usage error), nothing when the analysis should run.
std::optional<int> parseOptions(const QStringList &args, AnalyzeOptions &a, QTextStream &out, QTextStream &err)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Analyze captures (pcap, pcapng, or a .gz/.zip holding them)."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("analyze"), QStringLiteral("The command."));
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Capture files to analyze."), QStringLiteral("FILE..."));
    const OptionSet o;
    p.addOptions({o.json, o.top, o.password, o.maxList, o.quiet, o.allow, o.iocs, o.config, o.failOn, o.noDetect, o.noHealth,
                  o.html, o.bundle, o.db, o.noHistory, o.refresh, o.lang});
    if (!p.parse(args)) {
        err << "packetlens-cli analyze: " << p.errorText() << "\n";
        return Usage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        out << p.helpText();
        return Ok;
    }
    a.files = p.positionalArguments().mid(1);
    if (a.files.isEmpty()) {
        err << "packetlens-cli analyze: no capture file given (see --help)\n";
        return Usage;
    }
    bool okTop = false, okList = false;
    a.analyzer.limits.topN = p.value(o.top).toInt(&okTop);
    a.analyzer.limits.maxListItems = p.value(o.maxList).toInt(&okList);
    if (!okTop || a.analyzer.limits.topN < 1 || !okList || a.analyzer.limits.maxListItems < 1) {
        err << "packetlens-cli analyze: --top and --max-list take a positive number\n";
        return Usage;
    }
    if (!loadDetectionOptions(p, a.analyzer, err))
        return Usage;
    a.analyzer.health = !p.isSet(o.noHealth);
    if (p.isSet(o.failOn)) {
        a.failOn = severityFromName(p.value(o.failOn));
        if (!a.failOn) {
            err << "packetlens-cli: --fail-on takes info, low, medium, high or critical\n";
            return Usage;
        }
    }
    a.password = p.value(o.password);
    a.jsonTarget = p.value(o.json);
    a.htmlPath = p.value(o.html);
    a.bundlePath = p.value(o.bundle);
    a.language = p.value(o.lang);
    a.dbPath = p.isSet(o.db) ? p.value(o.db) : HistoryStore::defaultPath();
    a.useHistory = !p.isSet(o.noHistory);
    if (a.useHistory)
        if (const std::optional<int> bad = checkDbLocation(a.dbPath, QStringLiteral("analyze"), err))
            return bad;
    a.refresh = p.isSet(o.refresh);
    a.quiet = p.isSet(o.quiet);
    return std::nullopt;
}

std::unique_ptr<HistoryStore> openHistory(const AnalyzeOptions &a, QTextStream &err)
{
    if (!a.useHistory)
        return nullptr;
    auto store = std::make_unique<HistoryStore>(a.dbPath);
    QString why;
    if (!store->open(&why)) {
        err << "packetlens-cli: history not recorded: " << why << "\n";
        return nullptr;
    }
    for (const QString &w : store->warnings())
        err << "packetlens-cli: " << w << "\n";
    return store;
}

// The n-th report's HTML page and bundle, when asked for.
int writeExports(const Report &report, const QString &file, qsizetype n, const AnalyzeOptions &a, QTextStream &err)
{
    int code = Ok;
    QString why;
    if (!a.htmlPath.isEmpty() && !writeWholeFile(numbered(a.htmlPath, n), HtmlReport::render(report, a.language).toUtf8(), &why)) {
        err << "packetlens-cli: " << why << "\n";
        code = OutputFailed;
    }
    if (!a.bundlePath.isEmpty()) {
        const QString path = numbered(a.bundlePath, n);
        OpenOptions open;
        open.password = a.password;
        if (!writeBundle(report, file, path, &why, open)) {
            err << "packetlens-cli: cannot write the bundle " << path << ": " << why << "\n";
            code = OutputFailed;
        }
    }
    return code;
}

// What one run of `analyze` gathers over its files.
struct Results
{
    std::vector<Report> reports;
    int exitCode = Ok;
    bool failTriggered = false;
};

void analyzeFile(const QString &file, const AnalyzeOptions &a, HistoryStore *store, ProgressLine &progressLine,
                 Results &res, QTextStream &out, QTextStream &err)
{
    AnalysisRequest req;
    req.path = file;
    req.open.password = a.password;
    req.analyzer = a.analyzer;
    RecordOptions record;
    record.refresh = a.refresh;
    record.progress = [&](const AnalysisProgress &pr) {
        if (!a.quiet)
            progressLine.update(pr.name, pr.packets, pr.position, pr.total);
    };
    const RecordedAnalysis recorded = analyzeAndRecord(req, store, analysisSettingsHash(req.analyzer), record, &g_cancel);
    if (recorded.fromHistory && !a.quiet)
        err << "packetlens-cli: " << file << ": report from the history (analysis " << recorded.analysisId
            << "; --refresh analyzes again)\n";
    if (!recorded.historyError.isEmpty())
        err << "packetlens-cli: history not recorded: " << recorded.historyError << "\n";
    progressLine.clear();
    for (const AnalysisOutcome &o : recorded.outcomes) {
        if (o.status != AnalysisOutcome::Status::Ok) {
            err << "packetlens-cli: " << o.message << "\n";
            res.exitCode = std::max(res.exitCode, o.status == AnalysisOutcome::Status::Cancelled ? int(Cancelled) : exitCodeFor(o.error));
            continue;
        }
        res.reports.push_back(o.report);
        res.exitCode = std::max(res.exitCode, writeExports(o.report, file, qsizetype(res.reports.size()), a, err));
        for (const ReportFinding &f : o.report.findings())
            if (a.failOn && f.severity >= *a.failOn)
                res.failTriggered = true;
        if (!a.quiet && a.jsonTarget != QLatin1String("-"))
            printSummary(out, o.report, a.analyzer.limits.topN);
    }
    err.flush();
}
} // namespace

int runAnalyze(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    AnalyzeOptions a;
    if (const std::optional<int> done = parseOptions(args, a, out, err))
        return *done;
    const std::unique_ptr<HistoryStore> store = openHistory(a, err);
    std::signal(SIGINT, onSigint);
    ProgressLine progressLine;
    Results res;
    for (const QString &file : std::as_const(a.files)) {
        analyzeFile(file, a, store.get(), progressLine, res, out, err);
        if (g_cancel)
            break;
    }
    if (!a.jsonTarget.isEmpty() && !res.reports.empty()) {
        QByteArray json;
        if (res.reports.size() == 1) {
            json = ReportJson::toBytes(res.reports.front(), true);
        } else {
            QJsonArray all;
            for (const Report &r : res.reports)
                all.append(ReportJson::toJson(r));
            json = QJsonDocument(all).toJson(QJsonDocument::Indented);
        }
        if (!writeJson(a.jsonTarget, json, err))
            res.exitCode = std::max(res.exitCode, int(OutputFailed));
    }
    if (res.exitCode == Ok && res.failTriggered)
        return FindingsAtSeverity;
    return res.exitCode;
}

} // namespace packetlens::cli
