// SPDX-License-Identifier: GPL-3.0-or-later
// The report's objects (ObjectLog, found in the analysis' one pass): the
// hashes of the files `tshark --export-objects` carves from the shared
// corpus (tests/data/objects_expected.tsv), and ioc_match on a listed hash.
#include "core/detect/indicatorlist.h"
#include "core/report/reportjson.h"
#include "core/service/analysisservice.h"

#include <QFile>
#include <QTest>

#include <map>
#include <set>

using namespace packetlens;

namespace {
QString corpus(const QString &name)
{
    return QStringLiteral(PACKETLENS_CORPUS_DIR "/real/") + name;
}

Report analyze(const QString &path, const QStringList &iocs = {}, int maxList = 1000)
{
    AnalysisRequest req;
    req.path = path;
    req.analyzer.limits.maxListItems = maxList;
    auto settings = std::make_shared<DetectionSettings>();
    for (const QString &i : iocs)
        settings->iocs.add(i);
    req.analyzer.detection = settings;
    const QList<AnalysisOutcome> out = AnalysisService::analyze(req);
    return out.isEmpty() ? Report() : out.first().report;
}

// download.html of http_wireshark_sample_http_cap.pcap, as tshark carves it.
const QString kDownloadHtml = QStringLiteral("9475e5443f5581958175c3ec56994a5910e85f64d919631dbf61ef21e0baa859");
} // namespace

class TstObjectLog : public QObject
{
    Q_OBJECT
private slots:
    void indicatorListTakesHashes()
    {
        IndicatorList l;
        l.add(kDownloadHtml.toUpper() + QStringLiteral(",download.html # from a feed"));
        l.add(kDownloadHtml.left(63)); // not a hash (nor a domain)
        QCOMPARE(l.size(), 1);
        QVERIFY(l.matchesSha256(kDownloadHtml));
        QVERIFY(l.matchesSha256(kDownloadHtml.toUpper()));
        QVERIFY(!l.matchesSha256(kDownloadHtml.left(63) + u'0'));
        IndicatorList none;
        QVERIFY(none.fingerprint() != l.fingerprint());
    }

    // Every file tshark carves is in the report with the same SHA-256 and size.
    void reportListsTsharksFiles()
    {
        if (!QFile::exists(corpus(QStringLiteral("http_browsing_bro_org.pcap"))))
            QSKIP("the shared corpus is not there");
        QFile f(QStringLiteral(PACKETLENS_TEST_DATA "/objects_expected.tsv"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        std::map<QString, std::multiset<std::pair<QString, qint64>>> expected;
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QList<QByteArray> c = line.split('\t');
            // tshark's SMTP.eml repeats part of the mail (docs/tshark-differences.md).
            const bool tsharkRepeats = c.value(0) == "smtp_auth_login_starttls_mail.pcap" && c.value(4) == "SMTP.eml";
            if (c.size() == 5 && !line.startsWith('#') && !tsharkRepeats)
                expected[QString::fromUtf8(c[0])].insert({QString::fromUtf8(c[2]), c[3].toLongLong()});
        }
        QCOMPARE(int(expected.size()), 6);
        for (const auto &[capture, files] : expected) {
            const Report r = analyze(corpus(capture));
            std::multiset<std::pair<QString, qint64>> ours;
            for (const ReportObject &o : r.objects) {
                ours.insert({o.sha256, o.sizeBytes});
                QVERIFY(o.packet > 0 && o.packet <= r.capture.packets);
                QVERIFY(!o.client.isEmpty());
            }
            for (const auto &file : files)
                QVERIFY2(ours.count(file) >= files.count(file),
                         qPrintable(capture + QStringLiteral(": tshark's ") + file.first + QStringLiteral(" not in the report")));
            QCOMPARE(r.objectsOmitted, 0);
            const std::optional<Report> back = ReportJson::fromBytes(ReportJson::toBytes(r, false));
            QVERIFY(back);
            QCOMPARE(back->objects, r.objects);
        }
    }

    void iocMatchOnFileHash()
    {
        const QString path = corpus(QStringLiteral("http_wireshark_sample_http_cap.pcap"));
        if (!QFile::exists(path))
            QSKIP("the shared corpus is not there");
        const Report plain = analyze(path);
        for (const ReportFinding &f : plain.findings())
            QVERIFY(f.category != QLatin1String("ioc_match"));
        const ReportObject *object = nullptr;
        for (const ReportObject &o : plain.objects)
            if (o.sha256 == kDownloadHtml)
                object = &o;
        QVERIFY(object);
        QCOMPARE(object->name, QStringLiteral("download.html"));
        QCOMPARE(object->protocol, QStringLiteral("http"));

        const Report r = analyze(path, {kDownloadHtml.toUpper()});
        const ReportFinding *hit = nullptr;
        for (const ReportFinding &f : r.findings())
            if (f.category == QLatin1String("ioc_match"))
                hit = &f;
        QVERIFY(hit);
        QCOMPARE(hit->targets, QStringList{kDownloadHtml});
        QCOMPARE(hit->source, object->client);
        QCOMPARE(hit->evidencePackets, std::vector<qint64>{object->packet});
        QCOMPARE(hit->metrics.value(QStringLiteral("object_name")).toString(), QStringLiteral("download.html"));
        QVERIFY(hit->summary.contains(QStringLiteral("download.html")));
        QCOMPARE(hit->mitre, QStringList{QStringLiteral("T1105")});
    }

    // The log keeps only the list's worth of objects however many a capture
    // carries: the ones of lowest frame, exactly those the full list starts
    // with; the rest are counted; a listed hash matches an unlisted file.
    void listIsBoundedAndMatchesStillCount()
    {
        const QString path = corpus(QStringLiteral("http_browsing_bro_org.pcap"));
        if (!QFile::exists(path))
            QSKIP("the shared corpus is not there");
        const Report full = analyze(path);
        QVERIFY2(full.objects.size() > 4, qPrintable(QString::number(full.objects.size())));
        for (size_t i = 1; i < full.objects.size(); ++i)
            QVERIFY(full.objects[i - 1].packet <= full.objects[i].packet);
        const ReportObject &last = full.objects.back();
        const Report few = analyze(path, {last.sha256}, 3);
        QCOMPARE(few.objects.size(), size_t(3));
        for (size_t i = 0; i < 3; ++i)
            QCOMPARE(few.objects[i], full.objects[i]);
        QCOMPARE(few.objectsOmitted, full.objectsOmitted + qint64(full.objects.size()) - 3);
        bool matched = false;
        for (const ReportFinding &f : few.findings())
            matched = matched || (f.category == QLatin1String("ioc_match") && f.targets == QStringList{last.sha256});
        QVERIFY2(matched, "a file past the list's cap was not matched by its hash");
    }
};

QTEST_GUILESS_MAIN(TstObjectLog)
#include "tst_objectlog.moc"
