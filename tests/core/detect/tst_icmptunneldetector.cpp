// SPDX-License-Identifier: GPL-3.0-or-later
// Scenario tests of IcmpTunnelDetector: tunnels of both kinds (replies that
// carry other data; random-looking bulk data), and pings of every usual
// shape that must not fire.
#include "core/detect/icmptunneldetector.h"
#include "support/scenario.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

namespace {
// An Ethernet/IPv4 ICMP echo request or reply with `data` after its
// identifier and sequence number.
QByteArray echo(const QString &src, const QString &dst, bool request, uint16_t id, uint16_t seq, const QByteArray &data)
{
    QByteArray icmp(8, '\0');
    icmp[0] = char(request ? 8 : 0);
    icmp[4] = char(id >> 8);
    icmp[5] = char(id);
    icmp[6] = char(seq >> 8);
    icmp[7] = char(seq);
    return PB::ethernet(PB::ipv4(icmp + data, 1, src, dst), 0x0800);
}

QByteArray randomBytes(QRandomGenerator &g, int n)
{
    QByteArray b(n, '\0');
    for (char &c : b)
        c = char(g.bounded(256));
    return b;
}

// Linux ping's data: an 8-byte time stamp, then 0x10, 0x11, … (for -s N, N bytes).
QByteArray linuxPingData(int seq, int n)
{
    QByteArray b(n, '\0');
    for (int i = 0; i < n; ++i)
        b[i] = char(i < 8 ? (seq * 37 + i * 11) & 0xff : i);
    return b;
}

QJsonObject metricsOf(const QJsonObject &f)
{
    return f.value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject();
}
} // namespace

class TestIcmpTunnelDetector : public QObject
{
    Q_OBJECT
private slots:
    // icmpsh/ptunnel: the inside host asks, the outside one answers with
    // other data (commands, or the proxied connection's bytes).
    void repliesWithOtherDataAreATunnel()
    {
        Scenario s;
        QRandomGenerator g(7);
        for (int i = 0; i < 60; ++i) {
            const QByteArray out = QByteArray("ls -la /home/user; id; uname -a ").repeated(1 + i % 5);
            s.add(echo(QStringLiteral("10.0.0.5"), QStringLiteral("203.0.113.9"), true, 0x4242, uint16_t(i), out), 200000000);
            s.add(echo(QStringLiteral("203.0.113.9"), QStringLiteral("10.0.0.5"), false, 0x4242, uint16_t(i),
                       randomBytes(g, 100 + 13 * (i % 7))),
                  20000000);
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("icmp_tunneling"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("10.0.0.5"));
        QCOMPARE(f[0].value(QStringLiteral("targets")).toArray().first().toString(), QStringLiteral("203.0.113.9"));
        QCOMPARE(f[0].value(QStringLiteral("severity")).toString(), QStringLiteral("high"));
        const QJsonObject m = metricsOf(f[0]);
        QCOMPARE(m.value(QStringLiteral("requests")).toInt(), 60);
        QCOMPARE(m.value(QStringLiteral("replies")).toInt(), 60);
        QCOMPARE(m.value(QStringLiteral("replies_matched")).toInt(), 60);
        QCOMPARE(m.value(QStringLiteral("replies_differing")).toInt(), 60);
        const QString summary = f[0].value(QStringLiteral("summary")).toString();
        QVERIFY2(summary.contains(QLatin1String("60 of 60 replies carry other data than their request")), qPrintable(summary));
        const QString said = renderMessage(Message::fromJson(f[0].value(QStringLiteral("summary_message"))), QStringLiteral("ru"));
        QVERIFY2(said.contains(QStringLiteral("несут не те данные")), qPrintable(said));
        QVERIFY(!f[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("packets")).toArray().isEmpty());
    }

    // A tunnel whose replies echo (or that sends requests only): kilobytes of
    // encrypted data in echo requests.
    void randomBulkDataIsATunnel()
    {
        Scenario s;
        QRandomGenerator g(11);
        for (int i = 0; i < 80; ++i) {
            const QByteArray data = randomBytes(g, 200 + 37 * (i % 30));
            s.add(echo(QStringLiteral("10.0.0.6"), QStringLiteral("198.51.100.4"), true, 0x0101, uint16_t(i), data), 50000000);
            s.add(echo(QStringLiteral("198.51.100.4"), QStringLiteral("10.0.0.6"), false, 0x0101, uint16_t(i), data), 1000000);
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("icmp_tunneling"));
        QCOMPARE(f.size(), 1);
        const QJsonObject m = metricsOf(f[0]);
        QCOMPARE(m.value(QStringLiteral("replies_differing")).toInt(), 0);
        QVERIFY(m.value(QStringLiteral("random_payloads")).toInt() >= 150);
        QCOMPARE(f[0].value(QStringLiteral("severity")).toString(), QStringLiteral("medium"));
    }

    // Pings as they come: Linux (time stamp and a counting pattern, also
    // with -s 1400), Windows (the alphabet), a long monitoring ping, an MTU
    // probe with growing sizes, nmap's empty echo requests to many hosts.
    // None is a tunnel.
    void pingsAreNotTunnels()
    {
        Scenario s;
        for (int i = 0; i < 300; ++i) { // Linux ping, 56 and 1400 bytes
            s.add(echo(QStringLiteral("10.0.0.7"), QStringLiteral("8.8.8.8"), true, 0x77, uint16_t(i), linuxPingData(i, 56)), kS);
            s.add(echo(QStringLiteral("8.8.8.8"), QStringLiteral("10.0.0.7"), false, 0x77, uint16_t(i), linuxPingData(i, 56)), 20000000);
            s.add(echo(QStringLiteral("10.0.0.8"), QStringLiteral("1.1.1.1"), true, 0x78, uint16_t(i), linuxPingData(i, 1400)), 1000000);
            s.add(echo(QStringLiteral("1.1.1.1"), QStringLiteral("10.0.0.8"), false, 0x78, uint16_t(i), linuxPingData(i, 1400)), 1000000);
        }
        const QByteArray windows = QByteArray("abcdefghijklmnopqrstuvwabcdefghi");
        for (int i = 0; i < 100; ++i) {
            s.add(echo(QStringLiteral("10.0.0.9"), QStringLiteral("10.0.0.1"), true, 1, uint16_t(i), windows), kS);
            s.add(echo(QStringLiteral("10.0.0.1"), QStringLiteral("10.0.0.9"), false, 1, uint16_t(i), windows), 1000000);
        }
        for (int size = 1200; size <= 1472; size += 8) { // path MTU probing
            const QByteArray data(size, char(0xab));
            s.add(echo(QStringLiteral("10.0.0.10"), QStringLiteral("192.0.2.50"), true, 9, uint16_t(size), data), 100000000);
            s.add(echo(QStringLiteral("192.0.2.50"), QStringLiteral("10.0.0.10"), false, 9, uint16_t(size), data), 1000000);
        }
        for (int h = 1; h < 250; ++h) // nmap -sn: empty echo requests
            s.add(echo(QStringLiteral("10.0.0.11"), QStringLiteral("10.1.0.%1").arg(h), true, 0x1234, 0, {}), 1000000);
        s.finish();
        QVERIFY2(s.findings(QStringLiteral("icmp_tunneling")).isEmpty(),
                 qPrintable(QString::fromUtf8(QJsonDocument(s.findings(QStringLiteral("icmp_tunneling")).value(0)).toJson())));
    }

    void randomnessTest()
    {
        QRandomGenerator g(3);
        const QByteArray random = randomBytes(g, 300);
        QVERIFY(IcmpTunnelDetector::randomLooking(reinterpret_cast<const uint8_t *>(random.constData()), size_t(random.size())));
        const QByteArray pattern = linuxPingData(5, 1400);
        QVERIFY(!IcmpTunnelDetector::randomLooking(reinterpret_cast<const uint8_t *>(pattern.constData()), size_t(pattern.size())));
        const QByteArray text = QByteArray("total 48\ndrwxr-xr-x 5 user user 4096 Dec  7 10:00 .\n").repeated(4);
        QVERIFY(!IcmpTunnelDetector::randomLooking(reinterpret_cast<const uint8_t *>(text.constData()), size_t(text.size())));
    }
};

QTEST_GUILESS_MAIN(TestIcmpTunnelDetector)
#include "tst_icmptunneldetector.moc"
