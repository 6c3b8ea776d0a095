// SPDX-License-Identifier: GPL-3.0-or-later
// The chronology's bounds: events per kind, distinct keys remembered, and
// what it says it left out; its flat address+port set.
#include "core/decode/decodedpacket.h"
#include "core/timeline/addressportset.h"
#include "core/timeline/chronology.h"

#include <QtTest>

using namespace packetlens;

namespace {
IpAddress v4(uint32_t a)
{
    const uint8_t b[4] = {uint8_t(a >> 24), uint8_t(a >> 16), uint8_t(a >> 8), uint8_t(a)};
    return IpAddress::v4(b);
}
} // namespace

class TestChronology : public QObject
{
    Q_OBJECT

private slots:
    void addressPortSetKeepsPairsApart()
    {
        AddressPortSet set;
        QVERIFY(set.insert(v4(0x08080808), 0));
        QVERIFY(!set.insert(v4(0x08080808), 0));
        QVERIFY(set.insert(v4(0x08080808), 443)); // the same address on another port
        QVERIFY(!set.insert(v4(0x08080808), 443));
        uint8_t six[16] = {0x20, 0x01, 0x0d, 0xb8};
        six[15] = 8;
        QVERIFY(set.insert(IpAddress::v6(six), 0)); // not 8.8.8.8's key
        QVERIFY(!set.insert(IpAddress(), 0));      // no address: never stored
        // Past its first table (grown, every key still found once).
        for (uint32_t i = 0; i < 5000; ++i)
            QVERIFY(set.insert(v4(0x0b000000 + i), uint16_t(i)));
        for (uint32_t i = 0; i < 5000; ++i)
            QVERIFY(!set.insert(v4(0x0b000000 + i), uint16_t(i)));
        QCOMPARE(set.size(), size_t(5003));
    }

    // First contact with more external hosts than it remembers: events for
    // the first kMaxEventsPerKind, the rest counted as left out until
    // kMaxSeen hosts are known, then nothing more.
    void firstContactsBounded()
    {
        Chronology c;
        DecodedPacket d;
        d.l4 = Proto::Udp;
        d.src = v4(0x0a000001); // 10.0.0.1: not external
        PacketContext pc;
        pc.d = &d;
        pc.opensConversation = true;
        const uint32_t hosts = uint32_t(Chronology::kMaxSeen) + 100;
        for (uint32_t i = 0; i < hosts; ++i) {
            d.dst = v4(0x0b000000 + i); // 11.x.y.z: external, each new
            pc.number = i + 1;
            pc.tsNs = int64_t(i) * 1000;
            c.add(pc);
            if (i < 10) { // seen again: no event, nothing left out
                pc.number = i + 1 + hosts;
                c.add(pc);
            }
        }
        c.finish();
        const auto events = c.events(0, int64_t(hosts) * 1000);
        QCOMPARE(events.size(), Chronology::kMaxEventsPerKind);
        QCOMPARE(events.front().kind, QStringLiteral("first_contact"));
        const auto omitted = c.omitted();
        QCOMPARE(omitted.size(), size_t(1));
        QCOMPARE(omitted.front().first, QStringLiteral("first_contact"));
        QCOMPARE(omitted.front().second, qint64(Chronology::kMaxSeen - Chronology::kMaxEventsPerKind));
    }
};

QTEST_GUILESS_MAIN(TestChronology)
#include "tst_chronology.moc"
