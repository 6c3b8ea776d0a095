// SPDX-License-Identifier: GPL-3.0-or-later
// packetlens-synth: writes a synthetic capture with a realistic traffic mix
// (many hosts; DNS, HTTP, TLS, SSH, NTP, ARP, some IPv6) for benchmarks and
// the bundled sample, or a spoofed-source SYN flood with millions of flows.
//
//   packetlens-synth --out FILE [--bytes N | --packets N] [--seed S] [--attacks] [--flood N]
#include "synthtraffic.h"

#include <QCoreApplication>
#include <QCommandLineParser>

#include <cstdio>
#include <random>

using namespace synth;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption({QStringLiteral("out"), QStringLiteral("Output pcap."), QStringLiteral("FILE")});
    p.addOption({QStringLiteral("bytes"), QStringLiteral("Stop after about N bytes."), QStringLiteral("N"), QStringLiteral("0")});
    p.addOption({QStringLiteral("packets"), QStringLiteral("Stop after about N packets."), QStringLiteral("N"), QStringLiteral("0")});
    p.addOption({QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("S"), QStringLiteral("42")});
    p.addOption({QStringLiteral("attacks"), QStringLiteral("Add a port scan, a cleartext FTP login and DNS exfiltration.")});
    p.addOption({QStringLiteral("session-gap-ms"), QStringLiteral("Up to this pause between sessions."), QStringLiteral("MS"), QStringLiteral("0")});
    p.addOption({QStringLiteral("flood"), QStringLiteral("Instead: N SYNs from N spoofed sources (N distinct flows)."), QStringLiteral("N"), QStringLiteral("0")});
    p.process(app);
    const QString out = p.value(QStringLiteral("out"));
    if (out.isEmpty()) {
        std::fprintf(stderr, "packetlens-synth: --out is required\n");
        return 1;
    }
    FILE *f = std::fopen(out.toLocal8Bit().constData(), "wb");
    if (!f) {
        std::perror("packetlens-synth");
        return 2;
    }
    static char buf[1 << 20];
    std::setvbuf(f, buf, _IOFBF, sizeof buf);
    Writer w(f);
    Gen g{w, std::mt19937_64(p.value(QStringLiteral("seed")).toULongLong()), 1735725600000000ll, 40000};
    const qulonglong flood = p.value(QStringLiteral("flood")).toULongLong();
    if (flood) {
        for (qulonglong i = 0; i < flood; ++i) {
            const QString src = QStringLiteral("%1.%2.%3.%4").arg(1 + (i >> 24) % 223).arg(i >> 16 & 255).arg(i >> 8 & 255).arg(i & 255);
            w.write(PB::tcpFrame(src, uint16_t(1024 + i % 60000), "192.0.2.80", 80, Syn, uint32_t(i)), g.tick(20));
        }
    } else {
        const qulonglong maxBytes = p.value(QStringLiteral("bytes")).toULongLong();
        const qulonglong maxPackets = p.value(QStringLiteral("packets")).toULongLong();
        const QStringList sites = {"www.example.com", "cdn.example.net", "api.example.org", "mail.example.com",
                                   "updates.example.io", "static.example-cdn.com", "login.example.com"};
        auto more = [&] {
            return (maxBytes && w.bytes() < maxBytes) || (maxPackets && w.packets() < maxPackets)
                   || (!maxBytes && !maxPackets && w.packets() < 2000);
        };
        bool attacked = !p.isSet(QStringLiteral("attacks"));
        const qulonglong gapUs = p.value(QStringLiteral("session-gap-ms")).toULongLong() * 1000;
        while (more()) {
            if (gapUs)
                g.ts += int64_t(g.rng() % gapUs);
            const QString c = g.client();
            const QString site = sites[int(g.rng() % uint64_t(sites.size()))];
            g.dns(c, site);
            switch (g.rng() % 10) {
            case 0: case 1: case 2: g.http(c, g.server(), site, 1 + int(g.rng() % 12)); break;
            case 3: case 4: case 5: g.tls(c, g.server(), site, 2 + int(g.rng() % 10)); break;
            case 6: g.tls(QStringLiteral("2001:db8:1::%1").arg(g.rng() % 4000, 0, 16), QStringLiteral("2001:db8:ff::%1").arg(g.rng() % 50, 0, 16), site, 3, true); break;
            case 7: g.ssh(c, g.server()); break;
            case 8: g.ntp(c); break;
            default: g.arp(c); break;
            }
            if (!attacked && w.packets() > 600) {
                g.attacks();
                attacked = true;
            }
        }
    }
    std::fclose(f);
    std::fprintf(stderr, "packetlens-synth: wrote %llu packets, %llu bytes to %s\n", (unsigned long long)w.packets(),
                 (unsigned long long)w.bytes(), out.toLocal8Bit().constData());
    return 0;
}
