// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario tests of DetectionEngine: the attack, and benign look-alikes that must
// not fire at medium or above.
#include "support/scenario.h"

#include <QJsonDocument>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

class TestDetectionEngine : public QObject
{
    Q_OBJECT
private slots:
    void iocsAndAllowList()
    {
        Scenario s;
        s.det->iocs.add(QStringLiteral("198.51.100.7"));
        s.det->iocs.add(QStringLiteral("evil-example.org"));
        s.det->allow.add(QStringLiteral("port_scan"));
        s.session("10.0.0.5", 40000, "198.51.100.7", 443, "x", "y");
        s.add(PB::udpFrame("10.0.0.6", 40001, "10.0.0.53", 53, PB::dnsQuery(5, "cdn.evil-example.org")));
        for (int p = 1; p <= 30; ++p)
            s.add(PB::tcpFrame("10.0.0.66", 50000, "10.0.0.9", uint16_t(p), Syn, 7));
        s.finish();
        const auto f = s.findings(QStringLiteral("ioc_match"));
        QCOMPARE(f.size(), 2);
        QVERIFY(s.findings(QStringLiteral("port_scan")).isEmpty());
        const QJsonObject sup = s.report.value(QStringLiteral("suppressed_findings")).toObject();
        QCOMPARE(sup.value(QStringLiteral("by_category")).toObject().value(QStringLiteral("port_scan")).toInt(), 1);
    }

    void thresholdsFromConfig()
    {
        DetectionSettings d;
        QString err;
        QVERIFY(d.merge(QJsonObject{{QStringLiteral("port_scan"), QJsonObject{{QStringLiteral("min_ports"), 500}}}}, &err));
        QCOMPARE(d.number("port_scan", "min_ports"), 500.0);
        QVERIFY(!d.merge(QJsonObject{{QStringLiteral("port_scan"), QJsonObject{{QStringLiteral("min_prots"), 5}}}}, &err));
        QVERIFY(err.contains(QStringLiteral("min_prots")));
        QVERIFY(!d.merge(QJsonObject{{QStringLiteral("nope"), QJsonObject{}}}, &err));
        // Thresholds are 0..1e9 (found by fuzzing: -5 and 1e308 overflowed the detectors' integer casts).
        for (const double bad : {-5.0, 1e308, 2e9})
            QVERIFY(!d.merge(QJsonObject{{QStringLiteral("dns_tunneling"), QJsonObject{{QStringLiteral("long_label"), bad}}}}, &err));
        QVERIFY2(err.contains(QStringLiteral("from 0 to 1000000000")), qPrintable(err));
        QVERIFY(d.merge(QJsonObject{{QStringLiteral("dns_tunneling"), QJsonObject{{QStringLiteral("long_label"), 0}}}}, &err));
    }
};

QTEST_GUILESS_MAIN(TestDetectionEngine)
#include "tst_detectionengine.moc"
