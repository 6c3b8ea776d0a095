// SPDX-License-Identifier: GPL-3.0-or-later
// HTML report (self-contained, escaped), evidence.pcap (exactly the cited
// packets, re-read with libpcap) and the ZIP bundle.
#include "core/report/reportjson.h"
#include "core/export/bundle.h"
#include "core/export/evidencepcap.h"
#include "core/export/htmlreport.h"
#include "core/service/analysisservice.h"
#include "support/capturewriter.h"
#include "support/packetbuilder.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <pcap/pcap.h>

using namespace packetlens;
using namespace packetlens::test;
using PB = PacketBuilder;
using namespace tcpflags;

class TestExports : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_capture;
    QList<QByteArray> m_frames;
    Report m_report;

private slots:
    void initTestCase()
    {
        // Hostile strings everywhere a capture can put them, plus a port scan for findings.
        const QByteArray evilHttp = "GET /\"><img src=x onerror=alert(1)> HTTP/1.1\r\nHost: <script>alert('h')</script>\r\n"
                                    "User-Agent: </style><iframe src=//evil>\r\n\r\n";
        m_frames << PB::tcpFrame("10.0.0.5", 40000, "10.0.0.9", 22, Psh | Ack, 1, 1, evilHttp); // protocol_mismatch
        m_frames << PB::udpFrame("10.0.0.5", 5000, "10.0.0.53", 53, PB::dnsQuery(1, "<b>bold</b>.example.com"));
        m_frames << PB::tcpFrame("10.0.0.5", 40001, "1.2.3.4", 443, Psh | Ack, 1, 1, PB::tlsClientHello("x\"><svg onload=alert(1)>.example"));
        for (int p = 1; p <= 20; ++p)
            m_frames << PB::tcpFrame("10.0.0.66", 50000, "10.0.0.9", uint16_t(p), Syn, 7);
        m_frames << PB::udpFrame("10.0.0.5", 5001, "10.0.0.53", 53, PB::dnsQuery(2, "after.example.com"));
        QList<TestPacket> pk;
        int64_t ts = 1700000000000000000ll;
        for (const QByteArray &f : m_frames)
            pk << TestPacket{f, ts += 1000000, 0, 0};
        m_capture = m_dir.filePath(QStringLiteral("hostile.pcap"));
        QVERIFY(CaptureWriter::save(m_capture, CaptureWriter::pcap(pk)));
        AnalysisRequest req;
        req.path = m_capture;
        const QList<AnalysisOutcome> out = AnalysisService::analyze(req);
        QCOMPARE(out.size(), 1);
        m_report = out.first().report;
        QVERIFY(!m_report.findings().empty());
    }

    void htmlIsSelfContainedAndEscaped()
    {
        const QString html = HtmlReport::render(m_report);
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
        for (const char *bad : {"<script", "<img", "<iframe", "<svg onload", "<b>bold", "</style><iframe", "<link", "<a "})
            QVERIFY2(!html.contains(QLatin1String(bad), Qt::CaseInsensitive), bad);
        QVERIFY(html.contains(QStringLiteral("&lt;script&gt;")) || html.contains(QStringLiteral("&lt;b&gt;bold")));
        QVERIFY(html.contains(QStringLiteral("<svg role=\"img\""))); // inline charts
        QVERIFY(html.contains(QStringLiteral("port_scan")));
        QVERIFY(!html.contains(QStringLiteral(" href=")));
    }

    // Control characters (a NUL in a DNS name, escape sequences, C1 codes)
    // never reach the HTML: they are shown as \xNN.
    void controlCharactersNeverReachHtml()
    {
        QString hostile = QStringLiteral("a");
        for (const char16_t c : {u'\0', u'\x01', u'\x08', u'\x0b', u'\x0c', u'\x1b', u'\x7f', u'\x85', u'\x9f'})
            hostile += QChar(c);
        hostile += QStringLiteral("z<");
        const QString escaped = HtmlReport::escape(hostile);
        QCOMPARE(escaped, QStringLiteral("a\\x00\\x01\\x08\\x0b\\x0c\\x1b\\x7f\\x85\\x9fz&lt;"));
        QCOMPARE(HtmlReport::escape(QStringLiteral("tab\there\nline")), QStringLiteral("tab\there\nline")); // whitespace stays

        QList<TestPacket> pk;
        pk << TestPacket{PB::udpFrame("10.0.0.5", 5000, "10.0.0.53", 53, PB::dnsQuery(7, QString::fromLatin1("nul\0here.example", 16))),
                         1700000000000000000ll, 0, 0};
        const QString path = m_dir.filePath(QStringLiteral("nul.pcap"));
        QVERIFY(CaptureWriter::save(path, CaptureWriter::pcap(pk)));
        AnalysisRequest req;
        req.path = path;
        const QList<AnalysisOutcome> out = AnalysisService::analyze(req);
        QCOMPARE(out.size(), 1);
        bool named = false;
        for (const NamedCount &n : out.first().report.dns.topNames)
            named = named || n.name.contains(QChar(0));
        QVERIFY2(named, "the DNS name with a NUL is expected in the report");
        const QString html = HtmlReport::render(out.first().report);
        for (const QChar c : html)
            QVERIFY2(c.unicode() >= 0x20 || c == QLatin1Char('\n') || c == QLatin1Char('\t'), qPrintable(QString::number(c.unicode())));
        QVERIFY(html.contains(QStringLiteral("nul\\x00here")));
    }

    // Network health and the chronology (#19): the items with what they
    // usually mean, the timeline as inline SVG plus the list, escaped.
    void htmlHasHealthAndChronology()
    {
        QVERIFY(m_report.health.present && !m_report.timelineEvents.empty());
        const QString html = HtmlReport::render(m_report);
        QVERIFY(html.contains(QStringLiteral("<h2>Network health</h2>")));
        QVERIFY(html.contains(QStringLiteral("<h2>Chronology</h2>")));
        QVERIFY(html.contains(QStringLiteral("unanswered connection attempts")));
        QVERIFY(html.contains(QStringLiteral("<td title=\"first_query\">First DNS query</td>"))); // the kind's title, its id beside

        QVERIFY(html.contains(QStringLiteral("<circle "))); // event markers
        QVERIFY(!html.contains(QStringLiteral("<b>bold")));
        const QString ru = HtmlReport::render(m_report, QStringLiteral("ru"));
        QVERIFY(ru.contains(QStringLiteral("<h2>Состояние сети</h2>")) && ru.contains(QStringLiteral("<h2>Хронология</h2>")));
        QVERIFY(ru.contains(QStringLiteral("<td title=\"first_query\">Первый DNS-запрос</td>")));
    }

    // The files the capture carried, escaped, with the count of the rest.
    void htmlListsFiles()
    {
        QVERIFY(!HtmlReport::render(m_report).contains(QStringLiteral("<h2>Files</h2>"))); // none carried: no section
        Report r = m_report;
        r.objects.push_back({QStringLiteral("http"), 7, QStringLiteral("10.0.0.5"), QStringLiteral("<i>evil</i>.example"),
                             QStringLiteral("%1<script>x.exe"), QStringLiteral("application/octet-stream"), QStringLiteral("PE executable"),
                             2048, QStringLiteral("9475e5443f5581958175c3ec56994a5910e85f64d919631dbf61ef21e0baa859")});
        r.objectsOmitted = 3;
        const QString html = HtmlReport::render(r);
        QVERIFY(html.contains(QStringLiteral("<h2>Files</h2>")));
        QVERIFY(html.contains(QStringLiteral("9475e5443f5581958175c3ec56994a5910e85f64d919631dbf61ef21e0baa859")));
        QVERIFY(html.contains(QStringLiteral("%1&lt;script&gt;x.exe")));
        QVERIFY(html.contains(QStringLiteral("&lt;i&gt;evil&lt;/i&gt;.example")));
        QVERIFY(html.contains(QStringLiteral("PE executable (application/octet-stream)")));
        QVERIFY(html.contains(QStringLiteral("2.0 KiB")));
        QVERIFY(html.contains(QStringLiteral("3 more files are not listed.")));
        QVERIFY(!html.contains(QLatin1String("<script"), Qt::CaseInsensitive));
        const QString ru = HtmlReport::render(r, QStringLiteral("ru"));
        QVERIFY(ru.contains(QStringLiteral("<h2>Файлы</h2>")));
        QVERIFY(ru.contains(QStringLiteral("Ещё файлов не в списке: 3.")));
    }

    void htmlInRussian()
    {
        const QString html = HtmlReport::render(m_report, QStringLiteral("ru"));
        QVERIFY(html.contains(QStringLiteral("<html lang=\"ru\">")));
        QVERIFY(html.contains(QStringLiteral("Отчёт PacketLens")));
        QVERIFY(html.contains(QStringLiteral("Находки")));
        QVERIFY(!html.contains(QStringLiteral("<h2>Findings</h2>")));
        QVERIFY(!html.contains(QLatin1String("<script"), Qt::CaseInsensitive));
    }

    void evidencePcapHoldsExactlyTheCitedPackets()
    {
        const std::set<uint64_t> cited = citedPackets(m_report);
        QVERIFY(cited.size() >= 20);
        const QString out = m_dir.filePath(QStringLiteral("evidence.pcap"));
        const EvidenceResult r = writeEvidencePcap(m_capture, QStringLiteral("hostile.pcap"), cited, out);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.written, int(cited.size()));
        char err[PCAP_ERRBUF_SIZE];
        pcap_t *p = pcap_open_offline_with_tstamp_precision(QFile::encodeName(out).constData(), PCAP_TSTAMP_PRECISION_NANO, err);
        QVERIFY2(p, err);
        QCOMPARE(pcap_datalink(p), 1);
        pcap_pkthdr *h;
        const u_char *d;
        auto it = cited.begin();
        int n = 0;
        while (pcap_next_ex(p, &h, &d) == 1) {
            QVERIFY(it != cited.end());
            const QByteArray &orig = m_frames[int(*it) - 1];
            QCOMPARE(QByteArray(reinterpret_cast<const char *>(d), int(h->caplen)), orig);
            QCOMPARE(int64_t(h->ts.tv_sec) * 1000000000ll + h->ts.tv_usec, 1700000000000000000ll + int64_t(*it) * 1000000);
            ++it;
            ++n;
        }
        pcap_close(p);
        QCOMPARE(n, int(cited.size()));
    }

    void bundleHasReportHtmlEvidenceAndManifest()
    {
        const QString out = m_dir.filePath(QStringLiteral("bundle.zip"));
        QString why;
        QVERIFY2(writeBundle(m_report, m_capture, out, &why), qPrintable(why));
        QuaZip zip(out);
        QVERIFY(zip.open(QuaZip::mdUnzip));
        QHash<QString, QByteArray> files;
        for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
            QuaZipFile f(&zip);
            QVERIFY(f.open(QIODevice::ReadOnly));
            files.insert(zip.getCurrentFileName(), f.readAll());
        }
        QCOMPARE(QSet<QString>(files.keyBegin(), files.keyEnd()),
                 (QSet<QString>{"report.json", "report.html", "evidence.pcap", "manifest.json"}));
        const QJsonObject manifest = QJsonDocument::fromJson(files.value(QStringLiteral("manifest.json"))).object();
        for (const QJsonValue &v : manifest.value(QStringLiteral("files")).toArray()) {
            const QJsonObject f = v.toObject();
            const QByteArray data = files.value(f.value(QStringLiteral("name")).toString());
            QCOMPARE(f.value(QStringLiteral("sha256")).toString(),
                     QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex()));
        }
        QCOMPARE(QJsonDocument::fromJson(files.value(QStringLiteral("report.json"))).object(), ReportJson::toJson(m_report));
    }
};

QTEST_GUILESS_MAIN(TestExports)
#include "tst_exports.moc"
