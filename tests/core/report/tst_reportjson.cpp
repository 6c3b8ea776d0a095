// SPDX-License-Identifier: GPL-3.0-or-later
// The typed report and its one JSON form: writing, reading back, and the
// bytes every capture of the shared corpus gives (held against the reports
// the project wrote before the report was typed).
#include "core/report/reportjson.h"
#include "core/report/reportsummary.h"
#include "core/report/timeformat.h"
#include "core/service/analysisservice.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace packetlens;

namespace {
// A health section and timeline with every kind of field set.
void addHealth(Report &r)
{
    HealthSection &h = r.health;
    h.present = true;
    h.tcp.connections = 4;
    h.tcp.analysis = {{QStringLiteral("duplicate_ack"), 1}, {QStringLiteral("retransmission"), 3}};
    h.tcp.resets = 2;
    h.tcp.conversations.push_back({QStringLiteral("10.0.0.1"), QStringLiteral("10.0.0.2"), 1234, 80, 9, 900, 3,
                                   {{QStringLiteral("retransmission"), 3}}, 0.0125, 1700000000123456789ll,
                                   1700000001123456789ll, {4, 5, 6}});
    h.tcp.conversations.push_back(h.tcp.conversations.back());
    h.tcp.conversations.back().handshakeRttS.reset();
    h.tcp.hosts.push_back({QStringLiteral("10.0.0.1"), 3, {{QStringLiteral("retransmission"), 3}}, 1, 0, 2});
    h.latency.dns = {7, 0.012, 0.5, 0.75, true};
    h.latency.slowestServers.push_back({QStringLiteral("dns"), QStringLiteral("10.0.0.53"), {7, 0.012, 0.5, 0.75, false}});
    h.failures.dnsServfail = 2;
    h.failures.dnsServers.push_back({QStringLiteral("10.0.0.53"), {{QStringLiteral("servfail"), 2}}});
    h.failures.httpUris.push_back({QStringLiteral("example.com/x"), {{QStringLiteral("404"), 1}}});
    h.failures.dhcpClients.push_back({QStringLiteral("00:11:22:33:44:55"), {{QStringLiteral("no_ack"), 1}}});
    h.failures.largestFrame = 9000;
    h.load.peakNs = 1700000000000000000ll;
    h.load.peakBytes = 1500;
    h.load.topTalkers.push_back({QStringLiteral("10.0.0.1"), 9, 900, 1700000000000000000ll, 5, 500});
    h.load.fastestConversations.push_back({QStringLiteral("tcp"), QStringLiteral("10.0.0.1"), QStringLiteral("10.0.0.2"), 1234, 80, 900, 2.5, 360});
    h.load.broadcastShare = 0.25;
    h.items.push_back({QStringLiteral("tcp_retransmission"), QStringLiteral("note"), QString(), 3, QStringLiteral("3 retransmissions"),
                       QStringLiteral("loss"), QStringLiteral("tcp.analysis.retransmission"), 1700000000123456789ll,
                       1700000001123456789ll, {4, 5, 6}, {}});
    r.timelineEvents.push_back({1700000000123456789ll, 1700000001123456789ll, QStringLiteral("finding_start"), Severity::High,
                                QStringLiteral("F1 starts"), {QStringLiteral("10.0.0.1")}, QStringLiteral("F1"), {1, 2}, {}});
    r.timelineEvents.push_back({1700000001123456789ll, std::nullopt, QStringLiteral("capture_end"), Severity::Info,
                                QStringLiteral("Capture ends"), {}, {}, {}, {}});
    r.timelineOmitted = {{QStringLiteral("first_query"), 12}};
}

Report sampleReport()
{
    Report r;
    r.schema = QStringLiteral("packetlens.report/1");
    r.generatorName = QStringLiteral("PacketLens");
    r.generatorVersion = QStringLiteral("9.9");
    r.capture.fileName = QStringLiteral("a.zip/b.pcap");
    r.capture.format = QStringLiteral("pcap");
    r.capture.container = QStringLiteral("zip");
    r.capture.containerSha256 = QStringLiteral("ff");
    r.capture.containerSizeBytes = 77;
    r.capture.packets = 3;
    r.capture.firstNs = 1700000000123456789ll;
    r.capture.lastNs = 1700000001123456789ll;
    r.capture.timeDigits = 9;
    r.capture.linkTypes.push_back({1, QStringLiteral("EN10MB"), QStringLiteral("Ethernet"), 3});
    r.capture.warnings << QStringLiteral("w");
    r.endpoints.push_back({QStringLiteral("10.0.0.1"), 1, 2, 3, 4, 1700000000123456789ll, 1700000001123456789ll});
    r.conversations.push_back({QStringLiteral("tcp"), QStringLiteral("10.0.0.1"), QStringLiteral("10.0.0.2"), QStringLiteral("SF"),
                               1234, 80, 5, 500, 3, 2, 300, 200, 1700000000123456789ll, 1700000001123456789ll});
    r.conversationStates = {{QStringLiteral("SF"), 1}};
    r.dns.rcodes = {{QStringLiteral("NOERROR"), 2}};
    r.dns.topNames = {{QStringLiteral("example.com"), 2}};
    r.anomalies.push_back({QStringLiteral("malformed"), QStringLiteral("dns"), QStringLiteral("bad"), 4, 2, {1, 2}});
    ReportFinding f;
    f.id = QStringLiteral("F1");
    f.category = QStringLiteral("port_scan");
    f.severity = Severity::High;
    f.confidence = 0.87;
    f.source = QStringLiteral("10.0.0.1");
    f.targets << QStringLiteral("10.0.0.2");
    f.ports = {22, 80};
    f.firstNs = 1700000000123456789ll;
    f.lastNs = 1700000001123456789ll;
    f.evidencePackets = {1, 2};
    f.metrics.insert(QStringLiteral("ports"), 2);
    f.mitre << QStringLiteral("T1046");
    r.detection.findings.push_back(f);
    r.detection.suspiciousIps.push_back({QStringLiteral("10.0.0.1"), 66, Severity::High, {QStringLiteral("port_scan")}, {QStringLiteral("F1")}});
    r.detection.recommendations.push_back({1, QStringLiteral("port_scan"), Severity::High, QStringLiteral("t"), {QStringLiteral("F1")}});
    r.detection.suppressed = {2, {{QStringLiteral("beaconing"), 2}}};
    addHealth(r);
    return r;
}

// The bytes the CLI writes for a file: one report, or an array of them.
QByteArray cliBytes(const QList<AnalysisOutcome> &outcomes)
{
    std::vector<const Report *> ok;
    for (const AnalysisOutcome &o : outcomes)
        if (o.status == AnalysisOutcome::Status::Ok)
            ok.push_back(&o.report);
    if (ok.empty())
        return {};
    if (ok.size() == 1)
        return ReportJson::toBytes(*ok.front(), true);
    QJsonArray all;
    for (const Report *r : ok)
        all.append(ReportJson::toJson(*r));
    return QJsonDocument(all).toJson(QJsonDocument::Indented);
}
} // namespace

class TestReportJson : public QObject
{
    Q_OBJECT

private slots:
    void writesAndReadsBack()
    {
        const Report r = sampleReport();
        const QJsonObject json = ReportJson::toJson(r);
        QCOMPARE(json.value(QStringLiteral("capture")).toObject().value(QStringLiteral("first_ts")).toString(),
                 QStringLiteral("2023-11-14T22:13:20.123456789Z"));
        QCOMPARE(json.value(QStringLiteral("capture")).toObject().value(QStringLiteral("timestamp_precision")).toString(), QStringLiteral("ns"));
        QCOMPARE(json.value(QStringLiteral("findings")).toArray().first().toObject().value(QStringLiteral("severity")).toString(), QStringLiteral("high"));
        Report back;
        QString why;
        QVERIFY2(ReportJson::fromJson(json, &back, &why), qPrintable(why));
        QVERIFY(back == r);
        QCOMPARE(ReportJson::toJson(back), json);
    }

    void unknownFieldsSurviveAndForeignDocumentsAreRefused()
    {
        QJsonObject json = ReportJson::toJson(sampleReport());
        json.insert(QStringLiteral("weather"), QJsonObject{{QStringLiteral("from"), QStringLiteral("a newer PacketLens")}});
        Report r;
        QVERIFY(ReportJson::fromJson(json, &r));
        QCOMPARE(ReportJson::toJson(r), json);
        QString why;
        QVERIFY(!ReportJson::fromJson(QJsonObject{{QStringLiteral("name"), 1}}, &r, &why));
        QVERIFY(why.contains(QStringLiteral("not a PacketLens report")));
        QVERIFY(!ReportJson::fromBytes("{not json", &why));
    }

    void timestampsParseAtEveryPrecision()
    {
        for (int digits : {0, 3, 6, 9}) {
            const int64_t ns = 1279251572730147123ll;
            const QString text = isoTimestamp(ns, digits);
            int64_t back = 0;
            int got = -1;
            QVERIFY2(parseIsoTimestamp(text, &back, &got), qPrintable(text));
            QCOMPARE(got, digits);
            QCOMPARE(isoTimestamp(back, digits), text);
        }
        int64_t ns = 0;
        QVERIFY(!parseIsoTimestamp(QStringLiteral("2010-07-16 03:39:32Z"), &ns));
        // Outside the times an analysis writes (1824..2116): refused, not overflowed (found by fuzzing).
        QVERIFY(!parseIsoTimestamp(QStringLiteral("-1768-01-01T00:00:00Z"), &ns));
        QVERIFY(!parseIsoTimestamp(QStringLiteral("9999-12-31T23:59:59Z"), &ns));
        QVERIFY(!parseIsoTimestamp(QStringLiteral("99999-01-01T00:00:00Z"), &ns));
        QVERIFY(parseIsoTimestamp(QStringLiteral("1900-01-01T00:00:00Z"), &ns));
        QVERIFY(!parseIsoTimestamp(QStringLiteral("2010-07-16T03:39:32.1"), &ns));
    }

    void summaryCountsBySeverity()
    {
        Report r = sampleReport();
        ReportFinding low = r.detection.findings.front();
        low.severity = Severity::Low;
        low.category = QStringLiteral("beaconing");
        r.detection.findings.push_back(low);
        const ReportSummary s = ReportSummary::of(r);
        QCOMPARE(s.findings, 2);
        QCOMPARE(*s.maxSeverity, Severity::High);
        QCOMPARE(s.bySeverity[size_t(Severity::High)], 1);
        QCOMPARE(s.bySeverity[size_t(Severity::Low)], 1);
        QCOMPARE(s.categories, (QStringList{QStringLiteral("port_scan"), QStringLiteral("beaconing")}));
        QVERIFY(!ReportSummary::of(Report()).maxSeverity);
    }

    void severityNamesAndOrder()
    {
        QVERIFY(Severity::Info < Severity::Low && Severity::High < Severity::Critical);
        for (int i = 0; i < kSeverityCount; ++i)
            QCOMPARE(severityFromName(severityName(Severity(i)).toUpper()), std::optional<Severity>(Severity(i)));
        QVERIFY(!severityFromName(QStringLiteral("severe")));
    }

    // Every capture of ../shared/pcaps (real, apps, malformed): the report's
    // bytes are the ones recorded in tests/data/report_sha256.tsv (written by
    // the CLI before the report was typed, and updated only where a change
    // was meant to change a report), and reading them back gives the same bytes.
    void corpusReportsAreUnchanged()
    {
        const QString corpus = QStringLiteral(PACKETLENS_CORPUS_DIR);
        if (!QDir(corpus).exists())
            QSKIP("shared corpus not found (../shared/pcaps beside the checkout): skipped");
        QFile tsv(QStringLiteral(PACKETLENS_TEST_DATA "/report_sha256.tsv"));
        QVERIFY(tsv.open(QIODevice::ReadOnly));
        QMap<QString, QString> expected;
        for (const QByteArray &line : tsv.readAll().split('\n'))
            if (const QList<QByteArray> f = line.split('\t'); f.size() == 2)
                expected.insert(QString::fromUtf8(f[0]), QString::fromLatin1(f[1]));
        const bool update = qEnvironmentVariableIsSet("PACKETLENS_UPDATE_REPORT_SHA256");
        QMap<QString, QString> now;
        QStringList changed;
        for (const char *set : {"real", "apps", "malformed"}) {
            QDirIterator it(corpus + QLatin1Char('/') + QLatin1String(set), QDir::Files);
            QStringList files;
            while (it.hasNext())
                files << it.next();
            files.sort();
            for (const QString &path : std::as_const(files)) {
                AnalysisRequest req;
                req.path = path;
                const QByteArray bytes = cliBytes(AnalysisService::analyze(req));
                if (bytes.isEmpty())
                    continue;
                const QString key = QLatin1String(set) + QLatin1Char('/') + QFileInfo(path).fileName();
                now.insert(key, QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
                if (expected.value(key) != now.value(key))
                    changed << key;
                if (bytes.startsWith('{')) {
                    const std::optional<Report> back = ReportJson::fromBytes(bytes);
                    QVERIFY2(back && ReportJson::toBytes(*back, true) == bytes, qPrintable(key + QStringLiteral(": read back differs")));
                }
            }
        }
        if (update) {
            tsv.close();
            QFile out(QStringLiteral(PACKETLENS_TEST_DATA "/report_sha256.tsv"));
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            for (auto it = now.begin(); it != now.end(); ++it)
                out.write((it.key() + QLatin1Char('\t') + it.value() + QLatin1Char('\n')).toUtf8());
            qInfo("report_sha256.tsv rewritten: %lld reports, %lld changed", qlonglong(now.size()), qlonglong(changed.size()));
            return;
        }
        for (auto it = expected.begin(); it != expected.end(); ++it)
            if (!now.contains(it.key()))
                changed << it.key() + QStringLiteral(" (no report now)");
        QVERIFY2(changed.isEmpty(), qPrintable(QStringLiteral("%1 report(s) changed: %2").arg(changed.size()).arg(changed.mid(0, 20).join(u' '))));
    }
};

QTEST_GUILESS_MAIN(TestReportJson)
#include "tst_reportjson.moc"
