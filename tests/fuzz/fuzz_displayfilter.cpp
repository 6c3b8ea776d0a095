// SPDX-License-Identifier: GPL-3.0-or-later
// The display-filter parser, and the parsed filter matched against packets.
#include "fuzztarget.h"

#include "core/decode/packetdecoder.h"
#include "core/inspect/displayfilter.h"
#include "core/inspect/packetsummary.h"
#include "support/packetbuilder.h"

#include <QList>

using namespace packetlens;
using PB = test::PacketBuilder;

namespace {
const QList<QByteArray> &frames()
{
    static const QList<QByteArray> f = {
        PB::udpFrame(QStringLiteral("10.0.0.1"), 5353, QStringLiteral("10.0.0.53"), 53, PB::dnsQuery(1, QStringLiteral("example.com"))),
        PB::tcpFrame(QStringLiteral("192.168.1.2"), 50000, QStringLiteral("93.184.216.34"), 443, 0x18, 1, 1,
                     PB::tlsClientHello(QStringLiteral("example.org"))),
        PB::tcpFrame(QStringLiteral("10.0.0.2"), 50001, QStringLiteral("10.0.0.80"), 80, 0x18, 1, 1,
                     "GET /login HTTP/1.1\r\nHost: a\r\n\r\n"),
        PB::ethernet(PB::ipv6(PB::udp(546, 547, QByteArray(40, 'x')), 17, QStringLiteral("fe80::1"), QStringLiteral("ff02::1:2")), 0x86dd),
        PB::ethernet(PB::arp(1, PB::mac(3), QStringLiteral("10.0.0.3"), PB::mac(0), QStringLiteral("10.0.0.4")), 0x0806),
        PB::tcpFrame(QStringLiteral("10.0.0.9"), 5555, QStringLiteral("10.0.0.10"), 80, 0x03), // SYN+FIN
        PB::tcpFrame(QStringLiteral("10.0.0.9"), 5555, QStringLiteral("10.0.0.10"), 80, 0x10).chopped(10), // cut short
    };
    return f;
}
} // namespace

PACKETLENS_FUZZ_TARGET(displayfilter)
{
    const DisplayFilter filter = DisplayFilter::parse(QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!filter.isValid() || filter.isEmpty())
        return 0;
    static const PacketDecoder decoder;
    uint64_t number = 0;
    for (const QByteArray &frame : frames()) {
        DecodedPacket d;
        d.reset();
        const auto *bytes = reinterpret_cast<const uint8_t *>(frame.constData());
        decoder.decode(1, bytes, uint32_t(frame.size()), uint32_t(frame.size()), d);
        const QString info = filter.needsInfo() ? packetInfo(d) : QString();
        // The analysis' generated fields: anomalies as the anomaly log finds
        // them, and some TCP analysis flags and response times.
        PacketExpert expert;
        expert.anomalies = packetAnomalies(d, 1);
        if (number % 2)
            expert.anomalies.kinds |= AnomalyTimestampOutOfOrder;
        expert.tcp = uint16_t(number * 0x1111);
        expert.dnsTimeNs = int64_t(number) * 300'000'000;
        filter.matches({&d, ++number, uint32_t(frame.size()), filter.needsInfo() ? &info : nullptr, &expert});
    }
    return 0;
}
