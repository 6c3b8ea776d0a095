// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario tests of DgaDetector: a host trying a domain generation
// algorithm's list, and look-alikes that must not fire (typos and blocked ad
// domains, a browser's intranet probes, a search suffix appended to random
// names, many refused names under one domain).
#include "core/detect/dgadetector.h"
#include "support/scenario.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

namespace {
// A query from `client` and its NXDOMAIN answer from the resolver.
void refused(Scenario &s, const QString &client, uint16_t id, const QString &name, int64_t gapNs = 2000000000)
{
    s.add(PB::udpFrame(client, uint16_t(40000 + id % 20000), QStringLiteral("10.0.0.53"), 53, PB::dnsQuery(id, name)), gapNs);
    s.add(PB::udpFrame(QStringLiteral("10.0.0.53"), 53, client, uint16_t(40000 + id % 20000), PB::dnsResponse(id, name, 3)),
          1000000);
}

QString randomLabel(QRandomGenerator &g, int n)
{
    QString s;
    for (int i = 0; i < n; ++i)
        s += QChar('a' + g.bounded(26));
    return s;
}
} // namespace

class TestDgaDetector : public QObject
{
    Q_OBJECT
private slots:
    void labelsThatLookGenerated()
    {
        for (const char *l : {"xjwqpzkdvb", "qhtrmxlpwz", "a1b2c3d4e5f6", "kqzxvbnmtr", "bcdfghjklmn"})
            QVERIFY2(DgaDetector::generatedLooking(l), l);
        for (const char *l : {"facebook", "microsoftonline", "googleusercontent", "cloudfront", "wikipedia", "example",
                              "amazon", "akamaiedge", "doubleclick", "windowsupdate", "2mdn", "20231207"})
            QVERIFY2(!DgaDetector::generatedLooking(l), l);
    }

    // Conficker-like: 60 random .com/.net/.org names in a few minutes, all refused.
    void generatedDomainsAreFound()
    {
        Scenario s;
        QRandomGenerator g(5);
        const char *tlds[] = {"com", "net", "org", "info", "biz"};
        for (int i = 0; i < 60; ++i) {
            // a consonant-heavy random label, as most DGAs make them
            QString label;
            for (int k = 0; k < 12; ++k)
                label += k % 4 == 2 ? QChar('a' + g.bounded(26)) : QChar("bcdfghjklmnpqrstvwxz"[g.bounded(20)]);
            refused(s, QStringLiteral("10.0.0.23"), uint16_t(i), label + QLatin1Char('.') + QLatin1String(tlds[i % 5]));
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("dga"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("10.0.0.23"));
        QCOMPARE(f[0].value(QStringLiteral("severity")).toString(), QStringLiteral("high"));
        const QJsonObject m = f[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject();
        QCOMPARE(m.value(QStringLiteral("nxdomain_domains")).toInt(), 60);
        QVERIFY(m.value(QStringLiteral("generated_looking_domains")).toInt() >= 50);
        QCOMPARE(f[0].value(QStringLiteral("targets")).toArray().size(), 5); // examples
        const QString said = renderMessage(Message::fromJson(f[0].value(QStringLiteral("summary_message"))), QStringLiteral("ru"));
        QVERIFY2(said.contains(QStringLiteral("сгенерированных на вид доменов")), qPrintable(said));
        QVERIFY(!f[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("packets")).toArray().isEmpty());
    }

    // The same names spread over a day (one an hour) are not a burst.
    void slowTriesAreNotABurst()
    {
        Scenario s;
        QRandomGenerator g(6);
        for (int i = 0; i < 30; ++i)
            refused(s, QStringLiteral("10.0.0.24"), uint16_t(i), randomLabel(g, 4) + QLatin1String("xzqk.com"), 3600 * kS);
        s.finish();
        QVERIFY(s.findings(QStringLiteral("dga")).isEmpty());
    }

    void lookAlikesAreNotDga()
    {
        Scenario s;
        QRandomGenerator g(9);
        // typos and blocked ad/tracker domains: real-looking names
        const char *names[] = {"gooogle.com", "faceboook.com", "doubleclick.net", "adservice.google.com", "trackingpixel.io",
                               "analytics-cdn.net", "adsystem.com", "metrics-collector.org", "newsletter.example.org",
                               "promotions.shop", "banners.media", "popunder.net", "clickstream.info"};
        uint16_t id = 0;
        for (int round = 0; round < 3; ++round)
            for (const char *n : names)
                refused(s, QStringLiteral("10.0.0.30"), id++, QString::fromLatin1(n), kS);
        for (int i = 0; i < 60; ++i) {
            // a browser's intranet-redirect probes (single labels), and the
            // same with the search suffix appended: one registered domain
            const QString probe = randomLabel(g, 10);
            refused(s, QStringLiteral("10.0.0.31"), id++, probe, kS);
            refused(s, QStringLiteral("10.0.0.31"), id++, probe + QLatin1String(".corp.example.com"), kS);
            // DNSBL lookups of random-looking names under one list
            refused(s, QStringLiteral("10.0.0.32"), id++, randomLabel(g, 12) + QLatin1String(".zen.spamhaus.org"), kS);
        }
        s.finish();
        QVERIFY2(s.findings(QStringLiteral("dga")).isEmpty(),
                 qPrintable(QString::fromUtf8(QJsonDocument(s.findings(QStringLiteral("dga")).value(0)).toJson())));
    }
};

QTEST_GUILESS_MAIN(TestDgaDetector)
#include "tst_dgadetector.moc"
