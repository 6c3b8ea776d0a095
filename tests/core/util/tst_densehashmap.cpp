// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/densehashmap.h"

#include <QtTest>

#include <random>
#include <unordered_map>

using namespace packetlens;

class TestDenseHashMap : public QObject
{
    Q_OBJECT

private slots:
    // Random inserts, lookups and bulk erases against std::unordered_map,
    // once with a good hash and once with one that sends every key to a few
    // slots (long probe runs: backward-shift deletion must keep them whole).
    void matchesUnorderedMap_data()
    {
        QTest::addColumn<int>("hashBits");
        QTest::newRow("spread") << 64;
        QTest::newRow("colliding") << 2;
    }
    void matchesUnorderedMap()
    {
        QFETCH(int, hashBits);
        auto hashOf = [hashBits](uint32_t k) {
            uint64_t h = uint64_t(k) * 0x9e3779b97f4a7c15ull;
            h ^= h >> 29;
            return hashBits >= 64 ? h : (h & ((1ull << hashBits) - 1)) * 0x100000001ull;
        };
        DenseHashMap<uint32_t, uint64_t> map;
        std::unordered_map<uint32_t, uint64_t> ref;
        std::mt19937 rng(7);
        for (int round = 0; round < 40; ++round) {
            for (int i = 0; i < 500; ++i) {
                const uint32_t k = rng() % 3000;
                auto [v, isNew] = map.tryEmplace(k, hashOf(k));
                QCOMPARE(isNew, ref.count(k) == 0);
                *v += k + 1;
                ref[k] += k + 1;
            }
            const uint32_t mod = 2 + round % 5;
            map.eraseIf([mod](uint32_t k, uint64_t) { return k % mod == 0; });
            std::erase_if(ref, [mod](const auto &kv) { return kv.first % mod == 0; });
            QCOMPARE(map.size(), ref.size());
            for (uint32_t k = 0; k < 3000; ++k) {
                const uint64_t *v = map.find(k, hashOf(k));
                auto it = ref.find(k);
                QCOMPARE(v != nullptr, it != ref.end());
                if (v)
                    QCOMPARE(*v, it->second);
            }
            size_t seen = 0;
            map.forEach([&](uint32_t k, uint64_t v) {
                ++seen;
                QCOMPARE(ref.at(k), v);
            });
            QCOMPARE(seen, ref.size());
        }
        map.clear();
        QCOMPARE(map.size(), size_t(0));
        QVERIFY(!map.find(1, hashOf(1)));
    }

    // After a burst retires, the few live entries move into small chunks:
    // every one is still found with its value, forEach visits them in the
    // same order, inserting works on as before; a table that is small or
    // still well used is left alone.
    void compactsWhatABurstLeft()
    {
        auto hashOf = [](uint32_t k) { return uint64_t(k) * 0x9e3779b97f4a7c15ull ^ uint64_t(k) >> 7; };
        DenseHashMap<uint32_t, std::vector<int>> map;
        for (uint32_t k = 0; k < 40000; ++k)
            map.tryEmplace(k, hashOf(k)).first->assign(3, int(k));
        QVERIFY(!map.compactIfSparse(32768)); // all live
        map.eraseIf([](uint32_t k, std::vector<int> &) { return k % 100 != 7; });
        QCOMPARE(map.size(), size_t(400));
        std::vector<uint32_t> before;
        map.forEach([&](uint32_t k, const std::vector<int> &) { before.push_back(k); });
        QVERIFY(!map.compactIfSparse(50000)); // too small to bother
        QVERIFY(map.compactIfSparse(32768));
        QCOMPARE(map.size(), size_t(400));
        QCOMPARE(map.capacity(), size_t(400));
        std::vector<uint32_t> after;
        map.forEach([&](uint32_t k, const std::vector<int> &v) {
            after.push_back(k);
            QCOMPARE(v, std::vector<int>(3, int(k)));
        });
        QCOMPARE(after, before);
        for (uint32_t k = 0; k < 40000; ++k) {
            const std::vector<int> *v = map.find(k, hashOf(k));
            QCOMPARE(v != nullptr, k % 100 == 7);
        }
        for (uint32_t k = 40000; k < 41000; ++k)
            QVERIFY(map.tryEmplace(k, hashOf(k)).second);
        QVERIFY(!map.tryEmplace(7, hashOf(7)).second);
        QCOMPARE(map.size(), size_t(1400));
        QVERIFY(!map.compactIfSparse(1)); // now well used
    }
};

QTEST_GUILESS_MAIN(TestDenseHashMap)
#include "tst_densehashmap.moc"
