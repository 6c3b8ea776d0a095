// SPDX-License-Identifier: GPL-3.0-or-later
#include "fuzzscenario.h"

#include "support/scenario.h"

namespace packetlens::fuzz {

using namespace test;

namespace {
void scansAndSweeps(Scenario &s)
{
    for (uint16_t port = 1; port <= 40; ++port) // a port scan, refused
        s.add(PB::tcpFrame(QStringLiteral("10.9.0.1"), 40000, QStringLiteral("10.0.0.5"), port, Syn));
    for (int host = 1; host <= 40; ++host) // a host sweep
        s.add(PB::ethernet(PB::ipv4(PB::icmpEcho(true, 7, uint16_t(host)), 1, QStringLiteral("10.9.0.2"),
                                    QStringLiteral("10.0.1.%1").arg(host)),
                           0x0800));
    for (int i = 0; i < 80; ++i) // SYNs from many sources, unanswered
        s.add(PB::tcpFrame(QStringLiteral("172.16.%1.%2").arg(i / 200).arg(i % 200 + 1), uint16_t(1024 + i),
                           QStringLiteral("10.0.0.80"), 80, Syn),
              200000);
}

void payloads(Scenario &s)
{
    for (int i = 0; i < 30; ++i) // DNS tunnelling-looking names
        s.add(PB::udpFrame(QStringLiteral("10.2.0.9"), uint16_t(5000 + i), QStringLiteral("10.0.0.53"), 53,
                           PB::dnsQuery(uint16_t(i), QStringLiteral("a%1b9x7q2k4m8z%1.exfil.example.net").arg(i * 7919), 16)));
    s.session(QStringLiteral("10.1.2.3"), 50000, QStringLiteral("10.0.0.21"), 21, "USER alice\r\nPASS s3cret\r\n",
              "530 Login incorrect\r\n");
    s.session(QStringLiteral("10.1.2.4"), 50001, QStringLiteral("10.0.0.80"), 80,
              "GET /a HTTP/1.1\r\nHost: evil.example.com\r\nAuthorization: Basic YTpi\r\n\r\n", "HTTP/1.1 401 No\r\n\r\n");
    s.session(QStringLiteral("10.1.2.5"), 50002, QStringLiteral("10.0.0.9"), 4444, "id\n", "uid=0(root)\n");
    s.session(QStringLiteral("10.1.2.6"), 50003, QStringLiteral("10.0.0.10"), 443,
              PB::tlsClientHello(QStringLiteral("bad.example.org")));
    for (int i = 0; i < 12; ++i) // beacons every 60 s
        s.session(QStringLiteral("10.1.2.7"), uint16_t(51000 + i), QStringLiteral("198.51.100.7"), 8080, "ping", "pong",
                  60ll * kS / 8);
}

void linkLayer(Scenario &s)
{
    for (int i = 0; i < 12; ++i) // gratuitous ARP claims from two MACs
        s.add(PB::ethernet(PB::arp(2, PB::mac(i % 2 + 7), QStringLiteral("10.0.0.1"), PB::mac(0),
                                   QStringLiteral("10.0.0.1")),
                           0x0806));
    for (int i = 0; i < 8; ++i) // malformed: an IPv4 header cut short
        s.add(PB::ethernet(QByteArray("\x45\x00\x00", 3), 0x0800));
}
} // namespace

void analyzeScenario(const std::shared_ptr<DetectionSettings> &settings)
{
    Scenario s;
    s.det = settings;
    scansAndSweeps(s);
    payloads(s);
    linkLayer(s);
    s.finish();
}

} // namespace packetlens::fuzz
