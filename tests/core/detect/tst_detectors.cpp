// Scenario captures built packet by packet: for each detector a positive case
// and a benign look-alike that must not fire at medium or above.
#include "core/report/reportjson.h"
#include "core/service/captureanalysis.h"
#include "support/packetbuilder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;
using PB = PacketBuilder;
using namespace tcpflags;

namespace {
constexpr int64_t kS = 1000000000;

struct Scenario
{
    AnalyzerSettings settings;
    std::unique_ptr<CaptureAnalysis> a;
    int64_t ts = 1700000000ll * kS;
    uint64_t n = 0;
    std::shared_ptr<DetectionSettings> det = std::make_shared<DetectionSettings>();
    QJsonObject report;

    CaptureAnalysis &an()
    {
        if (!a) {
            settings.detection = det;
            a = std::make_unique<CaptureAnalysis>(settings);
        }
        return *a;
    }
    void at(int64_t t) { ts = t; }
    void add(const QByteArray &frame, int64_t stepNs = 1000000)
    {
        ts += stepNs;
        RawPacket p;
        p.tsSec = ts / kS;
        p.tsNsec = uint32_t(ts % kS);
        p.caplen = p.len = uint32_t(frame.size());
        p.linkType = 1;
        p.data = reinterpret_cast<const uint8_t *>(frame.constData());
        an().addPacket(p);
        ++n;
    }
    // A complete TCP session: handshake, request and response payloads, FIN.
    void session(const QString &c, uint16_t cp, const QString &s, uint16_t sp, const QByteArray &req = {},
                 const QByteArray &resp = {}, int64_t step = 1000000)
    {
        uint32_t cs = 1000, ss = 5000;
        add(PB::tcpFrame(c, cp, s, sp, Syn, cs++), step);
        add(PB::tcpFrame(s, sp, c, cp, Syn | Ack, ss++, cs), step);
        add(PB::tcpFrame(c, cp, s, sp, Ack, cs, ss), step);
        if (!req.isEmpty()) {
            add(PB::tcpFrame(c, cp, s, sp, Psh | Ack, cs, ss, req), step);
            cs += uint32_t(req.size());
        }
        if (!resp.isEmpty()) {
            add(PB::tcpFrame(s, sp, c, cp, Psh | Ack, ss, cs, resp), step);
            ss += uint32_t(resp.size());
        }
        add(PB::tcpFrame(c, cp, s, sp, Fin | Ack, cs, ss), step);
        add(PB::tcpFrame(s, sp, c, cp, Fin | Ack, ss, cs + 1), step);
        add(PB::tcpFrame(c, cp, s, sp, Ack, cs + 1, ss + 1), step);
    }
    QJsonObject finish()
    {
        CaptureMeta m;
        m.timestampDigits = 6;
        report = ReportJson::toJson(an().finish(m));
        return report;
    }
    QList<QJsonObject> findings(const QString &category) const
    {
        QList<QJsonObject> out;
        for (const QJsonValue &v : report.value(QStringLiteral("findings")).toArray())
            if (v.toObject().value(QStringLiteral("category")).toString() == category)
                out << v.toObject();
        return out;
    }
    // Nothing at medium or above (the bar for benign look-alikes).
    QString mediumOrAbove() const
    {
        QStringList bad;
        for (const QJsonValue &v : report.value(QStringLiteral("findings")).toArray()) {
            const QString sev = v.toObject().value(QStringLiteral("severity")).toString();
            if (sev == QLatin1String("medium") || sev == QLatin1String("high") || sev == QLatin1String("critical"))
                bad << v.toObject().value(QStringLiteral("summary")).toString();
        }
        return bad.join(QStringLiteral(" | "));
    }
};

QString ip(int a, int b) { return QStringLiteral("10.%1.%2.%3").arg(a / 250).arg(a % 250 + 1).arg(b % 250 + 1); }
} // namespace

class TestDetectors : public QObject
{
    Q_OBJECT
private slots:
    void portScanPositive()
    {
        Scenario s;
        for (int p = 1; p <= 120; ++p) {
            s.add(PB::tcpFrame("10.0.0.66", 50000, "10.0.0.9", uint16_t(p), Syn, 7));
            if (p != 22)
                s.add(PB::tcpFrame("10.0.0.9", uint16_t(p), "10.0.0.66", 50000, Rst | Ack, 0, 8));
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("port_scan"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("10.0.0.66"));
        QCOMPARE(f[0].value(QStringLiteral("targets")).toArray().first().toString(), QStringLiteral("10.0.0.9"));
        QCOMPARE(f[0].value(QStringLiteral("count")).toInt(), 120);
        QCOMPARE(f[0].value(QStringLiteral("severity")).toString(), QStringLiteral("medium"));
        QCOMPARE(f[0].value(QStringLiteral("mitre_attack")).toArray().first().toString(), QStringLiteral("T1046"));
        QCOMPARE(f[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("packets")).toArray().first().toInt(), 1);
        QVERIFY(f[0].value(QStringLiteral("summary")).toString().contains(QStringLiteral("probed 120 ports")));
        QVERIFY(s.findings(QStringLiteral("syn_flood")).isEmpty());
        const QJsonArray sus = s.report.value(QStringLiteral("suspicious_ips")).toArray();
        QCOMPARE(sus.first().toObject().value(QStringLiteral("ip")).toString(), QStringLiteral("10.0.0.66"));
        QVERIFY(!s.report.value(QStringLiteral("recommendations")).toArray().isEmpty());
    }

    void xmasScan()
    {
        Scenario s;
        for (int p = 1; p <= 30; ++p)
            s.add(PB::tcpFrame("10.0.0.66", 50000, "10.0.0.9", uint16_t(p), Fin | Psh | 0x20, 7));
        s.finish();
        const auto f = s.findings(QStringLiteral("port_scan"));
        QCOMPARE(f.size(), 1);
        QVERIFY(f[0].value(QStringLiteral("summary")).toString().contains(QStringLiteral("XMAS")));
    }

    // Empty UDP probes to many ports, closed ones answered by ICMP port
    // unreachable: a UDP scan. Traceroute (UDP to 33434 and up, three a hop)
    // and a DNS client using many source ports are not.
    void udpScanButNotTraceroute()
    {
        Scenario s;
        for (int i = 0; i < 60; ++i) {
            const QByteArray ip = PB::ipv4(PB::udp(61000, uint16_t(100 + i * 11), {}), 17, "10.0.0.67", "10.0.0.9");
            s.add(PB::ethernet(ip, 0x0800), 200000000);
            if (i % 3 == 0) {
                QByteArray unreachable("\x03\x03\x00\x00\x00\x00\x00\x00", 8);
                s.add(PB::ethernet(PB::ipv4(unreachable + ip.left(28), 1, "10.0.0.9", "10.0.0.67"), 0x0800), 1000);
            }
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("port_scan"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("10.0.0.67"));
        QCOMPARE(f[0].value(QStringLiteral("count")).toInt(), 60);
        QCOMPARE(f[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject()
                     .value(QStringLiteral("scan_type")).toString(), QStringLiteral("UDP"));

        Scenario trace;
        for (int hop = 1; hop <= 30; ++hop)
            for (int k = 0; k < 3; ++k)
                trace.add(PB::udpFrame("10.0.0.5", uint16_t(40000 + hop), "93.184.216.34", uint16_t(33434 + (hop - 1) * 3 + k),
                                       QByteArray(32, '@')), 50000000);
        for (int i = 0; i < 200; ++i) { // a resolver client: one server port, many client ports
            trace.add(PB::udpFrame("10.0.0.5", uint16_t(20000 + i), "10.0.0.53", 53, PB::dnsQuery(uint16_t(i), QStringLiteral("a%1.example.org").arg(i))), 10000000);
            // LLMNR answers to queries that went to the multicast group: from
            // the service port to the asker's many ports, each unanswered
            trace.add(PB::udpFrame("10.0.0.8", 5355, "10.0.0.5", uint16_t(30000 + i), PB::dnsResponse(uint16_t(i), QStringLiteral("pc%1").arg(i), 0, "10.0.0.8")), 1000000);
        }
        trace.finish();
        QVERIFY(trace.findings(QStringLiteral("port_scan")).isEmpty());
        QVERIFY2(trace.mediumOrAbove().isEmpty(), qPrintable(trace.mediumOrAbove()));
    }

    void manyConnectionsToOneWebServerIsBenign()
    {
        Scenario s;
        for (int i = 0; i < 300; ++i)
            s.session("10.0.0.5", uint16_t(40000 + i), "10.0.0.80", 443, "GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 200 OK\r\n\r\n", 200000);
        s.finish();
        QVERIFY2(s.mediumOrAbove().isEmpty(), qPrintable(s.mediumOrAbove()));
        QVERIFY(s.findings(QStringLiteral("port_scan")).isEmpty());
        QVERIFY(s.findings(QStringLiteral("brute_force")).isEmpty());
    }

    void hostSweepTcpAndArp()
    {
        Scenario s;
        for (int h = 1; h <= 60; ++h)
            s.add(PB::tcpFrame("10.0.0.66", 50000, QStringLiteral("10.0.1.%1").arg(h), 445, Syn, 7));
        for (int h = 1; h <= 100; ++h)
            s.add(PB::ethernet(PB::arp(1, PB::mac(66), "10.0.2.66", QByteArray(6, '\0'), QStringLiteral("10.0.2.%1").arg(h + 100)), 0x0806));
        s.finish();
        const auto f = s.findings(QStringLiteral("host_sweep"));
        QCOMPARE(f.size(), 2);
        QStringList sources;
        for (const auto &x : f)
            sources << x.value(QStringLiteral("source")).toString();
        QVERIFY(sources.contains(QStringLiteral("10.0.0.66")));
        QVERIFY(sources.contains(QStringLiteral("10.0.2.66")));
    }

    void browsingManyServersIsBenign()
    {
        Scenario s;
        for (int h = 1; h <= 60; ++h)
            s.session("10.0.0.5", uint16_t(40000 + h), QStringLiteral("93.184.%1.10").arg(h), 443, "x", "y", 100000);
        s.finish();
        QVERIFY2(s.mediumOrAbove().isEmpty(), qPrintable(s.mediumOrAbove()));
    }

    void synFloodSpoofed()
    {
        Scenario s;
        for (int i = 0; i < 3000; ++i) {
            const QString src = QStringLiteral("%1.%2.%3.%4").arg(11 + i % 200).arg(i / 200 % 250).arg(i % 250).arg(i % 7 + 1);
            s.add(PB::tcpFrame(src, uint16_t(1024 + i), "10.0.0.80", 80, Syn, uint32_t(i)), 200000); // 5000/s
            s.add(PB::tcpFrame("10.0.0.80", 80, src, uint16_t(1024 + i), Syn | Ack, 9, uint32_t(i + 1)), 1000);
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("syn_flood"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("targets")).toArray().first().toString(), QStringLiteral("10.0.0.80"));
        QVERIFY(f[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject()
                    .value(QStringLiteral("spoofed_sources_likely")).toBool());
        QVERIFY(QStringList({"high", "critical"}).contains(f[0].value(QStringLiteral("severity")).toString()));
    }

    void cdnDownloadIsBenign()
    {
        Scenario s;
        uint32_t cs = 1, ss = 1;
        s.add(PB::tcpFrame("10.0.0.5", 40000, "151.101.1.1", 443, Syn, cs++));
        s.add(PB::tcpFrame("151.101.1.1", 443, "10.0.0.5", 40000, Syn | Ack, ss++, cs));
        for (int i = 0; i < 5000; ++i) {
            s.add(PB::tcpFrame("151.101.1.1", 443, "10.0.0.5", 40000, Ack, ss, cs, QByteArray(1400, 'd')), 20000);
            ss += 1400;
            if (i % 2)
                s.add(PB::tcpFrame("10.0.0.5", 40000, "151.101.1.1", 443, Ack, cs, ss), 1000);
        }
        // A QUIC download as well: unsolicited-looking UDP is the server answering.
        s.add(PB::udpFrame("10.0.0.5", 50000, "142.250.1.1", 443, QByteArray(1200, '\xc0')));
        for (int i = 0; i < 4000; ++i) {
            s.add(PB::udpFrame("142.250.1.1", 443, "10.0.0.5", 50000, QByteArray(1200, '\x40')), 100000);
            if (i % 10 == 0)
                s.add(PB::udpFrame("10.0.0.5", 50000, "142.250.1.1", 443, QByteArray(40, '\x40')), 1000);
        }
        s.finish();
        QVERIFY2(s.mediumOrAbove().isEmpty(), qPrintable(s.mediumOrAbove()));
    }

    void udpFloodAndBusyResolver()
    {
        Scenario flood;
        for (int i = 0; i < 3000; ++i)
            flood.add(PB::udpFrame(QStringLiteral("198.51.100.%1").arg(i % 5 + 1), uint16_t(2000 + i % 5), "10.0.0.53", 53,
                                   QByteArray(512, 'A')), 200000);
        flood.finish();
        QCOMPARE(flood.findings(QStringLiteral("udp_flood")).size(), 1);

        Scenario resolver; // many clients, every query answered
        for (int i = 0; i < 3000; ++i) {
            const QString client = ip(i % 400, i / 400);
            const QString name = QStringLiteral("host%1.example.com").arg(i % 50);
            resolver.add(PB::udpFrame(client, uint16_t(30000 + i), "10.0.0.53", 53, PB::dnsQuery(uint16_t(i), name)), 300000);
            resolver.add(PB::udpFrame("10.0.0.53", 53, client, uint16_t(30000 + i), PB::dnsResponse(uint16_t(i), name, 0, "93.184.216.34")), 50000);
        }
        resolver.finish();
        QVERIFY2(resolver.mediumOrAbove().isEmpty(), qPrintable(resolver.mediumOrAbove()));
    }

    void icmpFloodAndPing()
    {
        Scenario flood;
        for (int i = 0; i < 1000; ++i)
            flood.add(PB::ethernet(PB::ipv4(PB::icmpEcho(true, 1, uint16_t(i)), 1, "203.0.113.9", "10.0.0.7"), 0x0800), 500000);
        flood.finish();
        const auto f = flood.findings(QStringLiteral("icmp_flood"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("203.0.113.9"));

        Scenario ping;
        for (int i = 0; i < 120; ++i) {
            ping.add(PB::ethernet(PB::ipv4(PB::icmpEcho(true, 1, uint16_t(i)), 1, "10.0.0.5", "10.0.0.7"), 0x0800), kS);
            ping.add(PB::ethernet(PB::ipv4(PB::icmpEcho(false, 1, uint16_t(i)), 1, "10.0.0.7", "10.0.0.5"), 0x0800), 1000000);
        }
        ping.finish();
        QVERIFY2(ping.mediumOrAbove().isEmpty(), qPrintable(ping.mediumOrAbove()));
    }

    // A UDP flood at a medium rate to random closed ports: the victim's port
    // unreachables are its answers, not an ICMP flood of its own; a steady
    // multicast stream (IPTV) is no flood at that rate.
    void udpFloodToRandomPortsAndMulticastStream()
    {
        Scenario s;
        for (int i = 0; i < 2000; ++i) { // 600/s, 4 s, a new port each time
            const QByteArray udp = PB::udp(4444, uint16_t(1024 + (i * 7919) % 60000), QByteArray(512, 'x'));
            const QByteArray ip = PB::ipv4(udp, 17, "203.0.113.9", "10.0.0.81");
            s.add(PB::ethernet(ip, 0x0800), 1666667);
            QByteArray unreachable("\x03\x03\x00\x00\x00\x00\x00\x00", 8);
            unreachable += ip.left(28);
            s.add(PB::ethernet(PB::ipv4(unreachable, 1, "10.0.0.81", "203.0.113.9"), 0x0800), 1000);
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("udp_flood"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("203.0.113.9"));
        QCOMPARE(f[0].value(QStringLiteral("severity")).toString(), QStringLiteral("medium")); // below 1000/s
        QVERIFY(s.findings(QStringLiteral("icmp_flood")).isEmpty());
        QVERIFY(s.findings(QStringLiteral("port_scan")).isEmpty());

        Scenario iptv; // 450 packets/s of MPEG-TS to a multicast group for 20 s, nobody answers
        for (int i = 0; i < 9000; ++i)
            iptv.add(PB::udpFrame("10.0.50.5", 5000, "239.1.1.1", 5000, QByteArray(1316, 'G')), 2222222);
        iptv.finish();
        QVERIFY2(iptv.mediumOrAbove().isEmpty(), qPrintable(iptv.mediumOrAbove()));

        Scenario camera; // a camera's RTP video to a recorder, 350/s for 20 s (RTCP on other ports)
        for (int i = 0; i < 7000; ++i)
            camera.add(PB::udpFrame("10.0.60.7", 50000, "10.0.60.2", 40000, QByteArray(1200, 'V')), 2857143);
        camera.finish();
        QVERIFY2(camera.mediumOrAbove().isEmpty(), qPrintable(camera.mediumOrAbove()));

        Scenario collector; // 80 devices send syslog and NetFlow, 400/s in all, never answered
        for (int i = 0; i < 8000; ++i)
            collector.add(PB::udpFrame(QStringLiteral("10.1.%1.%2").arg(i % 80 / 40).arg(i % 40 + 1), 514, "10.0.0.30",
                                       i % 2 ? 514 : 2055, QByteArray(300, 'L')), 2500000);
        collector.finish();
        QVERIFY2(collector.mediumOrAbove().isEmpty(), qPrintable(collector.mediumOrAbove()));
    }

    // SYNs from a few hundred real sources (several each): a SYN flood and a
    // DDoS, and a source is named; a spoofed one (one SYN per source) is a
    // SYN flood only.
    void synDdosFromRealSources()
    {
        Scenario s;
        for (int i = 0; i < 2400; ++i)
            s.add(PB::tcpFrame(QStringLiteral("198.18.%1.%2").arg(i % 300 / 100).arg(i % 100 + 1), uint16_t(30000 + i % 300),
                               "10.0.0.83", 443, Syn, uint32_t(i)), 3333333); // 300/s, 300 sources, 8 each
        s.finish();
        QCOMPARE(s.findings(QStringLiteral("syn_flood")).size(), 1);
        const auto d = s.findings(QStringLiteral("ddos"));
        QCOMPARE(d.size(), 1);
        QVERIFY(d[0].value(QStringLiteral("source")).toString().startsWith(QLatin1String("198.18.")));

        Scenario spoofed;
        for (int i = 0; i < 2400; ++i)
            spoofed.add(PB::tcpFrame(QStringLiteral("%1.%2.%3.%4").arg(11 + i % 200).arg(i / 200 % 250).arg(i % 7).arg(i % 250 + 1),
                                     uint16_t(1024 + i), "10.0.0.84", 80, Syn, uint32_t(i)), 3333333);
        spoofed.finish();
        const auto f = spoofed.findings(QStringLiteral("syn_flood"));
        QCOMPARE(f.size(), 1);
        QVERIFY(f[0].value(QStringLiteral("summary")).toString().contains(QLatin1String("spoofed")));
        QVERIFY(spoofed.findings(QStringLiteral("ddos")).isEmpty());
    }

    void ddosFromManySources()
    {
        Scenario s;
        for (int i = 0; i < 1500; ++i)
            s.add(PB::udpFrame(QStringLiteral("198.51.%1.%2").arg(i % 150 / 50).arg(i % 50 + 1), uint16_t(3000 + i % 150), "10.0.0.80", 80,
                               QByteArray(100, 'x')), 1600000); // ~625/s, 150 sources
        s.finish();
        const auto f = s.findings(QStringLiteral("ddos"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("targets")).toArray().first().toString(), QStringLiteral("10.0.0.80"));
    }

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

    void beaconingButNotNtpOrDhcp()
    {
        Scenario s;
        for (int i = 0; i < 16; ++i) {
            const int64_t jitter = (i * 7919 % 2000 - 1000) * 1000000ll; // ±1 s around 60 s
            s.at(1700000000ll * kS + i * 60 * kS + jitter);
            s.session("10.0.0.42", uint16_t(45000 + i), "203.0.113.50", 8443, "beacon", "ok");
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("beaconing"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("10.0.0.42"));
        QCOMPARE(f[0].value(QStringLiteral("ports")).toArray().first().toInt(), 8443);

        Scenario benign; // NTP every 64 s and a DHCP renewal cycle
        QByteArray ntp(48, '\0');
        ntp[0] = 0x23;
        for (int i = 0; i < 20; ++i) {
            benign.at(1700000000ll * kS + i * 64 * kS);
            benign.add(PB::udpFrame("10.0.0.42", 123, "10.0.0.123", 123, ntp));
            benign.add(PB::udpFrame("10.0.0.123", 123, "10.0.0.42", 123, ntp));
            QByteArray dhcp(240, '\0');
            dhcp[0] = 1;
            benign.add(PB::udpFrame("10.0.0.42", 68, "10.0.0.1", 67, dhcp), 2 * kS);
            dhcp[0] = 2;
            benign.add(PB::udpFrame("10.0.0.1", 67, "10.0.0.42", 68, dhcp));
        }
        benign.finish();
        QVERIFY2(benign.mediumOrAbove().isEmpty(), qPrintable(benign.mediumOrAbove()));
        QVERIFY(benign.findings(QStringLiteral("beaconing")).isEmpty());
    }

    void bruteForceSshAndFtp()
    {
        Scenario s;
        for (int i = 0; i < 40; ++i)
            s.session("10.0.0.66", uint16_t(41000 + i), "10.0.0.22", 22, "SSH-2.0-hydra\r\n", "SSH-2.0-OpenSSH_9.2\r\n", 100000000);
        for (int i = 0; i < 35; ++i)
            s.session("10.0.0.67", uint16_t(42000 + i), "10.0.0.21", 21, "PASS guess\r\n", "530 Login incorrect.\r\n", 50000000);
        s.finish();
        const auto f = s.findings(QStringLiteral("brute_force"));
        QCOMPARE(f.size(), 2);
        QStringList sources;
        for (const auto &x : f)
            sources << x.value(QStringLiteral("source")).toString();
        QVERIFY(sources.contains(QStringLiteral("10.0.0.66")));
        QVERIFY(sources.contains(QStringLiteral("10.0.0.67")));
    }

    void arpSpoofing()
    {
        Scenario s;
        const QByteArray real = PB::mac(1), evil = PB::mac(66), victim = PB::mac(7);
        for (int i = 0; i < 20; ++i) {
            // the gateway answers a request
            s.add(PB::ethernet(PB::arp(1, victim, "10.0.0.7", QByteArray(6, '\0'), "10.0.0.1"), 0x0806, victim, QByteArray(6, '\xff')), kS);
            s.add(PB::ethernet(PB::arp(2, real, "10.0.0.1", victim, "10.0.0.7"), 0x0806, real, victim));
            // the attacker keeps telling the victim it is the gateway
            s.add(PB::ethernet(PB::arp(2, evil, "10.0.0.1", victim, "10.0.0.7"), 0x0806, evil, victim), 500000000);
        }
        s.finish();
        const auto f = s.findings(QStringLiteral("arp_spoofing"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("02:00:00:00:00:42"));
        QCOMPARE(f[0].value(QStringLiteral("severity")).toString(), QStringLiteral("high"));
        // A MAC is not an IP: no suspicious_ips entry for it.
        QVERIFY(s.report.value(QStringLiteral("suspicious_ips")).toArray().isEmpty());
    }

    // A man in the middle: unsolicited ARP replies claiming the gateway, and
    // remote addresses delivered by its MAC as well as the gateway's. Enough
    // remote addresses to make the relay table grow, and DHCP clients
    // (source 0.0.0.0, two MACs) that must not be mistaken for relays of them.
    void arpRelayManInTheMiddle()
    {
        Scenario s;
        const QByteArray gw = PB::mac(1), evil = PB::mac(66), victim = PB::mac(7);
        auto udpFrom = [](const QString &src, const QString &dst, uint16_t sport, uint16_t dport, const QByteArray &srcMac,
                          const QByteArray &dstMac) {
            return PB::ethernet(PB::ipv4(PB::udp(sport, dport, QByteArray(40, 'x')), 17, src, dst), 0x0800, srcMac, dstMac);
        };
        for (int c = 90; c < 92; ++c) // DHCP discover from two clients
            s.add(udpFrom(QStringLiteral("0.0.0.0"), QStringLiteral("255.255.255.255"), 68, 67, PB::mac(c),
                          QByteArray(6, '\xff')));
        const int remotes = 700;
        auto remote = [](int i) { return QStringLiteral("93.184.%1.%2").arg(i / 200).arg(1 + i % 200); };
        for (int i = 0; i < remotes; ++i) // the real gateway delivers
            s.add(udpFrom(remote(i), QStringLiteral("10.0.0.7"), 443, 50000, gw, victim));
        for (int i = 0; i < 5; ++i) // the attacker poisons the victim's cache
            s.add(PB::ethernet(PB::arp(2, evil, "10.0.0.1", victim, "10.0.0.7"), 0x0806, evil, victim), kS);
        for (int i = 0; i < 30; ++i) // and now delivers the same remote traffic
            s.add(udpFrom(remote(i), QStringLiteral("10.0.0.7"), 443, 50000, evil, victim));
        s.finish();
        const auto f = s.findings(QStringLiteral("arp_spoofing"));
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].value(QStringLiteral("source")).toString(), QStringLiteral("02:00:00:00:00:42"));
        QCOMPARE(f[0].value(QStringLiteral("severity")).toString(), QStringLiteral("high"));
        const QJsonObject m = f[0].value(QStringLiteral("evidence")).toObject().value(QStringLiteral("metrics")).toObject();
        QCOMPARE(m.value(QStringLiteral("relayed_remote_addresses")).toInt(), 30);
        QCOMPARE(m.value(QStringLiteral("other_macs")).toArray(), QJsonArray{QStringLiteral("02:00:00:00:00:01")});
    }

    void normalArpIsBenign()
    {
        Scenario s;
        const QByteArray gw = PB::mac(1);
        for (int h = 2; h < 60; ++h) { // hosts ask for the gateway and get an answer
            const QByteArray host = PB::mac(h);
            const QString ipH = QStringLiteral("10.0.0.%1").arg(h);
            s.add(PB::ethernet(PB::arp(1, host, ipH, QByteArray(6, '\0'), "10.0.0.1"), 0x0806, host, QByteArray(6, '\xff')), 100000000);
            s.add(PB::ethernet(PB::arp(2, gw, "10.0.0.1", host, ipH), 0x0806, gw, host));
        }
        // a host announcing itself after boot (two gratuitous ARPs) and a DHCP-style ARP probe
        s.add(PB::ethernet(PB::arp(2, PB::mac(70), "10.0.0.70", QByteArray(6, '\xff'), "10.0.0.70"), 0x0806), kS);
        s.add(PB::ethernet(PB::arp(2, PB::mac(70), "10.0.0.70", QByteArray(6, '\xff'), "10.0.0.70"), 0x0806), kS);
        s.add(PB::ethernet(PB::arp(1, PB::mac(71), "0.0.0.0", QByteArray(6, '\0'), "10.0.0.71"), 0x0806), kS);
        s.finish();
        QVERIFY2(s.mediumOrAbove().isEmpty(), qPrintable(s.mediumOrAbove()));
        QVERIFY(s.findings(QStringLiteral("arp_spoofing")).isEmpty());
    }

    void cleartextCredentialsMaskedAndFtpsBenign()
    {
        Scenario s;
        uint32_t cs = 10, ss = 20;
        s.add(PB::tcpFrame("10.0.0.5", 40000, "10.0.0.21", 21, Syn, cs++));
        s.add(PB::tcpFrame("10.0.0.21", 21, "10.0.0.5", 40000, Syn | Ack, ss++, cs));
        for (const QByteArray &l : {QByteArray("USER bob\r\n"), QByteArray("PASS Tr0ub4dor&3\r\n")}) {
            s.add(PB::tcpFrame("10.0.0.5", 40000, "10.0.0.21", 21, Psh | Ack, cs, ss, l));
            cs += uint32_t(l.size());
        }
        s.session("10.0.0.6", 40001, "10.0.0.80", 80, "GET /admin HTTP/1.1\r\nHost: intranet\r\nAuthorization: Basic " + QByteArray("carol:Sup3rS3cret").toBase64() + "\r\n\r\n");
        s.session("10.0.0.7", 40002, "10.0.0.25", 25, "AUTH PLAIN " + QByteArray("\0dave\0Hunter2Hunter2", 20).toBase64() + "\r\n");
        s.session("10.0.0.8", 40003, "10.0.0.143", 143, "a1 LOGIN erin \"Pa55w0rd!\"\r\n");
        s.finish();
        const auto f = s.findings(QStringLiteral("cleartext_credentials"));
        QCOMPARE(f.size(), 4);
        const QByteArray json = QJsonDocument(s.report).toJson();
        for (const char *pw : {"Tr0ub4dor", "Sup3rS3cret", "Hunter2", "Pa55w0rd"})
            QVERIFY2(!json.contains(pw), pw);
        for (const char *user : {"bob", "carol", "dave", "erin"})
            QVERIFY2(json.contains(user), user);

        Scenario ftps; // AUTH TLS, then only TLS records
        ftps.session("10.0.0.5", 40000, "10.0.0.21", 21, "AUTH TLS\r\n", "234 Proceed with negotiation.\r\n");
        ftps.session("10.0.0.5", 40001, "10.0.0.21", 21, PB::tlsClientHello("ftp.example.com"), QByteArray("\x17\x03\x03\x00\x05hello", 10));
        ftps.finish();
        QVERIFY(ftps.findings(QStringLiteral("cleartext_credentials")).isEmpty());
        QVERIFY2(ftps.mediumOrAbove().isEmpty(), qPrintable(ftps.mediumOrAbove()));
    }

    void suspiciousPortAndProtocolMismatch()
    {
        Scenario s;
        s.session("10.0.0.5", 40000, "203.0.113.66", 4444, QByteArray(2000, 'm'), QByteArray(20000, 'r'));
        for (int p = 4440; p < 4450; ++p) // a scan touching 4444 is not a backdoor session
            s.add(PB::tcpFrame("10.0.0.99", 50000, "10.0.0.98", uint16_t(p), Syn, 1));
        s.session("10.0.0.6", 40001, "10.0.0.9", 22, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        s.session("10.0.0.6", 40002, "10.0.0.9", 8080, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
        s.finish();
        const auto sp = s.findings(QStringLiteral("suspicious_port"));
        QCOMPARE(sp.size(), 1);
        QCOMPARE(sp[0].value(QStringLiteral("source")).toString(), QStringLiteral("10.0.0.5"));
        const auto pm = s.findings(QStringLiteral("protocol_mismatch"));
        QCOMPARE(pm.size(), 1);
        QCOMPARE(pm[0].value(QStringLiteral("ports")).toArray().first().toInt(), 22);
    }

    void malformedAndLand()
    {
        Scenario s;
        s.add(PB::tcpFrame("10.0.0.5", 139, "10.0.0.5", 139, Syn));
        QByteArray bad = PB::dnsQuery(1, "a.example");
        bad[12] = char(0xc0);
        bad[13] = char(0x40);
        for (int i = 0; i < 10; ++i)
            s.add(PB::udpFrame("10.0.0.6", 5000, "10.0.0.53", 53, bad));
        s.finish();
        const auto f = s.findings(QStringLiteral("malformed_traffic"));
        QCOMPARE(f.size(), 2);
        QCOMPARE(f[0].value(QStringLiteral("severity")).toString(), QStringLiteral("high")); // the land attack sorts first
    }

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
    }

    void spoofedFloodStateStaysBounded()
    {
        Scenario s;
        s.det->merge(QJsonObject{{QStringLiteral("limits"), QJsonObject{{QStringLiteral("max_tracked"), 2000}}}}, nullptr);
        for (int i = 0; i < 60000; ++i) {
            const QString src = QStringLiteral("%1.%2.%3.%4").arg(11 + i % 200).arg(i / 200 % 250).arg(i / 50000 + 1).arg(i % 250 + 1);
            s.add(PB::tcpFrame(src, uint16_t(1024 + i % 60000), QStringLiteral("10.0.%1.80").arg(i % 3000 / 250), 80, Syn, uint32_t(i)), 100000);
        }
        s.finish();
        QVERIFY(!s.findings(QStringLiteral("syn_flood")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDetectors)
#include "tst_detectors.moc"
