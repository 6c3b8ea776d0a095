// SPDX-License-Identifier: GPL-3.0-or-later
// The Anomalies table's rows and the display filter that shows them: the
// filter a row gives matches exactly the packets the row counts (all of
// them, not only the first ones the report names), on a capture built here
// and on every fault capture of the shared corpus.
#include "core/flow/packetlistener.h"
#include "core/inspect/anomalyfilter.h"
#include "core/inspect/displayfilter.h"
#include "core/service/analysisservice.h"
#include "support/capturewriter.h"
#include "support/packetbuilder.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using namespace packetlens;
using namespace packetlens::test;

namespace {
// Each capture's rows, and for each row the packets its filter matches.
struct Check
{
    QString failure; // empty: every row's filter matched its count
    int rows = 0;
    qint64 beyondReport = 0; // packets matched that the report does not name
};

Check checkFile(const QString &path)
{
    Check out;
    AnalysisRequest req;
    req.path = path;
    req.analyzer.detect = false;
    const QList<AnalysisOutcome> first = AnalysisService::analyze(req);
    std::vector<std::vector<std::pair<DisplayFilter, std::set<qint64>>>> filters; // [capture][row]
    for (const AnalysisOutcome &o : first) {
        filters.emplace_back();
        if (o.status != AnalysisOutcome::Status::Ok)
            continue;
        for (const Anomaly &a : o.report.anomalies) {
            const QString text = anomalyFilter(a, o.report.anomalies);
            DisplayFilter f = DisplayFilter::parse(text);
            if (!f.isValid())
                return {QStringLiteral("%1: filter %2 invalid: %3").arg(path, text, f.error())};
            filters.back().emplace_back(std::move(f), std::set<qint64>{});
        }
    }
    // The same analysis again, each packet held against every row's filter.
    struct Matcher : PacketListener
    {
        std::vector<std::vector<std::pair<DisplayFilter, std::set<qint64>>>> *filters = nullptr;
        size_t capture = 0;
        void onCaptureStart(const CaptureStart &c) override { capture = size_t(c.index); }
        void onPacket(const PacketContext &pc) override
        {
            if (capture >= filters->size())
                return;
            for (auto &[f, hits] : (*filters)[capture])
                if (f.matches({pc.d, pc.number, pc.len, nullptr, &pc.expert}))
                    hits.insert(qint64(pc.number));
        }
    } matcher;
    matcher.filters = &filters;
    const QList<AnalysisOutcome> second = AnalysisService::analyze(req, nullptr, {}, &matcher);
    for (qsizetype c = 0; c < first.size(); ++c) {
        if (first[c].status != AnalysisOutcome::Status::Ok)
            continue;
        const std::vector<Anomaly> &rows = first[c].report.anomalies;
        for (size_t r = 0; r < rows.size(); ++r) {
            const std::set<qint64> &hits = filters[size_t(c)][r].second;
            const Anomaly &a = rows[r];
            ++out.rows;
            if (qint64(hits.size()) != a.count)
                return {QStringLiteral("%1: row %2/%3/%4 counts %5, its filter %6 matches %7")
                            .arg(path, a.kind, a.protocol, a.detail)
                            .arg(a.count)
                            .arg(anomalyFilter(a, rows))
                            .arg(hits.size())};
            for (qint64 p : a.packets)
                if (!hits.count(p))
                    return {QStringLiteral("%1: row %2 names packet %3, its filter misses it").arg(path, a.kind).arg(p)};
            out.beyondReport += qint64(hits.size() - a.packets.size());
        }
    }
    return out;
}
} // namespace

class TstAnomalyFilter : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void quoting()
    {
        QCOMPARE(quotedFilterText(QStringLiteral("a \"b\" \\c")), QStringLiteral("\"a \\\"b\\\" \\\\c\""));
        const Anomaly one{QStringLiteral("timestamp_out_of_order"), QStringLiteral("frame"), QStringLiteral("x"), 3, 0, {}};
        QCOMPARE(anomalyFilter(one, {one}), QStringLiteral("packetlens.anomaly == \"timestamp_out_of_order\""));
        Anomaly synFin{QStringLiteral("tcp_bad_flags"), QStringLiteral("tcp"), QStringLiteral("SYN and FIN set together"), 1, 0, {}};
        Anomaly null{QStringLiteral("tcp_bad_flags"), QStringLiteral("tcp"), QStringLiteral("no flags set (NULL)"), 1, 0, {}};
        QCOMPARE(anomalyFilter(synFin, {one, synFin, null}),
                 QStringLiteral("packetlens.anomaly == \"tcp_bad_flags\" && packetlens.anomaly.protocol == \"tcp\" && "
                                "packetlens.anomaly.detail == \"SYN and FIN set together\""));
    }

    // 130 packets out of order (more than the 50 a report names), two kinds
    // of impossible flags, TCP headers cut short, a land attack.
    void everyPacketOfEachRow()
    {
        QList<TestPacket> packets;
        const int64_t s = 1'700'000'000'000'000'000;
        int64_t t = s;
        for (int i = 0; i < 260; ++i) {
            t += (i % 2) ? -500'000'000 : 1'000'000'000; // every second packet older than the one before
            packets << TestPacket{PacketBuilder::udpFrame(QStringLiteral("10.0.0.5"), uint16_t(40000 + i), QStringLiteral("10.0.0.53"), 53,
                                                          PacketBuilder::dnsQuery(uint16_t(i), QStringLiteral("h%1.example").arg(i))),
                                  t};
        }
        t += 1'000'000'000;
        for (int i = 0; i < 3; ++i)
            packets << TestPacket{PacketBuilder::tcpFrame(QStringLiteral("10.0.0.9"), 5555, QStringLiteral("10.0.0.10"), 80,
                                                          tcpflags::Syn | tcpflags::Fin), t += 1000};
        for (int i = 0; i < 2; ++i)
            packets << TestPacket{PacketBuilder::tcpFrame(QStringLiteral("10.0.0.9"), 5556, QStringLiteral("10.0.0.10"), 80, 0), t += 1000};
        for (int i = 0; i < 4; ++i) {
            QByteArray cut = PacketBuilder::tcpFrame(QStringLiteral("10.0.0.9"), uint16_t(6000 + i), QStringLiteral("10.0.0.10"), 80,
                                                     tcpflags::Ack);
            cut.chop(10);
            packets << TestPacket{cut, t += 1000};
        }
        packets << TestPacket{PacketBuilder::tcpFrame(QStringLiteral("10.0.0.7"), 80, QStringLiteral("10.0.0.7"), 80, tcpflags::Syn), t += 1000};
        const QString path = m_dir.filePath(QStringLiteral("anomalies.pcap"));
        QVERIFY(CaptureWriter::save(path, CaptureWriter::pcap(packets)));
        const Check c = checkFile(path);
        QVERIFY2(c.failure.isEmpty(), qPrintable(c.failure));
        QVERIFY2(c.rows >= 5, qPrintable(QString::number(c.rows))); // out of order, two flag rows, malformed, land
        QCOMPARE(c.beyondReport, qint64(130 - 50));
    }

    void faultCorpus()
    {
        const QDir dir(QStringLiteral(PACKETLENS_CORPUS_DIR "/malformed"));
        if (!dir.exists())
            QSKIP("shared corpus not found (../shared/pcaps/malformed beside the checkout): skipped");
        int files = 0, rows = 0;
        qint64 beyond = 0;
        for (const QString &f : dir.entryList(QDir::Files, QDir::Name)) {
            const Check c = checkFile(dir.filePath(f));
            QVERIFY2(c.failure.isEmpty(), qPrintable(c.failure));
            ++files;
            rows += c.rows;
            beyond += c.beyondReport;
        }
        qInfo("%d fault captures, %d anomaly rows, %lld packets found by the filters beyond those the reports name", files, rows,
              static_cast<long long>(beyond));
        QVERIFY(rows > 0);
    }
};

QTEST_GUILESS_MAIN(TstAnomalyFilter)
#include "tst_anomalyfilter.moc"
