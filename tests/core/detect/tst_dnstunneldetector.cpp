// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario tests of DnsTunnelDetector: the attack, and benign look-alikes that must
// not fire at medium or above.
#include "support/scenario.h"

#include <QJsonDocument>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

class TestDnsTunnelDetector : public QObject
{
    Q_OBJECT
private slots:
    void dnsTunnelAndNormalDns()
    {
        Scenario s;
        for (int i = 0; i < 300; ++i) {
            const QString label = QString::fromLatin1(QByteArray::number(qulonglong(i) * 2654435761ull, 36).repeated(4).left(56));
            s.add(PB::udpFrame("10.0.0.77", uint16_t(40000 + i), "10.0.0.53", 53,
                               PB::dnsQuery(uint16_t(i), QStringLiteral("%1.x.tunnel-example.net").arg(label), 16)), 500000000);
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("dns_tunneling"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("10.0.0.77"));
        QCOMPARE(f[0].value(QStringLiteral("targets")).toArray().first().toString(), QStringLiteral("tunnel-example.net"));
        QCOMPARE(f[0].value(QStringLiteral("severity")).toString(), QStringLiteral("high"));

        Scenario normal; // an internal domain with many short host names
        for (int i = 0; i < 600; ++i)
            normal.add(PB::udpFrame(ip(i % 100, 1), uint16_t(40000 + i), "10.0.0.53", 53,
                                    PB::dnsQuery(uint16_t(i), QStringLiteral("ws-%1.corp.example.com").arg(i % 250))), 100000000);
        normal.finish();
        QVERIFY2(normal.mediumOrAbove().isEmpty(), qPrintable(normal.mediumOrAbove()));
    }

    // The same names from several clients: the finding names the busiest as
    // its source but says the count is all of theirs (it said "<busiest>
    // sent 300 queries" though that host sent 120), and what it sent.
    void severalClientsAreSaidAsSeveral()
    {
        Scenario s;
        for (int i = 0; i < 300; ++i) {
            const QString label = QString::fromLatin1(QByteArray::number(qulonglong(i) * 2654435761ull, 36).repeated(4).left(56));
            const char *client = i % 5 < 2 ? "10.0.0.77" : i % 5 < 4 ? "10.0.0.78" : "10.0.0.79";
            s.add(PB::udpFrame(client, uint16_t(40000 + i), "10.0.0.53", 53,
                               PB::dnsQuery(uint16_t(i), QStringLiteral("%1.x.tunnel-example.net").arg(label), 16)), 500000000);
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("dns_tunneling"));
        QCOMPARE(f.size(), 1);
        const QString source = f[0].value(QStringLiteral("source")).toString();
        QVERIFY(source == QLatin1String("10.0.0.77") || source == QLatin1String("10.0.0.78"));
        const QJsonObject m = f[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject();
        QCOMPARE(m.value(QStringLiteral("clients")).toInt(), 3);
        QCOMPARE(m.value(QStringLiteral("source_queries")).toInt(), 120);
        const QString summary = f[0].value(QStringLiteral("summary")).toString();
        QVERIFY2(summary.startsWith(QLatin1String("3 clients sent 300 queries under tunnel-example.net (") + source
                                    + QLatin1String(" the most, 120)")),
                 qPrintable(summary));
        QVERIFY2(f[0].value(QStringLiteral("recommendation")).toString().contains(QLatin1String("the 3 clients")),
                 qPrintable(f[0].value(QStringLiteral("recommendation")).toString()));
        const QString said = renderMessage(Message::fromJson(f[0].value(QStringLiteral("summary_message"))), QStringLiteral("ru"));
        QVERIFY2(said.startsWith(QStringLiteral("Запросы в домене tunnel-example.net (300 шт.) отправили клиенты (всего 3;")), qPrintable(said));
    }

    // A tunnel in direct mode: names with no registered domain
    // ("dnscat.<hex>.<hex>") sent straight to the tunnel server. Each name
    // would be its own "domain"; grouped by the server they are one tunnel.
    void directModeTunnel()
    {
        Scenario s;
        for (int i = 0; i < 150; ++i) {
            const QString hex1 = QString::number(0x9a3b0000ull + uint64_t(i) * 7919, 16).repeated(2);
            const QString hex2 = QString::number(0x51e0c000ull + uint64_t(i) * 104729, 16).repeated(3);
            s.add(PB::udpFrame("10.0.0.13", uint16_t(33000 + i), "198.51.100.53", 53,
                               PB::dnsQuery(uint16_t(i), QStringLiteral("dnscat.%1.%2").arg(hex1, hex2), 16)));
        }
        for (int i = 0; i < 40; ++i) // ordinary lookups to the same resolver
            s.add(PB::udpFrame("10.0.0.14", uint16_t(34000 + i), "198.51.100.53", 53,
                               PB::dnsQuery(uint16_t(i), QStringLiteral("www%1.example.com").arg(i))));
        s.finish();
        const auto f = s.findings(QStringLiteral("dns_tunneling"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("10.0.0.13"));
        QCOMPARE(f[0].value(QStringLiteral("targets")).toArray(), QJsonArray{QStringLiteral("198.51.100.53")});
        QVERIFY(f[0].value(QStringLiteral("severity")).toString() == QLatin1String("high"));
    }
};

QTEST_GUILESS_MAIN(TestDnsTunnelDetector)
#include "tst_dnstunneldetector.moc"
