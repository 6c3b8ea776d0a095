#include "analyzecommand.h"

#include "exitcodes.h"
#include "terminalsummary.h"

#include "core/detect/finding.h"
#include "core/export/bundle.h"
#include "core/export/htmlreport.h"
#include "core/history/historystore.h"
#include "core/service/analysisservice.h"
#include "core/service/recordedanalysis.h"
#include "core/util/filewrite.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <csignal>

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
} // namespace

int runAnalyze(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Analyze captures (pcap, pcapng, or a .gz/.zip holding them)."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("analyze"), QStringLiteral("The command."));
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Capture files to analyze."), QStringLiteral("FILE..."));
    const QCommandLineOption jsonOpt(QStringLiteral("json"),
                                     QStringLiteral("Write the JSON report to PATH ('-' = standard output). "
                                                    "Several captures give a JSON array of reports."),
                                     QStringLiteral("PATH"));
    const QCommandLineOption topOpt(QStringLiteral("top"), QStringLiteral("Entries in top-N lists (default 10)."),
                                    QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption pwOpt(QStringLiteral("password"),
                                   QStringLiteral("Password for encrypted zip entries ('infected' is tried too)."),
                                   QStringLiteral("PW"));
    const QCommandLineOption maxListOpt(QStringLiteral("max-list"),
                                        QStringLiteral("Most items in long report lists (default 1000)."),
                                        QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption quietOpt(QStringLiteral("quiet"), QStringLiteral("No summary, no progress."));
    const QCommandLineOption allowOpt(QStringLiteral("allow"),
                                      QStringLiteral("Allow list: IPs, CIDRs, domains or finding categories whose findings are suppressed (text or CSV, one per line)."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption iocsOpt(QStringLiteral("iocs"),
                                     QStringLiteral("Block list of IPs, CIDRs and domains for ioc_match (text or CSV, one per line; may be repeated)."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption configOpt(QStringLiteral("config"),
                                       QStringLiteral("Detection thresholds as JSON (see docs/detections.md)."), QStringLiteral("FILE"));
    const QCommandLineOption failOnOpt(QStringLiteral("fail-on"),
                                       QStringLiteral("Exit with code 10 when a finding of SEVERITY or worse is found (info, low, medium, high, critical)."),
                                       QStringLiteral("SEVERITY"));
    const QCommandLineOption noDetectOpt(QStringLiteral("no-detect"), QStringLiteral("Skip threat detection."));
    const QCommandLineOption htmlOpt(QStringLiteral("html"),
                                     QStringLiteral("Write a self-contained HTML report to PATH (several captures: PATH, PATH-2, …)."),
                                     QStringLiteral("PATH"));
    const QCommandLineOption bundleOpt(QStringLiteral("bundle"),
                                       QStringLiteral("Write a ZIP bundle (report.json, report.html, evidence.pcap, manifest.json) to PATH."),
                                       QStringLiteral("PATH"));
    const QCommandLineOption dbOpt(QStringLiteral("db"), QStringLiteral("History database (default: %1).").arg(HistoryStore::defaultPath()),
                                   QStringLiteral("PATH"));
    const QCommandLineOption noHistoryOpt(QStringLiteral("no-history"), QStringLiteral("Do not record this analysis in the history."));
    const QCommandLineOption refreshOpt(QStringLiteral("refresh"),
                                        QStringLiteral("Analyze again even if the history holds a report for the same bytes and settings."));
    const QCommandLineOption langOpt(QStringLiteral("lang"), QStringLiteral("Language of the HTML report: en (default) or ru."),
                                     QStringLiteral("LANG"), QStringLiteral("en"));
    p.addOptions({jsonOpt, topOpt, pwOpt, maxListOpt, quietOpt, allowOpt, iocsOpt, configOpt, failOnOpt, noDetectOpt,
                  htmlOpt, bundleOpt, dbOpt, noHistoryOpt, refreshOpt, langOpt});
    if (!p.parse(args)) {
        err << "packetlens-cli analyze: " << p.errorText() << "\n";
        return Usage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        out << p.helpText();
        return Ok;
    }
    QStringList files = p.positionalArguments().mid(1);
    if (files.isEmpty()) {
        err << "packetlens-cli analyze: no capture file given (see --help)\n";
        return Usage;
    }
    bool okTop = false, okList = false;
    const int topN = p.value(topOpt).toInt(&okTop);
    const int maxList = p.value(maxListOpt).toInt(&okList);
    if (!okTop || topN < 1 || !okList || maxList < 1) {
        err << "packetlens-cli analyze: --top and --max-list take a positive number\n";
        return Usage;
    }
    auto detection = std::make_shared<DetectionSettings>();
    QString why;
    if (p.isSet(configOpt) && !detection->loadFile(p.value(configOpt), &why)) {
        err << "packetlens-cli: --config " << why << "\n";
        return Usage;
    }
    if (p.isSet(allowOpt) && !detection->allow.loadFile(p.value(allowOpt), &why)) {
        err << "packetlens-cli: --allow " << why << "\n";
        return Usage;
    }
    for (const QString &f : p.values(iocsOpt)) {
        if (!detection->iocs.loadFile(f, &why)) {
            err << "packetlens-cli: --iocs " << why << "\n";
            return Usage;
        }
    }
    Severity failOn = Severity::Critical;
    const bool failOnSet = p.isSet(failOnOpt);
    if (failOnSet && !parseSeverity(p.value(failOnOpt), failOn)) {
        err << "packetlens-cli: --fail-on takes info, low, medium, high or critical\n";
        return Usage;
    }
    bool failTriggered = false;
    std::unique_ptr<HistoryStore> store;
    if (!p.isSet(noHistoryOpt)) {
        store = std::make_unique<HistoryStore>(p.isSet(dbOpt) ? p.value(dbOpt) : HistoryStore::defaultPath());
        if (!store->open(&why)) {
            err << "packetlens-cli: history not recorded: " << why << "\n";
            store.reset();
        } else {
            for (const QString &w : store->warnings())
                err << "packetlens-cli: " << w << "\n";
        }
    }
    const QString jsonTarget = p.value(jsonOpt);
    const bool jsonToStdout = jsonTarget == QLatin1String("-");
    const bool quiet = p.isSet(quietOpt);

    std::signal(SIGINT, onSigint);
    ProgressLine progressLine;
    QJsonArray reports;
    int exitCode = Ok;
    for (const QString &file : files) {
        AnalysisRequest req;
        req.path = file;
        req.open.password = p.value(pwOpt);
        req.analyzer.limits.topN = topN;
        req.analyzer.limits.maxListItems = maxList;
        req.analyzer.detect = !p.isSet(noDetectOpt);
        req.analyzer.detection = detection;
        auto progress = [&](const AnalysisProgress &pr) {
            if (!quiet)
                progressLine.update(pr.name, pr.packets, pr.position, pr.total);
        };
        RecordOptions record;
        record.refresh = p.isSet(refreshOpt);
        record.progress = progress;
        const RecordedAnalysis recorded = analyzeAndRecord(req, store.get(), analysisSettingsHash(req.analyzer),
                                                           record, &g_cancel);
        const QList<AnalysisOutcome> &outcomes = recorded.outcomes;
        if (recorded.fromHistory && !quiet)
            err << "packetlens-cli: " << file << ": report from the history (analysis " << recorded.analysisId
                << "; --refresh analyzes again)\n";
        if (!recorded.historyError.isEmpty())
            err << "packetlens-cli: history not recorded: " << recorded.historyError << "\n";
        progressLine.clear();
        for (const AnalysisOutcome &o : outcomes) {
            switch (o.status) {
            case AnalysisOutcome::Status::Ok:
                reports.append(o.report);
                if (p.isSet(htmlOpt)) {
                    const QString path = numbered(p.value(htmlOpt), reports.size());
                    QString why;
                    if (!writeWholeFile(path, HtmlReport::render(o.report, p.value(langOpt)).toUtf8(), &why)) {
                        err << "packetlens-cli: " << why << "\n";
                        exitCode = std::max(exitCode, int(OutputFailed));
                    }
                }
                if (p.isSet(bundleOpt)) {
                    const QString path = numbered(p.value(bundleOpt), reports.size());
                    QString why;
                    if (!writeBundle(o.report, file, path, &why, req.open)) {
                        err << "packetlens-cli: cannot write the bundle " << path << ": " << why << "\n";
                        exitCode = std::max(exitCode, int(OutputFailed));
                    }
                }
                for (const QJsonValue &f : o.report.value(QStringLiteral("findings")).toArray()) {
                    Severity sv = Severity::Info;
                    parseSeverity(f.toObject().value(QStringLiteral("severity")).toString(), sv);
                    if (failOnSet && sv >= failOn)
                        failTriggered = true;
                }
                if (!quiet && !jsonToStdout)
                    printSummary(out, o.report, topN);
                break;
            case AnalysisOutcome::Status::Failed:
                err << "packetlens-cli: " << o.message << "\n";
                exitCode = std::max(exitCode, exitCodeFor(o.error));
                break;
            case AnalysisOutcome::Status::Cancelled:
                err << "packetlens-cli: " << o.message << "\n";
                exitCode = std::max(exitCode, int(Cancelled));
                break;
            }
        }
        err.flush();
        if (g_cancel)
            break;
    }
    if (!jsonTarget.isEmpty() && !reports.isEmpty()) {
        const QByteArray json = reports.size() == 1
                                    ? QJsonDocument(reports.first().toObject()).toJson(QJsonDocument::Indented)
                                    : QJsonDocument(reports).toJson(QJsonDocument::Indented);
        if (!writeJson(jsonTarget, json, err))
            exitCode = std::max(exitCode, int(OutputFailed));
    }
    if (exitCode == Ok && failTriggered)
        exitCode = FindingsAtSeverity;
    return exitCode;
}

} // namespace packetlens::cli
