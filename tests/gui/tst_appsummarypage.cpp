// SPDX-License-Identifier: GPL-3.0-or-later
// The DNS · HTTP · TLS tab: each row's filter shows the number of packets
// the row counts, on captures of the shared corpus.
#include "guitestsupport.h"
#include "appsettings.h"
#include "appsummarypage.h"
#include "capturetab.h"
#include "mainwindow.h"
#include "packetlistmodel.h"

#include <QFile>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace packetlens;
using namespace packetlens::gui;
using namespace packetlens::gui::testing;

namespace {
QString corpus(const QString &name)
{
    return QStringLiteral(PACKETLENS_CORPUS_DIR "/real/") + name;
}

void leaves(QTreeWidgetItem *item, QList<QTreeWidgetItem *> *out)
{
    if (item->childCount() == 0 && !item->data(0, AppSummaryPage::FilterRole).toString().isEmpty())
        *out << item;
    for (int i = 0; i < item->childCount(); ++i)
        leaves(item->child(i), out);
}
} // namespace

class TstAppSummaryPage : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    bool m_corpus = false; // the shared captures are there (the rows' tests need them)

    // Opens the capture, then for every row: activating it filters the packet
    // list to as many packets as the row counts. Returns the rows' group titles.
    void checkRows(const QString &file, int atLeast, QStringList *groups)
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(corpus(file)));
        QTRY_VERIFY_WITH_TIMEOUT(!w.captureTabs().isEmpty() && idle(w) && w.captureTabs().first()->hasReport(), 60000);
        CaptureTab *t = w.captureTabs().first();
        QTreeWidget *tree = t->summaryPage()->tree();
        QList<QTreeWidgetItem *> rows;
        for (int i = 0; i < tree->topLevelItemCount(); ++i)
            leaves(tree->topLevelItem(i), &rows);
        QVERIFY2(rows.size() >= atLeast, qPrintable(QString::number(rows.size())));
        for (QTreeWidgetItem *row : rows) {
            t->showView(CaptureTab::SummaryView);
            emit tree->itemActivated(row, 0);
            const QString filter = row->data(0, AppSummaryPage::FilterRole).toString();
            QCOMPARE(t->views()->currentIndex(), int(CaptureTab::PacketsView));
            QCOMPARE(t->filterEdit()->text(), filter);
            QVERIFY(t->filterValid());
            QTRY_VERIFY_WITH_TIMEOUT(!t->isBusy() && !t->packetModel()->isIdentity(), 20000);
            QVERIFY2(t->packetModel()->rowCount() == row->data(0, AppSummaryPage::CountRole).toInt(),
                     qPrintable(QStringLiteral("%1: %2 packets, the row says %3")
                                    .arg(filter)
                                    .arg(t->packetModel()->rowCount())
                                    .arg(row->data(0, AppSummaryPage::CountRole).toInt())));
            *groups << row->parent()->text(0);
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(isolateApp(m_dir, QStringLiteral("PacketLensSummaryTest")));
        m_corpus = QFile::exists(corpus(QStringLiteral("arp_poisoning_mitm_http_dns.pcapng")));
    }

    void quotingKeepsTheText()
    {
        QCOMPARE(SummaryFilters::quoted(QStringLiteral("a \"b\" \\c")), QStringLiteral("\"a \\\"b\\\" \\\\c\""));
        QCOMPARE(SummaryFilters::dnsRcode(QStringLiteral("NXDOMAIN")), QStringLiteral("dns.flags.response == 1 && dns.flags.rcode == 3"));
        QCOMPARE(SummaryFilters::dnsQueryType(QStringLiteral("AAAA")), QStringLiteral("dns.flags.response == 0 && dns.qry.type == 28"));
        QVERIFY(SummaryFilters::tlsVersion(QStringLiteral("TLS 1.3")).contains(QLatin1String("supported_version == 0x0304")));
        QVERIFY(SummaryFilters::httpStatus(QStringLiteral("x")).isEmpty());
    }

    void dnsAndHttpRowsFilterTheirPackets()
    {
        if (!m_corpus)
            QSKIP("the shared corpus is not there");
        QStringList groups;
        checkRows(QStringLiteral("arp_poisoning_mitm_http_dns.pcapng"), 6, &groups);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(groups.contains(QStringLiteral("Queried names")));
        QVERIFY(groups.contains(QStringLiteral("User agents")));
        QVERIFY(groups.contains(QStringLiteral("Status codes")));
    }

    void tlsRowsFilterTheirPackets()
    {
        if (!m_corpus)
            QSKIP("the shared corpus is not there");
        QStringList groups;
        checkRows(QStringLiteral("tls_sni_ssl_gstatic_extensions.pcap"), 2, &groups);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(groups.contains(QStringLiteral("Server names (SNI)")));
        QVERIFY(groups.contains(QStringLiteral("Versions (negotiated)")));
    }

    void largerCapturesAgree_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *f : {"http_browsing_bro_org.pcap", "linktype_sll_mixed_http_dns_dhcp_arp.pcap",
                              "dns_udp_464pkts_llmnr_mdns.pcap", "tls_firefox_sni_www_ntop_org.pcap",
                              "mixed_vlan_cdp_tls_http_dns_icmp_dhcpv6.pcap"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }
    void largerCapturesAgree()
    {
        if (!m_corpus)
            QSKIP("the shared corpus is not there");
        QFETCH(QString, file);
        QStringList groups;
        checkRows(file, 1, &groups);
    }
};

QTEST_MAIN(TstAppSummaryPage)
#include "tst_appsummarypage.moc"
