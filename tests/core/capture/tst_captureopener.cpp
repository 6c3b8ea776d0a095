// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/capture/captureopener.h"
#include "core/capture/mappedpcapreader.h"
#include "core/capture/pcapreader.h"
#include "core/decode/packetdecoder.h"
#include "core/util/mappedfile.h"
#include "support/capturewriter.h"
#include "support/packetbuilder.h"

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipnewinfo.h>

#include <QTemporaryDir>
#include <QtTest>

#include <zlib.h>
#include <pcap/pcap.h>

#include <cstring>
#include <unistd.h>

using namespace packetlens;
using namespace packetlens::test;
using PB = PacketBuilder;

namespace {
std::shared_ptr<MappedFile> mapOf(const QString &path)
{
    auto m = std::make_shared<MappedFile>();
    return m->open(path) ? m : nullptr;
}

struct ReadResult
{
    bool opened = false;
    InputError error = InputError::None;
    QString message;
    QStringList names;
    QList<int> counts;
    QList<int64_t> firstTs;
    QList<bool> truncated;
    QList<uint64_t> truncatedAt;
    QStringList formats;
    QList<std::vector<int>> linkTypes;
    QStringList hashes;
    QStringList skipped;
};

ReadResult readAll(const QString &path, const QString &password = {}, OpenOptions opts = {})
{
    ReadResult r;
    opts.password = password;
    CaptureOpener o;
    r.opened = o.open(path, opts);
    if (r.opened) {
        CaptureInput in;
        while (o.nextInput(in)) {
            RawPacket p;
            int n = 0;
            int64_t first = -1;
            while (in.reader->next(p)) {
                if (n == 0)
                    first = p.tsSec * 1000000000ll + p.tsNsec;
                ++n;
            }
            r.names << in.name;
            r.counts << n;
            r.firstTs << first;
            r.truncated << in.reader->truncated();
            r.truncatedAt << in.reader->truncatedAt();
            r.formats << in.reader->formatName();
            r.linkTypes << in.reader->linkTypes();
            if (in.hashedInStream)
                r.hashes << o.finishEntryHash();
        }
    }
    r.error = o.error();
    r.message = o.errorMessage();
    r.skipped = o.skippedEntries();
    return r;
}

QList<TestPacket> sample(int n)
{
    QList<TestPacket> out;
    for (int i = 0; i < n; ++i)
        out << TestPacket{PB::tcpFrame("10.0.0.1", 1000, "10.0.0.2", 80, tcpflags::Ack, uint32_t(i)),
                          1700000000123456789ll + i * 1000000ll, 0, 0};
    return out;
}

bool writeZip(const QString &path, const QList<QPair<QString, QByteArray>> &entries, const char *password = nullptr)
{
    QuaZip zip(path);
    if (!zip.open(QuaZip::mdCreate))
        return false;
    for (const auto &e : entries) {
        QuaZipFile f(&zip);
        const quint32 crc = quint32(crc32(0, reinterpret_cast<const Bytef *>(e.second.constData()), uInt(e.second.size())));
        if (!f.open(QIODevice::WriteOnly, QuaZipNewInfo(e.first), password, crc))
            return false;
        f.write(e.second);
        f.close();
    }
    zip.close();
    return true;
}

// Everything a reader hands out, for comparing two readers of one file.
struct Trace
{
    QList<QByteArray> packets; // header fields and bytes of each packet
    bool truncated = false;
    uint64_t truncatedAt = 0;
    QString error;
};

Trace trace(PacketReader &r)
{
    Trace t;
    RawPacket p;
    while (r.next(p)) {
        QByteArray rec;
        rec.append(reinterpret_cast<const char *>(&p.tsSec), sizeof p.tsSec);
        rec.append(reinterpret_cast<const char *>(&p.tsNsec), sizeof p.tsNsec);
        rec.append(reinterpret_cast<const char *>(&p.caplen), sizeof p.caplen);
        rec.append(reinterpret_cast<const char *>(&p.len), sizeof p.len);
        rec.append(reinterpret_cast<const char *>(&p.linkType), sizeof p.linkType);
        rec.append(reinterpret_cast<const char *>(&p.recordOffset), sizeof p.recordOffset);
        rec.append(reinterpret_cast<const char *>(p.data), int(p.caplen));
        t.packets << rec;
    }
    t.truncated = r.truncated();
    t.truncatedAt = r.truncatedAt();
    t.error = r.error();
    return t;
}

QByteArray pcapHeader(uint32_t snaplen, uint32_t linkType)
{
    QByteArray h(24, '\0');
    const uint32_t magic = 0xa1b2c3d4;
    const uint16_t major = 2, minor = 4;
    std::memcpy(h.data(), &magic, 4);
    std::memcpy(h.data() + 4, &major, 2);
    std::memcpy(h.data() + 6, &minor, 2);
    std::memcpy(h.data() + 16, &snaplen, 4);
    std::memcpy(h.data() + 20, &linkType, 4);
    return h;
}

QByteArray pcapRecord(uint32_t sec, uint32_t usec, uint32_t caplen, uint32_t len, int bodyBytes)
{
    QByteArray r(16, '\0');
    std::memcpy(r.data(), &sec, 4);
    std::memcpy(r.data() + 4, &usec, 4);
    std::memcpy(r.data() + 8, &caplen, 4);
    std::memcpy(r.data() + 12, &len, 4);
    for (int i = 0; i < bodyBytes; ++i)
        r.append(char(i * 7 + 1));
    return r;
}
} // namespace

class TestCaptureOpener : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString file(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void pcapAllVariants_data()
    {
        QTest::addColumn<bool>("nano");
        QTest::addColumn<bool>("bigEndian");
        QTest::newRow("usec-le") << false << false;
        QTest::newRow("usec-be") << false << true;
        QTest::newRow("nsec-le") << true << false;
        QTest::newRow("nsec-be") << true << true;
    }
    void pcapAllVariants()
    {
        QFETCH(bool, nano);
        QFETCH(bool, bigEndian);
        const QString path = file(QStringLiteral("v.cap.bin")); // extension is irrelevant
        QVERIFY(CaptureWriter::save(path, CaptureWriter::pcap(sample(5), 1, nano, bigEndian)));
        const ReadResult r = readAll(path);
        QVERIFY2(r.opened, qPrintable(r.message));
        QCOMPARE(r.counts, QList<int>{5});
        QCOMPARE(r.formats.first(), nano ? QStringLiteral("pcap-ns") : QStringLiteral("pcap"));
        QCOMPARE(r.firstTs.first(), nano ? 1700000000123456789ll : 1700000000123456000ll);
        QVERIFY(!r.truncated.first());
    }

    void pcapngMultipleLinkTypesAndResolutions()
    {
        QList<TestPacket> pk;
        const QByteArray ip = PB::ipv4(PB::udp(1, 2, "x"), 17, "1.1.1.1", "2.2.2.2");
        QByteArray sll(16, '\0');
        sll[14] = 0x08;
        pk << TestPacket{PB::udpFrame("1.1.1.1", 1, "2.2.2.2", 2, "a"), 1600000000000000001ll, 0, 0};
        pk << TestPacket{sll + ip, 1600000000000000002ll, 0, 1};
        pk << TestPacket{ip, 1600000000000001000ll, 0, 2};
        const QString path = file(QStringLiteral("multi.pcapng"));
        QVERIFY(CaptureWriter::save(path, CaptureWriter::pcapng(pk, {1, 113, 101}, {9, 9, 6})));
        const ReadResult r = readAll(path);
        QVERIFY2(r.opened, qPrintable(r.message));
        QCOMPARE(r.counts, QList<int>{3});
        QCOMPARE(r.linkTypes.first(), (std::vector<int>{1, 113, 101}));
        QCOMPARE(r.firstTs.first(), 1600000000000000001ll);
    }

    void truncatedMidRecordKeepsWhatCameBefore()
    {
        const QByteArray whole = CaptureWriter::pcap(sample(4), 1);
        const int recordSize = 16 + sample(1).first().data.size();
        const QByteArray cut = whole.left(24 + 3 * recordSize + 10);
        const QString path = file(QStringLiteral("cut.pcap"));
        QVERIFY(CaptureWriter::save(path, cut));
        const ReadResult r = readAll(path);
        QCOMPARE(r.counts, QList<int>{3});
        QVERIFY(r.truncated.first());
        QCOMPARE(r.truncatedAt.first(), uint64_t(24 + 3 * recordSize));

        const QByteArray ng = CaptureWriter::pcapng(sample(4), {1});
        QVERIFY(CaptureWriter::save(path, ng.left(ng.size() - 7)));
        const ReadResult r2 = readAll(path);
        QCOMPARE(r2.counts, QList<int>{3});
        QVERIFY(r2.truncated.first());
    }

    // The memory-mapped reader and libpcap's own must hand out the very same
    // packets, truncation points and messages: for the corpus' pcap files and
    // for crafted faults (cut header, cut data, caplen over the snapshot
    // length, caplen over libpcap's maximum).
    void mappedReaderMatchesLibpcap()
    {
        QStringList paths;
        const QByteArray good = CaptureWriter::pcap(sample(5), 1);
        const int rec = 16 + sample(1).first().data.size();
        const QList<QPair<QString, QByteArray>> crafted = {
            {QStringLiteral("good.pcap"), good},
            {QStringLiteral("ns-big-endian.pcap"), CaptureWriter::pcap(sample(3), 1, true, true)},
            {QStringLiteral("cut-header.pcap"), good.left(24 + 2 * rec + 9)},
            {QStringLiteral("cut-data.pcap"), good.left(24 + 2 * rec + 16 + 5)},
            {QStringLiteral("over-snaplen.pcap"), pcapHeader(64, 1) + pcapRecord(1, 2, 100, 100, 100) + pcapRecord(1, 3, 60, 60, 60)},
            {QStringLiteral("over-snaplen-cut.pcap"), pcapHeader(64, 1) + pcapRecord(1, 2, 100, 100, 80)},
            {QStringLiteral("over-maximum.pcap"), pcapHeader(65535, 1) + pcapRecord(1, 2, 60, 60, 60) + pcapRecord(1, 2, 300000, 300000, 10)},
            {QStringLiteral("over-maximum-small-snap.pcap"), pcapHeader(100, 1) + pcapRecord(1, 2, 300000, 300000, 10)},
            {QStringLiteral("snaplen-zero.pcap"), pcapHeader(0, 1) + pcapRecord(1, 2, 70000, 70000, 70000)},
        };
        for (const auto &c : crafted) {
            QVERIFY(CaptureWriter::save(file(c.first), c.second));
            paths << file(c.first);
        }
        const QDir corpus(QStringLiteral(PACKETLENS_CORPUS_DIR));
        for (const char *sub : {"real", "malformed"})
            for (const QString &n : QDir(corpus.filePath(QLatin1String(sub))).entryList({QStringLiteral("*.pcap")}, QDir::Files))
                paths << corpus.filePath(QLatin1String(sub) + QLatin1Char('/') + n);
        int compared = 0;
        for (const QString &path : paths) {
            MappedPcapReader mapped;
            if (!mapped.open(mapOf(path)))
                continue; // a layout it leaves to libpcap (or a header libpcap rejects)
            // The header as libpcap reads it: the same link type and snapshot length.
            char err[PCAP_ERRBUF_SIZE] = {};
            pcap_t *lp = pcap_open_offline_with_tstamp_precision(QFile::encodeName(path).constData(), PCAP_TSTAMP_PRECISION_NANO, err);
            QVERIFY2(lp, err);
            QCOMPARE(mapped.linkType(), pcap_datalink(lp));
            QCOMPARE(int(mapped.snapshot()), pcap_snapshot(lp));
            pcap_close(lp);
            PcapReader plain(nullptr);
            QVERIFY2(plain.openFile(path, mapped.formatName() == QLatin1String("pcap-ns"), 0), qPrintable(path));
            const Trace a = trace(mapped), b = trace(plain);
            QVERIFY2(a.packets.size() == b.packets.size(),
                     qPrintable(QStringLiteral("%1: %2 vs %3 packets").arg(path).arg(a.packets.size()).arg(b.packets.size())));
            for (int i = 0; i < a.packets.size(); ++i)
                QVERIFY2(a.packets[i] == b.packets[i], qPrintable(QStringLiteral("%1: packet %2 differs").arg(path).arg(i + 1)));
            QCOMPARE(a.truncated, b.truncated);
            QCOMPARE(a.truncatedAt, b.truncatedAt);
            QCOMPARE(a.error, b.error);
            ++compared;
        }
        QVERIFY(compared >= crafted.size());
        if (!corpus.exists())
            qInfo("corpus %s absent: compared the crafted captures only", qPrintable(corpus.path()));
        else
            qInfo("compared %d captures", compared);
    }

    // The file is cut short while it is read, and the thread hashing ahead
    // of the reader (same map) meets the cut first: the reader still reads
    // every packet before the cut and stops exactly there.
    void cutFoundAheadOfReader()
    {
        QByteArray bytes = pcapHeader(65535, 1);
        for (int i = 0; i < 400; ++i)
            bytes += pcapRecord(1, uint32_t(i), 1000, 1000, 1000); // 1016-byte records
        const QString path = file(QStringLiteral("cut-ahead.pcap"));
        QVERIFY(CaptureWriter::save(path, bytes));
        MappedPcapReader reader;
        QVERIFY(reader.open(mapOf(path)));
        const uint64_t cut = 24 + 100 * 1016 + 500; // inside record 101
        QVERIFY(::truncate(QFile::encodeName(path).constData(), off_t(cut)) == 0);
        const std::shared_ptr<MappedFile> map = reader.mapping();
        QCOMPARE(map->data()[map->size() - 1], uint8_t(0)); // the "hash" touches the end first
        QVERIFY(map->shrank());
        RawPacket pkt;
        int n = 0;
        while (reader.next(pkt))
            ++n;
        QCOMPARE(map->intactBytes(), cut);
        QCOMPARE(n, 100); // every record before the cut
        QVERIFY(reader.truncated());
        QCOMPARE(reader.truncatedAt(), uint64_t(24 + 100 * 1016));
        QVERIFY(reader.error().contains(QStringLiteral("cut short")));
    }

    void gzipHoldingPcapng()
    {
        const QString path = file(QStringLiteral("trace"));
        QVERIFY(CaptureWriter::save(path, CaptureWriter::gzip(CaptureWriter::pcapng(sample(7), {1}))));
        const ReadResult r = readAll(path);
        QVERIFY2(r.opened, qPrintable(r.message));
        QCOMPARE(r.counts, QList<int>{7});
    }

    void zipWithSeveralCapturesAndOtherFiles()
    {
        const QString path = file(QStringLiteral("bundle.zip"));
        QVERIFY(writeZip(path, {{QStringLiteral("../../etc/evil.pcap"), CaptureWriter::pcap(sample(2))},
                                {QStringLiteral("readme.txt"), "hello"},
                                {QStringLiteral("dir/b.pcapng"), CaptureWriter::pcapng(sample(3), {1})}}));
        const ReadResult r = readAll(path);
        QVERIFY2(r.opened, qPrintable(r.message));
        QCOMPARE(r.counts, (QList<int>{2, 3}));
        QCOMPARE(r.skipped.size(), 1);
        QVERIFY(r.skipped.first().startsWith(QStringLiteral("readme.txt")));
        QCOMPARE(r.hashes.size(), 2);
        QCOMPARE(r.hashes.first().size(), 64);
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("../../etc/evil.pcap"))));
    }

    void encryptedZipInfectedAndGivenPassword()
    {
        const QString path = file(QStringLiteral("malware.zip"));
        QVERIFY(writeZip(path, {{QStringLiteral("a.pcap"), CaptureWriter::pcap(sample(4))}}, "infected"));
        ReadResult r = readAll(path);
        QVERIFY2(r.opened, qPrintable(r.message));
        QCOMPARE(r.counts, QList<int>{4});

        QVERIFY(writeZip(path, {{QStringLiteral("a.pcap"), CaptureWriter::pcap(sample(4))}}, "s3cret"));
        r = readAll(path);
        QCOMPARE(r.counts, QList<int>{});
        QCOMPARE(r.error, InputError::Archive);
        QVERIFY2(r.message.contains(QStringLiteral("password")), qPrintable(r.message));
        r = readAll(path, QStringLiteral("s3cret"));
        QCOMPARE(r.counts, QList<int>{4});
    }

    void zipBombStopsWithError()
    {
        // 64 MiB of zeros after a pcap header compresses far beyond 200:1.
        QByteArray bomb = CaptureWriter::pcap({});
        bomb.append(QByteArray(64 << 20, '\0'));
        const QString path = file(QStringLiteral("bomb.zip"));
        QVERIFY(writeZip(path, {{QStringLiteral("bomb.pcap"), bomb}}));
        ReadResult r = readAll(path);
        QCOMPARE(r.truncated.size(), 1);
        QVERIFY(r.truncated.first()); // stopped, not crashed

        OpenOptions small;
        small.maxDecompressedBytes = 1 << 20;
        r = readAll(path, {}, small);
        QVERIFY(r.truncated.first());
    }

    void emptyNotCaptureMissing()
    {
        QVERIFY(CaptureWriter::save(file(QStringLiteral("empty.pcap")), {}));
        ReadResult r = readAll(file(QStringLiteral("empty.pcap")));
        QCOMPARE(r.error, InputError::Empty);
        QVERIFY(r.message.contains(QStringLiteral("empty")));

        QVERIFY(CaptureWriter::save(file(QStringLiteral("page.pcap")), "<!DOCTYPE html><html></html>"));
        r = readAll(file(QStringLiteral("page.pcap")));
        QCOMPARE(r.error, InputError::NotACapture);
        QVERIFY2(r.message.contains(QStringLiteral("<!DO")), qPrintable(r.message));

        r = readAll(file(QStringLiteral("missing.pcap")));
        QCOMPARE(r.error, InputError::Unreadable);
        QVERIFY(r.message.contains(QStringLiteral("no such file")));

        QByteArray badHeader = CaptureWriter::pcap(sample(1));
        badHeader[4] = 9; // version 9.4
        QVERIFY(CaptureWriter::save(file(QStringLiteral("badver.pcap")), badHeader));
        r = readAll(file(QStringLiteral("badver.pcap")));
        QCOMPARE(r.error, InputError::Corrupt);
    }
};

QTEST_GUILESS_MAIN(TestCaptureOpener)
#include "tst_captureopener.moc"
