// SPDX-License-Identifier: GPL-3.0-or-later
#include "historycommand.h"

#include "dboption.h"
#include "exitcodes.h"

#include "core/history/historystore.h"
#include "core/report/reportjson.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

namespace packetlens::cli {

namespace {
int listAnalyses(HistoryStore &store, int limit, bool json, QTextStream &out)
{
    const QJsonArray rows = store.list(limit, 0);
    if (json) {
        out << QJsonDocument(rows).toJson(QJsonDocument::Indented);
        return Ok;
    }
    out << QStringLiteral("%1  %2 %3 %4 %5  %6\n").arg(QStringLiteral("ID"), 5).arg(QStringLiteral("status"), -11)
               .arg(QStringLiteral("packets"), 10).arg(QStringLiteral("findings"), 8).arg(QStringLiteral("worst"), -8).arg(QStringLiteral("capture"));
    for (const QJsonValue &v : rows) {
        const QJsonObject o = v.toObject();
        out << QStringLiteral("%1  %2 %3 %4 %5  %6\n").arg(o.value(QStringLiteral("id")).toInteger(), 5)
                   .arg(o.value(QStringLiteral("status")).toString(), -11).arg(o.value(QStringLiteral("packets")).toInteger(), 10)
                   .arg(o.value(QStringLiteral("findings")).toInt(), 8).arg(o.value(QStringLiteral("max_severity")).toString(), -8)
                   .arg(o.value(QStringLiteral("file_name")).toString());
    }
    return Ok;
}

int showAnalysis(HistoryStore &store, qint64 id, bool json, QTextStream &out, QTextStream &err)
{
    const auto rec = store.show(id, true);
    if (!rec) {
        err << "packetlens-cli: no analysis " << id << " in " << store.path() << "\n";
        return Unreadable;
    }
    if (json) {
        out << QJsonDocument(*rec).toJson(QJsonDocument::Indented);
        return Ok;
    }
    for (auto it = rec->begin(); it != rec->end(); ++it)
        if (it.key() != QLatin1String("report"))
            out << it.key().leftJustified(16) << it.value().toVariant().toString() << "\n";
    Report report;
    if (ReportJson::fromJson(rec->value(QStringLiteral("report")).toObject(), &report))
        for (const ReportFinding &f : report.findings())
            out << "  " << severityName(f.severity).toUpper().leftJustified(9) << f.summary << "\n";
    return Ok;
}

int printStats(HistoryStore &store, bool json, QTextStream &out, QTextStream &err)
{
    QString why;
    const QJsonObject s = store.stats(10, &why);
    if (!why.isEmpty()) {
        err << "packetlens-cli: cannot read the statistics of " << store.path() << ": " << why << "\n";
        return Unreadable;
    }
    if (json) {
        out << QJsonDocument(s).toJson(QJsonDocument::Indented);
        return Ok;
    }
    out << "captures   " << s.value(QStringLiteral("captures")).toInteger() << "\n"
        << "analyses   " << s.value(QStringLiteral("analyses")).toInteger() << "\n"
        << "packets    " << s.value(QStringLiteral("packets")).toInteger() << "\n"
        << "bytes      " << s.value(QStringLiteral("bytes")).toInteger() << "\n";
    const QJsonObject sev = s.value(QStringLiteral("findings_by_severity")).toObject();
    out << "findings  ";
    for (auto it = sev.begin(); it != sev.end(); ++it)
        out << " " << it.key() << ":" << it.value().toInteger();
    out << "\ntop suspicious IPs\n";
    for (const QJsonValue &v : s.value(QStringLiteral("top_suspicious_ips")).toArray()) {
        const QJsonObject o = v.toObject();
        out << "  " << o.value(QStringLiteral("ip")).toString().leftJustified(40) << o.value(QStringLiteral("max_severity")).toString().leftJustified(9)
            << " in " << o.value(QStringLiteral("captures")).toInteger() << " capture(s)\n";
    }
    return Ok;
}
} // namespace

int runHistory(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("The history of analyses."));
    p.addHelpOption();
    p.addPositionalArgument(QStringLiteral("history"), QStringLiteral("The command."));
    p.addPositionalArgument(QStringLiteral("action"), QStringLiteral("list, show ID, delete ID, stats or recover."), QStringLiteral("ACTION [ID]"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption dbOpt = dbOption();
    const QCommandLineOption limitOpt(QStringLiteral("limit"), QStringLiteral("Entries to list (default 50)."), QStringLiteral("N"), QStringLiteral("50"));
    const QCommandLineOption graceOpt(QStringLiteral("grace"),
                                      QStringLiteral("recover: an analysis run by another machine counts as abandoned when its "
                                                     "heartbeat is older than this (default %1).").arg(HistoryStore::kDefaultGraceSeconds),
                                      QStringLiteral("SECONDS"), QString::number(HistoryStore::kDefaultGraceSeconds));
    p.addOptions({jsonOpt, dbOpt, limitOpt, graceOpt});
    if (!p.parse(args)) {
        err << "packetlens-cli history: " << p.errorText() << "\n";
        return Usage;
    }
    if (p.isSet(QStringLiteral("help"))) {
        out << p.helpText();
        return Ok;
    }
    const QStringList pos = p.positionalArguments().mid(1);
    const QString action = pos.value(0);
    const bool json = p.isSet(jsonOpt);
    const QString location = p.isSet(dbOpt) ? p.value(dbOpt) : HistoryStore::defaultPath();
    if (const std::optional<int> bad = checkDbLocation(location, QStringLiteral("history"), err))
        return *bad;
    HistoryStore store(location);
    QString why;
    if (!store.open(&why)) {
        err << "packetlens-cli: " << why << "\n";
        return Unreadable;
    }
    for (const QString &w : store.warnings())
        err << "packetlens-cli: " << w << "\n";
    bool idOk = false;
    const qint64 id = pos.value(1).toLongLong(&idOk);
    if ((action == QLatin1String("show") || action == QLatin1String("delete")) && !idOk) {
        err << "packetlens-cli history " << action << ": give the analysis ID (see 'history list')\n";
        return Usage;
    }
    if (action == QLatin1String("list"))
        return listAnalyses(store, p.value(limitOpt).toInt(), json, out);
    if (action == QLatin1String("show"))
        return showAnalysis(store, id, json, out, err);
    if (action == QLatin1String("delete")) {
        if (!store.remove(id, &why)) {
            err << "packetlens-cli: cannot delete analysis " << id << ": " << why << "\n";
            return Unreadable;
        }
        out << "deleted analysis " << id << "\n";
        return Ok;
    }
    if (action == QLatin1String("recover")) { // after a crash: analyses of stopped processes become interrupted
        bool okGrace = false;
        const int grace = p.value(graceOpt).toInt(&okGrace);
        if (!okGrace || grace < 0) {
            err << "packetlens-cli history recover: --grace takes a number of seconds\n";
            return Usage;
        }
        out << "marked " << store.recoverInterrupted(grace) << " analysis(es) interrupted\n";
        return Ok;
    }
    if (action == QLatin1String("stats"))
        return printStats(store, json, out, err);
    err << "packetlens-cli history: unknown action '" << action << "' (list, show ID, delete ID, stats, recover)\n";
    return Usage;
}

} // namespace packetlens::cli
