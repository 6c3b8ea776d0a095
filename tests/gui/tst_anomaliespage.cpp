// SPDX-License-Identifier: GPL-3.0-or-later
// The Anomalies tab and Properties' warnings on a capture made for the test:
// two packets older than the one before them and two with SYN and FIN set.
#include "guitestsupport.h"
#include "anomaliespage.h"
#include "appsettings.h"
#include "captureproperties.h"
#include "capturetab.h"
#include "mainwindow.h"
#include "packetlistmodel.h"

#include "support/capturewriter.h"
#include "support/packetbuilder.h"

#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace packetlens;
using namespace packetlens::gui;
using namespace packetlens::gui::testing;
using namespace packetlens::test;

namespace {
// Ten DNS queries one second apart, packets 4 and 7 stamped earlier than the
// packet before them; packets 11 and 12 are TCP with SYN and FIN.
QByteArray anomalousCapture()
{
    QList<TestPacket> packets;
    const int64_t s = 1'700'000'000'000'000'000;
    for (int i = 1; i <= 10; ++i) {
        const int64_t t = (i == 4 || i == 7) ? s + int64_t(i - 2) * 1'000'000'000 - 500'000'000 : s + int64_t(i) * 1'000'000'000;
        packets << TestPacket{PacketBuilder::udpFrame(QStringLiteral("10.0.0.5"), uint16_t(40000 + i), QStringLiteral("10.0.0.53"), 53,
                                                      PacketBuilder::dnsQuery(uint16_t(i), QStringLiteral("host%1.example").arg(i))),
                              t};
    }
    for (int i = 11; i <= 12; ++i)
        packets << TestPacket{PacketBuilder::tcpFrame(QStringLiteral("10.0.0.9"), 5555, QStringLiteral("10.0.0.10"), 80,
                                                      tcpflags::Syn | tcpflags::Fin),
                              s + int64_t(i) * 1'000'000'000};
    return CaptureWriter::pcap(packets);
}

int rowOfKind(AnomaliesPage *page, const QString &kind)
{
    for (int r = 0; r < page->model()->rowCount(); ++r)
        if (page->model()->row(r).kind == kind)
            return r;
    return -1;
}
} // namespace

class TstAnomaliesPage : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(isolateApp(m_dir, QStringLiteral("PacketLensAnomaliesTest")));
    }

    void rowsAndTheirPackets()
    {
        const QString path = m_dir.filePath(QStringLiteral("anomalies.pcap"));
        QVERIFY(CaptureWriter::save(path, anomalousCapture()));
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(path));
        QTRY_VERIFY_WITH_TIMEOUT(!w.captureTabs().isEmpty() && idle(w) && w.captureTabs().first()->hasReport(), 60000);
        CaptureTab *t = w.captureTabs().first();
        AnomaliesPage *page = t->anomaliesPage();
        QCOMPARE(page->total(), 4);
        QCOMPARE(t->views()->tabText(CaptureTab::AnomaliesView), QStringLiteral("Anomalies (4)"));

        const int order = rowOfKind(page, QStringLiteral("timestamp_out_of_order"));
        const int flags = rowOfKind(page, QStringLiteral("tcp_bad_flags"));
        QVERIFY(order >= 0 && flags >= 0);
        QCOMPARE(page->model()->rowCount(), 2);
        QCOMPARE(page->model()->index(order, 0).data().toString(), QStringLiteral("Timestamp out of order"));
        QCOMPARE(page->model()->index(order, 1).data().toString(), QStringLiteral("frame"));
        QCOMPARE(page->model()->index(order, 2).data().toString(), QStringLiteral("2"));
        QCOMPARE(page->model()->index(flags, 3).data().toString(), QStringLiteral("SYN and FIN set together"));

        // Double-click: the packet list shows that row's packets.
        t->showView(CaptureTab::AnomaliesView);
        auto *proxy = qobject_cast<QSortFilterProxyModel *>(page->view()->model());
        QVERIFY(proxy);
        emit page->view()->doubleClicked(proxy->mapFromSource(page->model()->index(order, 0)));
        QCOMPARE(t->views()->currentIndex(), int(CaptureTab::PacketsView));
        QCOMPARE(t->filterEdit()->text(), QStringLiteral("packetlens.anomaly == \"timestamp_out_of_order\""));
        QTRY_VERIFY_WITH_TIMEOUT(!t->isBusy() && !t->packetModel()->isIdentity(), 20000);
        QCOMPARE(t->packetModel()->rowCount(), 2);
        QCOMPARE(t->packetModel()->recordAt(0), 3u);
        QCOMPARE(t->packetModel()->recordAt(1), 6u);

        // Properties counts the anomalies among the warnings, not "0".
        QTreeWidget *props = t->properties()->tree();
        const QList<QTreeWidgetItem *> warnings = props->findItems(QStringLiteral("Warnings"), Qt::MatchExactly);
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.first()->text(1).contains(QLatin1String("4 anomalies")), qPrintable(warnings.first()->text(1)));
        QCOMPARE(warnings.first()->childCount(), 2);
    }

    void cleanCaptureSaysNone()
    {
        QList<TestPacket> packets;
        for (int i = 1; i <= 3; ++i)
            packets << TestPacket{PacketBuilder::udpFrame(QStringLiteral("10.0.0.5"), uint16_t(40000 + i), QStringLiteral("10.0.0.53"), 53,
                                                          PacketBuilder::dnsQuery(uint16_t(i), QStringLiteral("ok.example"))),
                                  1'700'000'000'000'000'000 + int64_t(i) * 1'000'000'000};
        const QString path = m_dir.filePath(QStringLiteral("clean.pcap"));
        QVERIFY(CaptureWriter::save(path, CaptureWriter::pcap(packets)));
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(path));
        QTRY_VERIFY_WITH_TIMEOUT(!w.captureTabs().isEmpty() && idle(w) && w.captureTabs().first()->hasReport(), 60000);
        CaptureTab *t = w.captureTabs().first();
        AnomaliesPage *page = t->anomaliesPage();
        QCOMPARE(page->model()->rowCount(), 0);
        auto *summary = page->findChild<QLabel *>(QStringLiteral("anomaliesSummary"));
        QVERIFY(summary);
        QVERIFY2(summary->text().startsWith(QLatin1String("No anomalies")), qPrintable(summary->text()));
        QCOMPARE(t->views()->tabText(CaptureTab::AnomaliesView), QStringLiteral("Anomalies (0)"));
        const QList<QTreeWidgetItem *> warnings = t->properties()->tree()->findItems(QStringLiteral("Warnings"), Qt::MatchExactly);
        QCOMPARE(warnings.size(), 1);
        QCOMPARE(warnings.first()->text(1), QStringLiteral("none"));
    }
};

QTEST_MAIN(TstAnomaliesPage)
#include "tst_anomaliespage.moc"
