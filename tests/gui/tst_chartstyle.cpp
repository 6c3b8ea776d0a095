// SPDX-License-Identifier: GPL-3.0-or-later
// Chart style: byte values in kB/MB on axes and in tooltips, protocol colours
// stable per name, and the dashboard's byte-rate axis titled in its unit.
#include "guitestsupport.h"
#include "appsettings.h"
#include "capturetab.h"
#include "chartstyle.h"
#include "dashboard.h"
#include "i18n.h"
#include "mainwindow.h"

#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtCharts/QChartView>
#include <QtCharts/QValueAxis>

using namespace packetlens;
using namespace packetlens::gui;
using namespace packetlens::gui::testing;

class TstChartStyle : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale::c());
        QVERIFY(isolateApp(m_dir, QStringLiteral("PacketLensChartTest")));
    }

    void byteScales()
    {
        QCOMPARE(ChartStyle::byteScale(999).unit, QStringLiteral("B"));
        QCOMPARE(ChartStyle::byteScale(999).divisor, 1.0);
        QCOMPARE(ChartStyle::byteScale(1500).unit, QStringLiteral("kB"));
        QCOMPARE(ChartStyle::byteScale(1500).divisor, 1000.0);
        QCOMPARE(ChartStyle::byteScale(2.5e6).unit, QStringLiteral("MB"));
        QCOMPARE(ChartStyle::byteScale(7e9).unit, QStringLiteral("GB"));
        QCOMPARE(ChartStyle::byteScale(3e15).unit, QStringLiteral("TB")); // the largest unit
    }

    void bytesInWords()
    {
        QCOMPARE(ChartStyle::bytesText(512), QStringLiteral("512 B"));
        QCOMPARE(ChartStyle::bytesText(1234567), QStringLiteral("1.23 MB"));
        QCOMPARE(ChartStyle::bytesText(45600), QStringLiteral("45.6 kB"));
        QCOMPARE(ChartStyle::bytesText(456000), QStringLiteral("456 kB"));
        // In Russian: its units and decimal comma (#21).
        applyLanguage(QStringLiteral("ru"));
        QCOMPARE(ChartStyle::bytesText(45600), QStringLiteral("45,6 кБ"));
        QCOMPARE(ChartStyle::byteScale(2.5e6).unit, QStringLiteral("МБ"));
        applyLanguage(QStringLiteral("en"));
    }

    void protocolColoursAreStableAndDistinct()
    {
        QCOMPARE(ChartStyle::protocolColor(QStringLiteral("dns")), ChartStyle::paletteColor(5));
        // Others by a hash of the name that is the same in every run (FNV-1a of "somethingnew" % 19 is 0),
        // never the colour of "other".
        QCOMPARE(ChartStyle::protocolColor(QStringLiteral("somethingnew")), ChartStyle::paletteColor(0));
        QSet<QRgb> seen;
        for (const char *p : {"tcp", "tls", "http", "quic", "udp", "dns", "icmp", "arp"})
            seen.insert(ChartStyle::protocolColor(QLatin1String(p)).rgb());
        QCOMPARE(seen.size(), 8);
    }

    // The byte-rate chart's axis: values scaled into 0…1000 of the unit its
    // title names.
    void byteRateAxisInHumanUnits()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.openCapture(QStringLiteral(PACKETLENS_SAMPLE)));
        QTRY_VERIFY_WITH_TIMEOUT(!w.captureTabs().isEmpty() && !w.isAnalyzing() && w.captureTabs().first()->hasReport(), 60000);
        CaptureTab *t = w.captureTabs().first();
        t->showView(CaptureTab::DashboardView);
        QChart *c = t->dashboard()->byteRateView()->chart();
        QTRY_VERIFY(!c->series().isEmpty());
        QValueAxis *y = nullptr;
        for (QAbstractAxis *a : c->axes(Qt::Vertical))
            y = qobject_cast<QValueAxis *>(a);
        QVERIFY(y);
        QVERIFY2(QRegularExpression(QStringLiteral("^(B|kB|MB|GB)/s$")).match(y->titleText()).hasMatch(), qPrintable(y->titleText()));
        QVERIFY(y->max() <= 1100);
        QVERIFY(y->max() >= 1);
        QCOMPARE(t->dashboard()->trafficView()->chart()->axes(Qt::Vertical).first()->titleText(), QStringLiteral("packets/s"));
    }
};

QTEST_MAIN(TstChartStyle)
#include "tst_chartstyle.moc"
