// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/zeroedpages.h"
#include "core/detect/oncecache.h"

#include <QTest>

#include <cstdint>

using namespace packetlens;

class TestZeroedPages : public QObject
{
    Q_OBJECT
private slots:
    void smallTablesAreZeroAndWritable()
    {
        ZeroedArray<uint64_t> a(100);
        QCOMPARE(a.size(), size_t(100));
        for (size_t i = 0; i < a.size(); ++i)
            QCOMPARE(a[i], uint64_t(0));
        for (size_t i = 0; i < a.size(); ++i)
            a[i] = i * 3;
        QCOMPARE(a[99], uint64_t(297));
    }
    void largeTablesSitOnTwoMebibyteBoundaries()
    {
        // 3 MiB: rounded up to two 2 MiB pages, aligned to them.
        ZeroedPages p(3u << 20);
        QVERIFY(p.data() != nullptr);
        QCOMPARE(reinterpret_cast<uintptr_t>(p.data()) % (2u << 20), uintptr_t(0));
        QCOMPARE(p.size(), size_t(4u << 20));
        auto *bytes = static_cast<unsigned char *>(p.data());
        size_t nonZero = 0;
        for (size_t i = 0; i < p.size(); i += 512)
            nonZero += bytes[i] != 0;
        QCOMPARE(nonZero, size_t(0));
        bytes[0] = 1;
        bytes[p.size() - 1] = 2; // the whole length is writable
        QCOMPARE(int(bytes[p.size() - 1]), 2);
    }
    void movesHandOverTheMemory()
    {
        ZeroedPages a(1u << 20);
        void *mem = a.data();
        static_cast<char *>(mem)[10] = 7;
        ZeroedPages b(std::move(a));
        QVERIFY(a.data() == nullptr);
        QCOMPARE(b.data(), mem);
        ZeroedPages c;
        c = std::move(b);
        QCOMPARE(static_cast<char *>(c.data())[10], char(7));
        QCOMPARE(ZeroedPages(0).data(), nullptr);
    }
    void onceCacheStartsEmpty()
    {
        // The first-event cache's slots live in zeroed pages: all-zero bytes
        // must read as unused, so no key is "seen before" at first.
        struct Event
        {
            int64_t ns = 0;
            uint64_t packet = 0;
        };
        detect::OnceCache<Event> once(12);
        Event first;
        // Hash 0 looks exactly like a zeroed slot's: it must still be new.
        QVERIFY(!once.seenBefore(0, Event{5, 6}, first));
        QVERIFY(once.seenBefore(0, Event{7, 8}, first));
        QCOMPARE(first.packet, uint64_t(6));
        QCOMPARE(first.ns, int64_t(5));
        for (uint64_t h = 1; h <= 64; ++h)
            QVERIFY(!once.seenBefore(h * 0x2545f4914f6cdd1dull, Event{int64_t(h), h}, first));
        QVERIFY(once.seenBefore(64 * 0x2545f4914f6cdd1dull, Event{}, first)); // the last one written to its slot
        QCOMPARE(first.packet, uint64_t(64));

        // The detectors' size (2^16 slots, 2 MiB and more: the huge-page path).
        detect::OnceCache<Event> big;
        for (uint64_t h = 0; h < 100000; h += 7)
            QVERIFY(!big.seenBefore(h * 0x2545f4914f6cdd1dull, Event{int64_t(h), h}, first));
        QVERIFY(big.seenBefore(99995 * 0x2545f4914f6cdd1dull, Event{}, first));
        QCOMPARE(first.packet, uint64_t(99995));
    }
};

QTEST_APPLESS_MAIN(TestZeroedPages)
#include "tst_zeroedpages.moc"
