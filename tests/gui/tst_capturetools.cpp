// SPDX-License-Identifier: GPL-3.0-or-later
// Follow TCP Stream, Export Objects and the packet list's relative TCP
// numbers, driven offscreen as a user would, on the shared corpus.
#include "guitestsupport.h"
#include "appsettings.h"
#include "capturetab.h"
#include "followdialog.h"
#include "mainwindow.h"
#include "objectsdialog.h"
#include "packetdetails.h"
#include "packetlistmodel.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>
#include <QtCharts/QChartView>
#include <QtCharts/QPieSeries>

using namespace packetlens;
using namespace packetlens::gui;
using namespace packetlens::gui::testing;

namespace {
QString corpus(const QString &name)
{
    return QStringLiteral(PACKETLENS_CORPUS_DIR "/real/") + name;
}

QTreeWidgetItem *findItem(QTreeWidgetItem *item, const QString &text)
{
    if (item->text(0) == text)
        return item;
    for (int i = 0; i < item->childCount(); ++i)
        if (QTreeWidgetItem *hit = findItem(item->child(i), text))
            return hit;
    return nullptr;
}
} // namespace

class TstCaptureTools : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QVERIFY(isolateApp(m_dir, QStringLiteral("PacketLensToolsTest")));
        if (!QFile::exists(corpus(QStringLiteral("ftp_anonymous_retr_epsv.pcap"))))
            QSKIP("the shared corpus is not there");
    }

    void relativeNumbersAndDetails()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(corpus(QStringLiteral("ftp_anonymous_retr_epsv.pcap"))));
        QTRY_VERIFY_WITH_TIMEOUT(!w.captureTabs().isEmpty() && idle(w), 60000);
        CaptureTab *t = w.captureTabs().first();
        // As tshark shows frame 9: relative numbers, the window scaled by the SYNs' factor.
        QCOMPARE(t->packetModel()->index(8, 6).data().toString(),
                 QStringLiteral("50736 \u2192 21 [ACK] Seq=17 Ack=155 Win=131600 Len=0 TSval=491856428 TSecr=85793894"));
        QCOMPARE(t->packetModel()->index(3, 6).data().toString(),
                 QStringLiteral("Response: 220 ftp.ncsa.illinois.edu FTP Server (Apache/2.2.3 (CentOS) PHP/5.1.6 mod_ftp/0.9.6) ready."));
        t->packetView()->setCurrentIndex(t->packetModel()->index(3, 0));
        auto *details = t->findChild<PacketDetails *>();
        QVERIFY(details);
        auto *tree = details->findChild<QTreeWidget *>();
        QVERIFY(tree);
        QTreeWidgetItem *code = nullptr;
        for (int i = 0; i < tree->topLevelItemCount() && !code; ++i)
            code = findItem(tree->topLevelItem(i), QStringLiteral("Response code: Service ready for new user (220)"));
        QVERIFY(code);
        QCOMPARE(code->statusTip(0), QStringLiteral("ftp.response.code"));
        // A filter that hides the packet clears its details.
        t->applyFilter(QStringLiteral("udp"));
        QTRY_VERIFY_WITH_TIMEOUT(!t->isBusy() && !t->packetModel()->isIdentity(), 20000);
        QCOMPARE(t->packetModel()->rowCount(), 0);
        QCOMPARE(tree->topLevelItemCount(), 0);
    }

    void followStreamShowsConversationAndFilters()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(corpus(QStringLiteral("ftp_anonymous_retr_epsv.pcap"))));
        QTRY_VERIFY_WITH_TIMEOUT(!w.captureTabs().isEmpty() && idle(w), 60000);
        CaptureTab *t = w.captureTabs().first();
        t->packetView()->setCurrentIndex(t->packetModel()->index(3, 0));
        FollowDialog *d = t->followCurrentStream();
        QVERIFY(d);
        QTRY_VERIFY_WITH_TIMEOUT(d->isLoaded(), 30000);
        QVERIFY(d->text().startsWith(QLatin1String("220 ftp.ncsa.illinois.edu FTP Server")));
        QVERIFY(d->text().contains(QLatin1String("USER anonymous\n331 Guest login ok")));
        QCOMPARE(t->filterEdit()->text(), QStringLiteral("tcp.stream eq 0"));
        QTRY_VERIFY_WITH_TIMEOUT(!t->isBusy() && !t->packetModel()->isIdentity(), 20000);
        QCOMPARE(t->packetModel()->rowCount(), 43); // tshark -z conv,tcp: 43 frames
        t->packetView()->setCurrentIndex(t->packetModel()->index(0, 0));
        t->applyFilter(QString());
        QTRY_VERIFY_WITH_TIMEOUT(!t->isBusy(), 20000);
        t->packetView()->setCurrentIndex(QModelIndex());
        QVERIFY(!t->followCurrentStream()); // nothing selected: no dialog
        d->close();
    }

    // A protocol slice's count and the filter its click applies give the same
    // number of packets (the packets whose top protocol it is).
    void sliceCountsAgreeWithTheirFilters()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(QStringLiteral(PACKETLENS_SAMPLE)));
        QTRY_VERIFY_WITH_TIMEOUT(!w.captureTabs().isEmpty() && idle(w), 60000);
        CaptureTab *t = w.captureTabs().first();
        t->showView(CaptureTab::DashboardView);
        auto *view = t->findChild<QChartView *>(QStringLiteral("protocolChart"));
        QVERIFY(view);
        QTRY_VERIFY(!view->chart()->series().isEmpty());
        auto *pie = qobject_cast<QPieSeries *>(view->chart()->series().first());
        QVERIFY(pie);
        int checked = 0;
        for (QPieSlice *slice : pie->slices()) {
            if (slice->label().startsWith(QLatin1String("other")))
                continue;
            const qsizetype open = slice->label().lastIndexOf(u'(');
            const int count = QLocale().toInt(slice->label().mid(open + 1).chopped(1));
            emit slice->clicked();
            QTRY_VERIFY_WITH_TIMEOUT(!t->isBusy() && !t->packetModel()->isIdentity(), 20000);
            QVERIFY2(t->packetModel()->rowCount() == count, qPrintable(slice->label() + QStringLiteral(" filters %1").arg(t->packetModel()->rowCount())));
            ++checked;
        }
        QVERIFY(checked >= 3);
    }

    void truncatedCaptureSaysSo()
    {
        QFile sample(QStringLiteral(PACKETLENS_SAMPLE));
        QVERIFY(sample.open(QIODevice::ReadOnly));
        const QByteArray bytes = sample.readAll();
        const QString cut = m_dir.filePath(QStringLiteral("cut.pcap"));
        QFile out(cut);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes.left(bytes.size() - 7)); // the last record cut short
        out.close();
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(cut));
        QTRY_VERIFY_WITH_TIMEOUT(!w.captureTabs().isEmpty() && idle(w), 60000);
        QLabel *banner = w.captureTabs().first()->truncatedBanner();
        QTRY_VERIFY(banner->isVisible());
        QVERIFY2(banner->text().contains(QLatin1String("byte")), qPrintable(banner->text()));
        w.openCapture(QStringLiteral(PACKETLENS_SAMPLE));
        QTRY_VERIFY_WITH_TIMEOUT(w.captureTabs().size() == 2 && idle(w), 60000);
        QVERIFY(w.captureTabs().last()->truncatedBanner()->isHidden());
        // Ctrl+PgUp/PgDn and Ctrl+1…9 switch tabs even with the focus in a table.
        w.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTabWidget *tabs = w.tabs();
        const int at = tabs->currentIndex();
        QTableView *list = w.captureTabs().last()->packetView();
        list->setFocus();
        QTest::keyClick(list, Qt::Key_PageUp, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), (at - 1 + tabs->count()) % tabs->count());
        QTest::keyClick(tabs->currentWidget(), Qt::Key_PageDown, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), at);
        QTest::keyClick(tabs->currentWidget(), Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(tabs->currentIndex(), 0);
    }

    void exportObjectsSavesWhatTsharkCarves()
    {
        auto *d = new ObjectsDialog(corpus(QStringLiteral("ftp_ipv6_anonymous.pcap")), QStringLiteral("ftp-data"));
        QTRY_VERIFY_WITH_TIMEOUT(d->isLoaded(), 30000);
        QCOMPARE(d->objectCount(), 2); // robots.txt fetched twice (EPSV, then EPRT); tshark lists one file of that name
        QTemporaryDir out;
        QString error;
        // tests/data (PACKETLENS_TEST_DATA names tests/gui/data here)
        QFile expected(QDir::cleanPath(QStringLiteral(PACKETLENS_TEST_DATA "/../../data/objects_expected.tsv")));
        QVERIFY(expected.open(QIODevice::ReadOnly));
        const QByteArray tsv = expected.readAll();
        const QStringList names{QStringLiteral("robots.txt"), QStringLiteral("robots.txt(1)")}; // the second never replaces the first
        QCOMPARE(d->saveInto(out.path(), {0, 1}, &error), names);
        for (const QString &name : names) {
            QFile f(QDir(out.path()).filePath(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray hash = QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
            QVERIFY(tsv.contains("ftp_ipv6_anonymous.pcap\tftp-data\t" + hash));
        }
        delete d;
    }
};

QTEST_MAIN(TstCaptureTools)
#include "tst_capturetools.moc"
