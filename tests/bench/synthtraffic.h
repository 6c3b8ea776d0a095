// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The traffic the bench generators write: a pcap writer and a generator of
// ordinary sessions (DNS, HTTP, TLS, SSH, NTP, ARP, some IPv6) between a
// site's clients and servers. Header-only, shared by packetlens-synth and
// packetlens-attackmix.
#include "support/packetbuilder.h"

#include <QString>
#include <QStringList>

#include <algorithm>
#include <cstdio>
#include <random>

namespace synth {
using namespace packetlens::test;
using PB = PacketBuilder;
using namespace tcpflags;

class Writer
{
public:
    explicit Writer(FILE *f) : m_f(f)
    {
        const uint32_t hdr[6] = {0xa1b2c3d4, 0x00040002, 0, 0, 262144, 1};
        std::fwrite(hdr, 4, 6, m_f);
    }
    void write(const QByteArray &frame, int64_t tsUs)
    {
        const uint32_t rec[4] = {uint32_t(tsUs / 1000000), uint32_t(tsUs % 1000000), uint32_t(frame.size()),
                                 uint32_t(frame.size())};
        std::fwrite(rec, 4, 4, m_f);
        std::fwrite(frame.constData(), 1, size_t(frame.size()), m_f);
        m_bytes += 16 + uint64_t(frame.size());
        ++m_packets;
    }
    uint64_t bytes() const { return m_bytes; }
    uint64_t packets() const { return m_packets; }

private:
    FILE *m_f;
    uint64_t m_bytes = 24;
    uint64_t m_packets = 0;
};

struct Gen
{
    Writer &w;
    std::mt19937_64 rng;
    int64_t ts = 1735725600000000ll; // 2025-01-01T10:00:00Z
    uint16_t nextPort = 40000;

    int64_t tick(int maxUs = 2000) { return ts += int64_t(rng() % uint64_t(maxUs)) + 1; }
    // A site of 5000 clients talking to 3000 servers, popular ones more often.
    QString client() { return QStringLiteral("10.%1.%2.%3").arg(rng() % 4).arg(rng() % 50 + 1).arg(rng() % 25 + 2); }
    QString server()
    {
        const uint64_t r = rng() % 3000;
        const uint64_t i = (r * r) / 3000; // skewed towards low indices
        return QStringLiteral("%1.%2.%3.%4").arg(20 + i % 180).arg(i * 7 % 250).arg(i * 13 % 250).arg(i % 250 + 1);
    }
    uint16_t port() { return nextPort = nextPort >= 65000 ? 40000 : nextPort + 1; }

    void handshake(const QString &c, uint16_t cp, const QString &s, uint16_t sp, uint32_t &cs, uint32_t &ss)
    {
        w.write(PB::tcpFrame(c, cp, s, sp, Syn, cs++), tick());
        w.write(PB::tcpFrame(s, sp, c, cp, Syn | Ack, ss++, cs), tick());
        w.write(PB::tcpFrame(c, cp, s, sp, Ack, cs, ss), tick());
    }
    void close(const QString &c, uint16_t cp, const QString &s, uint16_t sp, uint32_t cs, uint32_t ss)
    {
        w.write(PB::tcpFrame(c, cp, s, sp, Fin | Ack, cs, ss), tick());
        w.write(PB::tcpFrame(s, sp, c, cp, Fin | Ack, ss, cs + 1), tick());
        w.write(PB::tcpFrame(c, cp, s, sp, Ack, cs + 1, ss + 1), tick());
    }
    void dns(const QString &c, const QString &name)
    {
        const uint16_t id = uint16_t(rng());
        const uint16_t p = port();
        w.write(PB::udpFrame(c, p, "10.0.0.53", 53, PB::dnsQuery(id, name)), tick());
        w.write(PB::udpFrame("10.0.0.53", 53, c, p, PB::dnsResponse(id, name, 0, server())), tick());
    }
    void http(const QString &c, const QString &s, const QString &host, int bodySegments)
    {
        const uint16_t cp = port();
        uint32_t cs = uint32_t(rng()), ss = uint32_t(rng());
        handshake(c, cp, s, 80, cs, ss);
        const QByteArray req = "GET /static/app-" + QByteArray::number(qulonglong(rng() % 1000)) + ".js HTTP/1.1\r\nHost: "
                               + host.toLatin1() + "\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0\r\n\r\n";
        w.write(PB::tcpFrame(c, cp, s, 80, Psh | Ack, cs, ss, req), tick());
        cs += uint32_t(req.size());
        const int bodyLen = bodySegments * 1400;
        QByteArray resp = "HTTP/1.1 200 OK\r\nContent-Type: application/javascript\r\nContent-Length: "
                          + QByteArray::number(bodyLen) + "\r\n\r\n";
        resp += QByteArray(1400 - resp.size(), 'j');
        int sent = resp.size() - int(resp.indexOf("\r\n\r\n")) - 4;
        w.write(PB::tcpFrame(s, 80, c, cp, Ack, ss, cs, resp), tick(300));
        ss += uint32_t(resp.size());
        while (sent < bodyLen) {
            const int n = std::min(1400, bodyLen - sent);
            w.write(PB::tcpFrame(s, 80, c, cp, Ack, ss, cs, QByteArray(n, 'b')), tick(200));
            ss += uint32_t(n);
            sent += n;
            if ((sent / 1400) % 2 == 0)
                w.write(PB::tcpFrame(c, cp, s, 80, Ack, cs, ss), tick(100));
        }
        close(c, cp, s, 80, cs, ss);
    }
    void tls(const QString &c, const QString &s, const QString &sni, int records, bool v6 = false)
    {
        const uint16_t cp = port();
        uint32_t cs = uint32_t(rng()), ss = uint32_t(rng());
        auto frame = [&](const QString &a, uint16_t ap, const QString &b, uint16_t bp, uint8_t fl, uint32_t sq,
                         uint32_t ak, const QByteArray &pl) {
            if (!v6)
                return PB::tcpFrame(a, ap, b, bp, fl, sq, ak, pl);
            return PB::ethernet(PB::ipv6(PB::tcp(ap, bp, fl, sq, ak, pl), 6, a, b), 0x86dd);
        };
        w.write(frame(c, cp, s, 443, Syn, cs++, 0, {}), tick());
        w.write(frame(s, 443, c, cp, Syn | Ack, ss++, cs, {}), tick());
        const QByteArray hello = PB::tlsClientHello(sni);
        w.write(frame(c, cp, s, 443, Psh | Ack, cs, ss, hello), tick());
        cs += uint32_t(hello.size());
        for (int i = 0; i < records; ++i) {
            QByteArray rec("\x17\x03\x03\x05\x50", 5);
            rec += QByteArray(0x550, char(rng()));
            w.write(frame(s, 443, c, cp, Ack, ss, cs, rec), tick(300));
            ss += uint32_t(rec.size());
            if (i % 3 == 0)
                w.write(frame(c, cp, s, 443, Ack, cs, ss, {}), tick(100));
        }
        w.write(frame(c, cp, s, 443, Rst | Ack, cs, ss, {}), tick());
    }
    void ssh(const QString &c, const QString &s)
    {
        const uint16_t cp = port();
        uint32_t cs = uint32_t(rng()), ss = uint32_t(rng());
        handshake(c, cp, s, 22, cs, ss);
        const QByteArray banner = "SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n";
        w.write(PB::tcpFrame(s, 22, c, cp, Psh | Ack, ss, cs, banner), tick());
        ss += uint32_t(banner.size());
        for (int i = 0; i < 6; ++i) {
            const QByteArray data(96 + int(rng() % 200), char(rng()));
            w.write(PB::tcpFrame(c, cp, s, 22, Psh | Ack, cs, ss, data), tick());
            cs += uint32_t(data.size());
        }
        close(c, cp, s, 22, cs, ss);
    }
    void ntp(const QString &c)
    {
        QByteArray q(48, '\0');
        q[0] = 0x23;
        w.write(PB::udpFrame(c, 123, "10.0.0.123", 123, q), tick());
        q[0] = 0x24;
        w.write(PB::udpFrame("10.0.0.123", 123, c, 123, q), tick());
    }
    // A client asks for its gateway's MAC and gets the answer. Each host keeps
    // one MAC (derived from its address), as on a real LAN.
    static QByteArray hostMac(const QString &ip)
    {
        const QStringList o = ip.split(QLatin1Char('.'));
        return PB::mac(0x1000 + (o[1].toInt() * 64 + o[2].toInt()) * 32 + o[3].toInt());
    }
    void arp(const QString &c)
    {
        const QByteArray mac = hostMac(c);
        w.write(PB::ethernet(PB::arp(1, mac, c, QByteArray(6, '\0'), "10.0.0.1"), 0x0806, mac, QByteArray(6, '\xff')),
                tick());
        w.write(PB::ethernet(PB::arp(2, PB::mac(1), "10.0.0.1", mac, c), 0x0806, PB::mac(1), mac), tick());
    }

    // A few things an analyst should notice, for the bundled sample.
    void attacks()
    {
        const QString scanner = QStringLiteral("10.3.66.6");
        for (int p = 1; p <= 200; ++p) {
            w.write(PB::tcpFrame(scanner, 61000, "10.0.0.80", uint16_t(p), Syn, 77), tick(300));
            w.write(PB::tcpFrame("10.0.0.80", uint16_t(p), scanner, 61000, Rst | Ack, 0, 78), tick(100));
        }
        const QString c = QStringLiteral("10.1.2.3");
        uint32_t cs = 5000, ss = 9000;
        handshake(c, 50123, "10.0.0.21", 21, cs, ss);
        for (const QByteArray &line : {QByteArray("USER alice\r\n"), QByteArray("PASS Winter2025!\r\n")}) {
            w.write(PB::tcpFrame(c, 50123, "10.0.0.21", 21, Psh | Ack, cs, ss, line), tick());
            cs += uint32_t(line.size());
        }
        for (int i = 0; i < 40; ++i)
            dns(QStringLiteral("10.2.9.9"), QStringLiteral("%1.t.exfil-example.net").arg(QString::number(rng(), 36) + QString::number(rng(), 36)));
    }
};
} // namespace synth
