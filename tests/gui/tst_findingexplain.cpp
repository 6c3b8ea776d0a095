// SPDX-License-Identifier: GPL-3.0-or-later
// The Explain dialog's content (measurements in words with units, only the
// ones that crossed a threshold under "why", MITRE names, evidence "first 50
// of …" with filters for the cited packets and for all the finding's
// traffic), plurals in English and Russian, and the Zeek state legend.
#include "explaindialog.h"
#include "findingexplain.h"
#include "findingspage.h"
#include "i18n.h"
#include "reporttables.h"

#include "core/detect/detectionsettings.h"

#include <QApplication>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QTableView>
#include <QTreeWidget>

using namespace packetlens;
using namespace packetlens::gui;

namespace {
ReportFinding portScan()
{
    ReportFinding f;
    f.id = QStringLiteral("F1");
    f.category = QStringLiteral("port_scan");
    f.severity = Severity::High;
    f.source = QStringLiteral("10.0.0.1");
    f.targets = {QStringLiteral("10.0.0.2")};
    for (int p = 1; p <= 997; ++p)
        f.ports.push_back(p);
    f.count = 997;
    for (qint64 n = 1; n <= 50; ++n)
        f.evidencePackets.push_back(n * 2);
    f.metrics = QJsonObject{{QStringLiteral("ports_failed"), 997}, {QStringLiteral("max_ports_in_window"), 997},
                            {QStringLiteral("refused"), 4}, {QStringLiteral("unanswered"), 993},
                            {QStringLiteral("half_open"), 0}, {QStringLiteral("scan_type"), QStringLiteral("SYN scan")}};
    f.mitre = {QStringLiteral("T1046")};
    f.threshold = QStringLiteral("≥15 ports in 300 s");
    return f;
}

QStringList column(QTreeWidget *t, int c)
{
    QStringList out;
    for (int i = 0; i < t->topLevelItemCount(); ++i)
        out << t->topLevelItem(i)->text(c);
    return out;
}
} // namespace

class TstFindingExplain : public QObject
{
    Q_OBJECT
private slots:
    void init() { applyLanguage(QStringLiteral("en")); }
    void cleanupTestCase() { applyLanguage(QStringLiteral("en")); }

    void englishPlurals()
    {
        QCOMPARE(englishPlural(QStringLiteral("%n packet(s)"), 1), QStringLiteral("%n packet"));
        QCOMPARE(englishPlural(QStringLiteral("%n packet(s)"), 0), QStringLiteral("%n packets"));
        QCOMPARE(englishPlural(QStringLiteral("%n DNS query(ies)"), 2), QStringLiteral("%n DNS queries"));
        QCOMPARE(englishPlural(QStringLiteral("%n analysis(es) interrupted"), 3), QStringLiteral("%n analyses interrupted"));
        QCOMPARE(englishPlural(QStringLiteral("%n analysis(es) interrupted"), 1), QStringLiteral("%n analysis interrupted"));
        QCOMPARE(FindingExplain::countText(QStringLiteral("port_scan"), 1), QStringLiteral("1 port"));
        QCOMPARE(FindingExplain::countText(QStringLiteral("port_scan"), 997), QStringLiteral("997 ports"));
        QCOMPARE(FindingExplain::countText(QStringLiteral("arp_spoofing"), 2), QStringLiteral("2 ARP replies"));
    }

    void russianPlurals()
    {
        applyLanguage(QStringLiteral("ru"));
        QCOMPARE(FindingExplain::countText(QStringLiteral("port_scan"), 1), QStringLiteral("1 порт"));
        QCOMPARE(FindingExplain::countText(QStringLiteral("port_scan"), 3), QStringLiteral("3 порта"));
        QCOMPARE(FindingExplain::countText(QStringLiteral("port_scan"), 997), QStringLiteral("997 портов"));
        QCOMPARE(FindingExplain::countText(QStringLiteral("syn_flood"), 21), QStringLiteral("21 пакет"));
        QCOMPARE(FindingExplain::metricName(QStringLiteral("ports_failed")), QStringLiteral("Порты, ответившие отказом или молчанием"));
        QCOMPARE(FindingExplain::mitreText(QStringLiteral("T1110")), QStringLiteral("T1110 Подбор учётных данных (Brute Force)"));
    }

    // "Why" lists only what crossed a threshold, beside the threshold;
    // the other measurements are apart; units and names in words.
    void dialogSaysWhy()
    {
        const DetectionSettings settings;
        ExplainDialog d(portScan(), 6, settings);
        auto *why = d.findChild<QTreeWidget *>(QStringLiteral("metricsTree"));
        auto *other = d.findChild<QTreeWidget *>(QStringLiteral("otherTree"));
        QVERIFY(why && other);
        QCOMPARE(column(why, 0), (QStringList{QStringLiteral("Ports that failed"), QStringLiteral("Most ports in one window")}));
        QCOMPARE(column(why, 1), (QStringList{QStringLiteral("997"), QStringLiteral("997")}));
        QCOMPARE(column(why, 2), (QStringList{QStringLiteral("≥ 15"), QStringLiteral("≥ 15")}));
        const QStringList others = column(other, 0);
        QVERIFY2(others.contains(QStringLiteral("Probes refused (RST)")), qPrintable(others.join(u'|')));
        QVERIFY(others.contains(QStringLiteral("Scan type")));
        QVERIFY(!others.contains(QStringLiteral("Ports that failed")));
        QCOMPARE(d.findChild<QLabel *>(QStringLiteral("mitreValue"))->text(), QStringLiteral("T1046 Network Service Discovery"));
        QVERIFY(d.findChild<QLabel *>(QStringLiteral("evidenceValue"))->text().contains(QStringLiteral("the first 50 packets of a finding that counts 997 ports")));
    }

    // A flood's rate is held to min_rate, its answered share to a maximum:
    // both crossed, with their units; a share above the maximum would not be a reason.
    void unitsAndUpperBounds()
    {
        ReportFinding f;
        f.category = QStringLiteral("syn_flood");
        f.metrics = QJsonObject{{QStringLiteral("rate_pps"), 5000}, {QStringLiteral("answered_ratio"), 0.01},
                                {QStringLiteral("bytes"), 3000000}, {QStringLiteral("peak_window_packets"), 40}};
        const DetectionSettings settings;
        const auto reasons = findingReasons(f, settings);
        QStringList keys;
        for (const auto &r : reasons)
            keys << r.key;
        QCOMPARE(keys, (QStringList{QStringLiteral("rate_pps"), QStringLiteral("answered_ratio")})); // 40 < min_syns 50
        QCOMPARE(FindingExplain::metricValue(QStringLiteral("rate_pps"), 5000), QStringLiteral("5,000 packets/s"));
        QCOMPARE(FindingExplain::metricValue(QStringLiteral("answered_ratio"), 0.01), QStringLiteral("1.0 %"));
        QCOMPARE(FindingExplain::thresholdText(reasons[1]), QStringLiteral("≤ 20 %"));
        QVERIFY(FindingExplain::metricValue(QStringLiteral("bytes"), 3000000) == QStringLiteral("2.9 MiB"));
        f.metrics.insert(QStringLiteral("answered_ratio"), 0.5);
        QCOMPARE(int(findingReasons(f, settings).size()), 1);
    }

    // The evidence links filter the packet list: to the cited packets, or to
    // all the traffic between the finding's hosts (beyond the 50 cited).
    void evidenceLinks()
    {
        const DetectionSettings settings;
        const ReportFinding f = portScan();
        ExplainDialog d(f, 6, settings);
        QSignalSpy spy(&d, &ExplainDialog::filterRequested);
        auto *evidence = d.findChild<QLabel *>(QStringLiteral("evidenceValue"));
        emit evidence->linkActivated(QStringLiteral("scope"));
        emit evidence->linkActivated(QStringLiteral("cited"));
        QCOMPARE(spy.size(), 2);
        // 997 ports are too many to name: the filter is the two hosts' traffic.
        QCOMPARE(spy[0][0].toString(), QStringLiteral("ip.addr==10.0.0.1 && ip.addr==10.0.0.2"));
        QVERIFY(spy[1][0].toString().startsWith(QStringLiteral("frame.number in {2 4 6 ")));
        ReportFinding brute = f;
        brute.category = QStringLiteral("brute_force");
        brute.ports = {21};
        QCOMPARE(FindingExplain::scopeFilter(brute), QStringLiteral("ip.addr==10.0.0.1 && ip.addr==10.0.0.2 && (tcp.port==21 || udp.port==21)"));
        ReportFinding spoofed = f;
        spoofed.sourceUnknown = true;
        spoofed.source.clear();
        spoofed.targets = {QStringLiteral("example.com")};
        QCOMPARE(FindingExplain::scopeFilter(spoofed), QString());
    }

    // An empty list says so, and what was checked.
    void noFindingsSaysWhatWasChecked()
    {
        FindingsPage page;
        QVERIFY(page.emptyNote()->isHidden()); // no report yet
        page.setFindings({}, 6);
        QVERIFY(page.emptyNote()->isVisibleTo(&page));
        QVERIFY(page.view()->isHidden());
        QVERIFY(page.emptyNote()->text().contains(QStringLiteral("No findings")));
        QVERIFY(page.emptyNote()->text().contains(QStringLiteral("Port scan")));
        QVERIFY(page.emptyNote()->text().contains(QStringLiteral("Brute force")));
        page.setFindings({portScan()}, 6);
        QVERIFY(page.emptyNote()->isHidden());
        QVERIFY(page.view()->isVisibleTo(&page));
    }

    void zeekStateLegend()
    {
        QVERIFY(connStateText(QStringLiteral("SF")).contains(QStringLiteral("closed normally")));
        const QString legend = connStateText(QString());
        for (const char *code : {"S0", "S1", "SF", "REJ", "S2", "S3", "RSTO", "RSTR", "RSTOS0", "RSTRH", "SH", "SHR", "OTH"})
            QVERIFY2(legend.contains(QLatin1String(code) + QStringLiteral(" — ")), code);
        int digits = 6;
        ConversationModel model(conversationColumns(&digits));
        Conversation c;
        c.state = QStringLiteral("REJ");
        model.setRows({c});
        QVERIFY(model.index(0, 5).data(Qt::ToolTipRole).toString().startsWith(QStringLiteral("REJ — ")));
        QCOMPARE(model.headerData(5, Qt::Horizontal, Qt::ToolTipRole).toString(), legend);
    }
};

QTEST_MAIN(TstFindingExplain)
#include "tst_findingexplain.moc"
