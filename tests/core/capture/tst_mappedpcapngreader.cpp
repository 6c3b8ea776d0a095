// SPDX-License-Identifier: GPL-3.0-or-later
// The in-place pcapng reader: interfaces with their own link types and
// timestamp resolutions and offsets, both section byte orders, simple and
// obsolete packet blocks, skipped blocks, and damaged or truncated blocks,
// each read the same as the streaming reader reads it (packets, offsets,
// messages).
#include "core/capture/bytesource.h"
#include "core/capture/captureopener.h"
#include "core/capture/mappedpcapngreader.h"
#include "core/capture/pcapngreader.h"
#include "core/util/mappedfile.h"
#include "support/capturewriter.h"

#include <QTemporaryDir>
#include <QtTest>

#include <functional>

using namespace packetlens;
using namespace packetlens::test;

namespace {
// Writes pcapng blocks in either byte order.
struct Blocks
{
    bool big = false;
    QByteArray b;

    void u16(uint16_t v) { big ? (b.append(char(v >> 8)), b.append(char(v))) : (b.append(char(v)), b.append(char(v >> 8))); }
    void u32(uint32_t v) { big ? (u16(uint16_t(v >> 16)), u16(uint16_t(v))) : (u16(uint16_t(v)), u16(uint16_t(v >> 16))); }
    void u64(uint64_t v) { big ? (u32(uint32_t(v >> 32)), u32(uint32_t(v))) : (u32(uint32_t(v)), u32(uint32_t(v >> 32))); }
    void padded(const QByteArray &d) { b.append(d).append(QByteArray((4 - d.size() % 4) % 4, '\0')); }
    void block(uint32_t type, const QByteArray &body)
    {
        const uint32_t len = uint32_t(12 + body.size());
        u32(type);
        u32(len);
        b.append(body);
        u32(len);
    }
    QByteArray body(const std::function<void(Blocks &)> &fill) const
    {
        Blocks x{big, {}};
        fill(x);
        return x.b;
    }
    void section() { block(0x0A0D0D0A, body([](Blocks &x) { x.u32(0x1A2B3C4D), x.u16(1), x.u16(0), x.u64(~0ull); })); }
    // tsresol byte (0 = none) and if_tsoffset seconds (0 = none).
    void interface(uint16_t link, uint8_t tsresol = 0, int64_t tsoffset = 0)
    {
        block(1, body([&](Blocks &x) {
                  x.u16(link), x.u16(0), x.u32(262144);
                  if (tsresol)
                      x.u16(9), x.u16(1), x.padded(QByteArray(1, char(tsresol)));
                  if (tsoffset)
                      x.u16(14), x.u16(8), x.u64(uint64_t(tsoffset));
                  x.u16(0), x.u16(0);
              }));
    }
    void epb(uint32_t ifId, uint64_t ts, const QByteArray &data)
    {
        block(6, body([&](Blocks &x) {
                  x.u32(ifId), x.u32(uint32_t(ts >> 32)), x.u32(uint32_t(ts)), x.u32(uint32_t(data.size())),
                      x.u32(uint32_t(data.size()) + 4), x.padded(data);
              }));
    }
    void spb(const QByteArray &data) { block(3, body([&](Blocks &x) { x.u32(uint32_t(data.size())), x.padded(data); })); }
    void opb(uint16_t ifId, uint64_t ts, const QByteArray &data)
    {
        block(2, body([&](Blocks &x) {
                  x.u16(ifId), x.u16(0), x.u32(uint32_t(ts >> 32)), x.u32(uint32_t(ts)), x.u32(uint32_t(data.size())),
                      x.u32(uint32_t(data.size())), x.padded(data);
              }));
    }
};

struct Packet
{
    int64_t sec;
    uint32_t nsec;
    uint32_t caplen, len;
    int link;
    QByteArray data;
    bool operator==(const Packet &o) const = default;
};

struct Result
{
    QList<Packet> packets;
    bool truncated = false;
    uint64_t at = 0;
    QString error;
    QStringList warnings;
    std::vector<int> links;
    int digits = 0;
    bool operator==(const Result &o) const = default;
};

Result drain(PacketReader &r)
{
    Result out;
    RawPacket p;
    while (r.next(p))
        out.packets << Packet{p.tsSec, p.tsNsec, p.caplen, p.len, p.linkType,
                              QByteArray(reinterpret_cast<const char *>(p.data), int(p.caplen))};
    out.truncated = r.truncated();
    out.at = r.truncatedAt();
    out.error = r.error();
    out.warnings = r.warnings();
    out.links = r.linkTypes();
    out.digits = r.timestampDigits();
    return out;
}

QByteArray frame(char fill, int n) { return QByteArray(n, fill); }
} // namespace

class TestMappedPcapngReader : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    // Both readers on the same bytes; they must agree, and the mapped one is returned.
    Result readBoth(const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(QStringLiteral("t.pcapng"));
        if (!CaptureWriter::save(path, bytes))
            return {};
        auto map = std::make_shared<MappedFile>();
        if (!map->open(path))
            return {};
        MappedPcapngReader mapped(map);
        const Result a = drain(mapped);
        auto file = std::make_unique<FileSource>();
        file->open(path);
        PcapngReader streamed(std::make_unique<BufferedSource>(std::move(file)));
        const Result b = drain(streamed);
        if (!(a == b))
            qWarning() << "readers disagree:" << a.error << b.error << a.at << b.at << a.packets.size() << b.packets.size();
        return a == b ? a : Result{};
    }

    static Blocks twoInterfaces(bool big)
    {
        Blocks w{big, {}};
        w.section();
        w.interface(1, 9);                // Ethernet, ns
        w.interface(101, 0x80 | 20, 100); // raw IP, 2^-20 s, +100 s
        w.interface(113, 3);              // Linux cooked, ms
        return w;
    }

private slots:
    void interfacesWithTheirOwnLinkTypesAndResolutions_data()
    {
        QTest::addColumn<bool>("big");
        QTest::newRow("little-endian") << false;
        QTest::newRow("big-endian") << true;
    }
    void interfacesWithTheirOwnLinkTypesAndResolutions()
    {
        QFETCH(bool, big);
        Blocks w = twoInterfaces(big);
        w.epb(0, 1600000000123456789ull, frame('a', 60));
        w.block(4, QByteArray(8, '\0')); // name resolution: skipped
        w.epb(1, (uint64_t(1600000000) << 20) | (1u << 19), frame('b', 41));
        w.epb(2, 1600000000250ull, frame('c', 44));
        w.block(5, QByteArray(20, '\0')); // interface statistics: skipped
        const Result r = readBoth(w.b);
        QCOMPARE(r.packets.size(), 3);
        QVERIFY(!r.truncated);
        QCOMPARE(r.links, (std::vector<int>{1, 101, 113}));
        QCOMPARE(r.digits, 9);
        QCOMPARE(r.packets[0], (Packet{1600000000, 123456789, 60, 64, 1, frame('a', 60)}));
        QCOMPARE(r.packets[1], (Packet{1600000100, 500000000, 41, 45, 101, frame('b', 41)}));
        QCOMPARE(r.packets[2], (Packet{1600000000, 250000000, 44, 48, 113, frame('c', 44)}));
    }

    void simpleAndObsoletePacketBlocks()
    {
        for (bool big : {false, true}) {
            Blocks w{big, {}};
            w.section();
            w.interface(1);
            w.spb(frame('s', 61));
            w.opb(0, 1700000000000001ull, frame('o', 62));
            const Result r = readBoth(w.b);
            QCOMPARE(r.packets.size(), 2);
            QCOMPARE(r.packets[0], (Packet{0, 0, 61, 61, 1, frame('s', 61)}));
            QCOMPARE(r.packets[1], (Packet{1700000000, 1000, 62, 62, 1, frame('o', 62)}));
            QCOMPARE(r.digits, 6);
        }
    }

    // A second section, in the other byte order, starts its own interfaces.
    void sectionsInBothByteOrders()
    {
        Blocks w = twoInterfaces(false);
        w.epb(1, uint64_t(5) << 20, frame('x', 20));
        Blocks v{true, {}};
        v.section();
        v.interface(101);
        v.epb(0, 7000001, frame('y', 20));
        const Result r = readBoth(w.b + v.b);
        QCOMPARE(r.packets.size(), 2);
        QCOMPARE(r.packets[0].sec, 105);
        QCOMPARE(r.packets[1], (Packet{7, 1000, 20, 24, 101, frame('y', 20)}));
    }

    // A truncated last block, and damaged blocks: the packets before are kept,
    // the reason and the offset are the streaming reader's.
    void truncatedAndDamagedBlocks()
    {
        Blocks w{false, {}};
        w.section();
        w.interface(1);
        w.epb(0, 1, frame('a', 60));
        const int good = int(w.b.size());
        w.epb(0, 2, frame('b', 60));
        const Result cut = readBoth(w.b.left(w.b.size() - 9));
        QCOMPARE(cut.packets.size(), 1);
        QVERIFY(cut.truncated);
        QCOMPARE(cut.at, uint64_t(good));
        QCOMPARE(cut.error, QStringLiteral("capture cut inside a block (83 of 92 bytes present)"));

        const Result header = readBoth(w.b.left(good + 5));
        QCOMPARE(header.error, QStringLiteral("capture cut in a block header (5 of 8 bytes)"));

        QByteArray trailer = w.b;
        trailer[trailer.size() - 1] = 1;
        const Result t = readBoth(trailer);
        QCOMPARE(t.packets.size(), 1);
        QCOMPARE(t.error, QStringLiteral("block trailer length does not match its header"));

        Blocks u{false, {}};
        u.section();
        u.interface(1);
        u.epb(3, 1, frame('c', 30));
        const Result undefinedIf = readBoth(u.b);
        QCOMPARE(undefinedIf.error, QStringLiteral("packet refers to undefined interface 3"));
        QCOMPARE(undefinedIf.at, uint64_t(u.b.size()));

        const Result noSection = readBoth(w.b.mid(28));
        QCOMPARE(noSection.error, QStringLiteral("capture does not start with a section header block"));
    }

    // The opener reads a pcapng file in place and offers its mapping to the hash.
    void openerMapsPcapng()
    {
        Blocks w = twoInterfaces(false);
        w.epb(0, 5, frame('a', 60));
        const QString path = m_dir.filePath(QStringLiteral("o.pcapng"));
        QVERIFY(CaptureWriter::save(path, w.b));
        CaptureOpener o;
        QVERIFY(o.open(path, {}));
        QVERIFY(o.mapping() != nullptr);
        CaptureInput in;
        QVERIFY(o.nextInput(in));
        QVERIFY(dynamic_cast<MappedPcapngReader *>(in.reader.get()) != nullptr);
        QCOMPARE(drain(*in.reader).packets.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestMappedPcapngReader)
#include "tst_mappedpcapngreader.moc"
