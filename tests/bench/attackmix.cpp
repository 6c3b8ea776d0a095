// SPDX-License-Identifier: GPL-3.0-or-later
// packetlens-attackmix: writes an attack-heavy capture for `make bench`:
// the ordinary traffic of packetlens-synth spread over --hours, with, in
// time order among it,
//   - a spoofed-source SYN flood (--flood SYNs, each a half-open conversation),
//   - repeated vertical port scans (SYN, half answered by RST) and host sweeps
//     (ICMP echo and TCP SYN to whole /20s, unanswered),
//   - connection attempts to dead servers (unanswered SYNs from the clients),
//   - FTP brute force (USER/PASS, 530) and SSH brute force (short sessions),
//   - DNS tunnelling (long random names under a few domains),
//   - polling by a fleet of hosts to one update service (same period, same
//     destination) and a few real beacons to C2 servers.
// Together: about a million half-open conversations.
//
//   packetlens-attackmix --out FILE [--bytes N] [--hours H] [--flood N] [--seed S]
#include "synthtraffic.h"

#include <QCoreApplication>
#include <QCommandLineParser>

#include <functional>
#include <vector>

using namespace synth;

namespace {
constexpr int64_t kSecond = 1000000;

// Something that happens again and again: `fire` writes one burst at the
// current time; it comes back after `every` µs, `times` times in all.
struct Recurring
{
    int64_t next;
    int64_t every;
    int64_t times;
    std::function<void()> fire;
};

struct Attacks
{
    Gen &g;
    uint64_t flood;
    int64_t start, span;
    std::vector<Recurring> events;

    static QString addr(uint32_t v) { return QStringLiteral("%1.%2.%3.%4").arg(v >> 24).arg(v >> 16 & 255).arg(v >> 8 & 255).arg(v & 255); }
    int64_t at(double fraction) const { return start + int64_t(double(span) * fraction); }

    void synFlood()
    {
        // 1000 SYNs a burst, one burst a second, from never-repeated sources.
        const int64_t bursts = int64_t(flood / 1000);
        auto n = std::make_shared<uint64_t>(0);
        events.push_back({at(0.25), kSecond, bursts, [this, n] {
                              for (int i = 0; i < 1000; ++i, ++*n)
                                  g.w.write(PB::tcpFrame(addr(0x0b000000u + uint32_t(*n * 2654435761u % 0x60000000u)), uint16_t(1024 + *n % 60000),
                                                         "10.0.0.80", 80, Syn, uint32_t(*n)),
                                            g.tick(20));
                          }});
    }
    void portScans()
    {
        // 20 scanners, each 5 times over the capture, 1000 ports of one server a time.
        for (int s = 0; s < 20; ++s) {
            const QString scanner = addr(0xc6336400u + uint32_t(s)); // 198.51.100.x
            const QString target = QStringLiteral("10.0.%1.%2").arg(1 + s % 3).arg(10 + s);
            events.push_back({at(0.05 + 0.04 * s), span / 6, 5, [this, scanner, target] {
                                  for (int p = 1; p <= 1000; ++p) {
                                      g.w.write(PB::tcpFrame(scanner, 61000, target, uint16_t(p), Syn, 77), g.tick(50));
                                      if (p % 2)
                                          g.w.write(PB::tcpFrame(target, uint16_t(p), scanner, 61000, Rst | Ack, 0, 78), g.tick(30));
                                  }
                              }});
        }
    }
    void sweeps()
    {
        // 10 sweepers, 4 times each, 4096 addresses a time (ICMP or SYN to 445).
        for (int s = 0; s < 10; ++s) {
            const QString sweeper = QStringLiteral("10.3.%1.%2").arg(s).arg(200 + s);
            events.push_back({at(0.1 + 0.07 * s), span / 5, 4, [this, s, sweeper] {
                                  for (uint32_t h = 0; h < 4096; ++h) {
                                      const QString dst = addr(0x0a400000u + (uint32_t(s) << 12) + h); // 10.64.x.x
                                      g.w.write(s % 2 ? PB::tcpFrame(sweeper, 50000, dst, 445, Syn, h)
                                                      : PB::ethernet(PB::ipv4(PB::icmpEcho(true, uint16_t(s), uint16_t(h)), 1, sweeper, dst), 0x0800),
                                                g.tick(100));
                                  }
                              }});
        }
    }
    void deadServers()
    {
        // Every 0.25 s a client tries a server that never answers (2 SYNs).
        events.push_back({start, kSecond / 4, span / (kSecond / 4), [this] {
                              const QString c = g.client();
                              const QString s = addr(0xcb007100u + uint32_t(g.rng() % 200)); // 203.0.113.x
                              const uint16_t cp = g.port();
                              g.w.write(PB::tcpFrame(c, cp, s, 443, Syn, 1), g.tick());
                              g.w.write(PB::tcpFrame(c, cp, s, 443, Syn, 1), g.tick(3000));
                          }});
    }
    void bruteForce()
    {
        // 8 attackers: FTP (USER/PASS answered 530) or SSH (short sessions), 60 tries a burst, every 2 hours.
        for (int a = 0; a < 8; ++a) {
            const QString attacker = addr(0xc0000200u + uint32_t(a) * 3); // 192.0.2.x
            const QString server = QStringLiteral("10.0.0.%1").arg(a % 2 ? 22 : 21);
            events.push_back({at(0.02 + 0.1 * a), 2 * 3600 * kSecond, span / (2 * 3600 * kSecond), [this, a, attacker, server] {
                                  for (int i = 0; i < 60; ++i)
                                      a % 2 ? g.ssh(attacker, server) : ftpFailure(attacker, server, i);
                              }});
        }
    }
    void ftpFailure(const QString &c, const QString &s, int i)
    {
        const uint16_t cp = g.port();
        uint32_t cs = uint32_t(g.rng()), ss = uint32_t(g.rng());
        g.handshake(c, cp, s, 21, cs, ss);
        const QByteArray lines[] = {"USER admin\r\n", "PASS guess" + QByteArray::number(i) + "\r\n"};
        for (const QByteArray &line : lines) {
            g.w.write(PB::tcpFrame(c, cp, s, 21, Psh | Ack, cs, ss, line), g.tick());
            cs += uint32_t(line.size());
        }
        const QByteArray no = "530 Login incorrect.\r\n";
        g.w.write(PB::tcpFrame(s, 21, c, cp, Psh | Ack, ss, cs, no), g.tick());
        g.close(c, cp, s, 21, cs, ss + uint32_t(no.size()));
    }
    void dnsTunnels()
    {
        // 6 hosts, a query every 2 s each, long random labels under their domain.
        for (int h = 0; h < 6; ++h) {
            const QString host = QStringLiteral("10.2.%1.%2").arg(h).arg(77);
            const QString domain = QStringLiteral("t%1.tunnel-example.net").arg(h);
            events.push_back({at(0.3 + 0.05 * h), 2 * kSecond, span / 10 / (2 * kSecond), [this, host, domain] {
                                  g.dns(host, QStringLiteral("%1%2.%3").arg(QString::number(g.rng(), 36), QString::number(g.rng(), 36), domain));
                              }});
        }
    }
    void polling()
    {
        // 300 hosts poll updates.fleet-example.com every 10 minutes (a service,
        // not a beacon), 3 hosts call a C2 server every 60 s.
        for (int h = 0; h < 300; ++h) {
            const QString host = QStringLiteral("10.%1.%2.%3").arg(h % 4).arg(60 + h / 100).arg(2 + h % 100);
            events.push_back({start + int64_t(g.rng() % uint64_t(600 * kSecond)), 600 * kSecond, span / (600 * kSecond),
                              [this, host] { g.http(host, QStringLiteral("20.30.40.50"), QStringLiteral("updates.fleet-example.com"), 1); }});
        }
        for (int h = 0; h < 3; ++h) {
            const QString host = QStringLiteral("10.1.%1.%2").arg(40 + h).arg(9);
            const QString c2 = addr(0x2d4c0000u + uint32_t(h) * 17); // 45.76.x.x
            events.push_back({at(0.01 * h), 60 * kSecond, span / (60 * kSecond),
                              [this, host, c2] { g.tls(host, c2, QStringLiteral("cdn-%1.example.xyz").arg(c2.section('.', 3)), 1); }});
        }
    }
    // Writes every event due by now, in time order.
    void due()
    {
        for (;;) {
            Recurring *first = nullptr;
            for (Recurring &e : events)
                if (e.times > 0 && e.next <= g.ts && (!first || e.next < first->next))
                    first = &e;
            if (!first)
                return;
            first->fire();
            first->next += first->every;
            --first->times;
        }
    }
};
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({QStringLiteral("out"), QStringLiteral("Output pcap."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("bytes"), QStringLiteral("About N bytes in all."), QStringLiteral("N"), QStringLiteral("1073741824")});
    p.addOption({QStringLiteral("hours"), QStringLiteral("Time the capture spans."), QStringLiteral("H"), QStringLiteral("20")});
    p.addOption({QStringLiteral("flood"), QStringLiteral("SYNs of the flood."), QStringLiteral("N"), QStringLiteral("600000")});
    p.addOption({QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("S"), QStringLiteral("18")});
    p.process(app);
    FILE *f = std::fopen(p.value(QStringLiteral("out")).toLocal8Bit().constData(), "wb");
    if (!f) {
        std::perror("packetlens-attackmix");
        return 2;
    }
    static char buf[1 << 20];
    std::setvbuf(f, buf, _IOFBF, sizeof buf);
    Writer w(f);
    Gen g{w, std::mt19937_64(p.value(QStringLiteral("seed")).toULongLong()), 1735725600000000ll, 40000};
    const uint64_t maxBytes = p.value(QStringLiteral("bytes")).toULongLong();
    Attacks a{g, p.value(QStringLiteral("flood")).toULongLong(), g.ts, int64_t(p.value(QStringLiteral("hours")).toDouble() * 3600 * kSecond), {}};
    a.synFlood(), a.portScans(), a.sweeps(), a.deadServers(), a.bruteForce(), a.dnsTunnels(), a.polling();
    const QStringList sites = {"www.example.com", "cdn.example.net", "api.example.org", "mail.example.com", "login.example.com"};
    // The ordinary traffic sets the pace: the clock follows the bytes written,
    // so that --bytes span --hours.
    while (w.bytes() < maxBytes) {
        g.ts = std::max(g.ts, a.start + int64_t(double(a.span) * double(w.bytes()) / double(maxBytes)));
        a.due();
        const QString c = g.client();
        const QString site = sites[int(g.rng() % uint64_t(sites.size()))];
        g.dns(c, site);
        switch (g.rng() % 8) {
        case 0: case 1: case 2: g.http(c, g.server(), site, 1 + int(g.rng() % 8)); break;
        case 3: case 4: case 5: g.tls(c, g.server(), site, 2 + int(g.rng() % 8)); break;
        case 6: g.ssh(c, g.server()); break;
        default: g.ntp(c); break;
        }
    }
    std::fclose(f);
    std::fprintf(stderr, "packetlens-attackmix: wrote %llu packets, %llu bytes\n", (unsigned long long)w.packets(),
                 (unsigned long long)w.bytes());
    return 0;
}
