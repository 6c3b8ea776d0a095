// SPDX-License-Identifier: GPL-3.0-or-later
// Helper process for the history's fault and multi-process tests.
//   historystress PATH                 writes analyses in a loop, printing the id of
//                                      each one after its write committed, until killed
//   historystress PATH --die-at N:P    the same, but kills itself (SIGKILL) at point P
//                                      of the N-th write: "begin" (row running),
//                                      "finish:before-commit", "finish:after-commit"
//                                      (committed, not yet acknowledged)
//   historystress PATH --begin-and-exit [CAPTURE]
//                                      begins one analysis, prints its id, exits
//                                      without finishing it (a process that died)
//   historystress PATH --open-close    opens the database, reads, closes, exits
//   historystress PATH --claim-and-wait SHA256 SETTINGS_HASH
//                                      claims the analysis of SHA256 (this engine version),
//                                      prints its id, then waits for a line on standard
//                                      input: "finish" stores a report and exits; until
//                                      then (or killed) the analysis is running
// PATH may be a postgresql:// URI.
#include "core/util/versions.h"
#include "core/history/historystore.h"
#include "core/report/reportjson.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QStringList>

#include <csignal>
#include <cstdio>
#include <cstring>

using namespace packetlens;

namespace {
HistoryStore::CaptureInfo captureNo(int i)
{
    HistoryStore::CaptureInfo c;
    c.sha256 = QStringLiteral("%1").arg(qulonglong(QCoreApplication::applicationPid()) * 1000000 + i, 64, 10, QLatin1Char('0'));
    c.name = QStringLiteral("stress-%1.pcap").arg(i);
    return c;
}

Report reportNo(int i)
{
    QJsonArray findings;
    for (int f = 0; f < 5; ++f)
        findings.append(QJsonObject{{QStringLiteral("id"), QStringLiteral("F%1").arg(f + 1)},
                                    {QStringLiteral("category"), QStringLiteral("port_scan")},
                                    {QStringLiteral("severity"), QStringLiteral("high")},
                                    {QStringLiteral("source"), QStringLiteral("10.0.0.%1").arg(f)}});
    Report r;
    ReportJson::fromJson(QJsonObject{{QStringLiteral("schema"), QStringLiteral("packetlens.report/1")},
                                     {QStringLiteral("capture"), QJsonObject{{QStringLiteral("packets"), i}}},
                                     {QStringLiteral("findings"), findings},
                                     {QStringLiteral("padding"), QString(2000, QLatin1Char('x'))}},
                         &r);
    return r;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2)
        return 1;
    const QStringList args = app.arguments();
    HistoryStore store(args.at(1));
    QString why;
    if (!store.open(&why)) {
        std::fprintf(stderr, "%s\n", qPrintable(why));
        return 2;
    }
    const QString mode = args.value(2);
    if (mode == QLatin1String("--open-close")) {
        std::printf("%d\n", int(store.list(5).size()));
        return 0;
    }
    if (mode == QLatin1String("--begin-and-exit")) {
        HistoryStore::CaptureInfo c = captureNo(0);
        c.location = args.value(3); // optional: the capture's path, so that it can be re-run
        const qint64 cap = store.upsertCapture(c, &why);
        std::printf("%lld\n", store.beginAnalysis(cap, QStringLiteral("stress"), QStringLiteral("h"), &why));
        return 0;
    }
    if (mode == QLatin1String("--claim-and-wait")) {
        HistoryStore::CaptureInfo c;
        c.sha256 = args.value(3);
        c.name = QStringLiteral("claimed.pcap");
        const HistoryStore::Claim claim = store.claimAnalysis(c, engineVersion(), args.value(4), false, &why);
        if (claim.kind != HistoryStore::Claim::Kind::Claimed) {
            std::fprintf(stderr, "not claimed (%d): %s\n", int(claim.kind), qPrintable(why));
            return 4;
        }
        std::printf("%lld\n", claim.analysisId);
        std::fflush(stdout);
        char line[64] = {};
        if (!std::fgets(line, sizeof line, stdin) || std::strncmp(line, "finish", 6) != 0)
            return 5;
        if (!store.finishAnalysis(claim.analysisId, reportNo(7), &why)) {
            std::fprintf(stderr, "%s\n", qPrintable(why));
            return 3;
        }
        std::printf("done\n");
        return 0;
    }
    int dieAt = -1;
    QByteArray diePoint;
    if (mode == QLatin1String("--die-at")) {
        dieAt = args.value(3).section(QLatin1Char(':'), 0, 0).toInt();
        diePoint = args.value(3).section(QLatin1Char(':'), 1).toLatin1();
    }
    int current = -1;
    HistoryStore::setFaultHookForTesting([&](const char *where) {
        if (current == dieAt && diePoint == where)
            std::raise(SIGKILL);
    });
    for (int i = 0;; ++i) {
        current = i;
        const qint64 cap = store.upsertCapture(captureNo(i), &why);
        const qint64 id = store.beginAnalysis(cap, QStringLiteral("stress"), QStringLiteral("h"), &why);
        if (i == dieAt && diePoint == "begin")
            std::raise(SIGKILL);
        if (id < 0 || !store.finishAnalysis(id, reportNo(i), &why)) {
            std::fprintf(stderr, "%s\n", qPrintable(why));
            return 3;
        }
        std::printf("%lld\n", id);
        std::fflush(stdout);
    }
}
