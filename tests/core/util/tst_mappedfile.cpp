// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/mappedfile.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>
#include <unistd.h>

using namespace packetlens;

class TestMappedFile : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private slots:
    void readsWholeFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("a.bin"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray bytes(100000, '\0');
        for (int i = 0; i < bytes.size(); ++i)
            bytes[i] = char(i * 31);
        f.write(bytes);
        f.close();
        MappedFile m;
        QVERIFY(m.open(path));
        QCOMPARE(m.size(), uint64_t(bytes.size()));
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(m.data()), int(m.size())), bytes);
        m.release(0, m.size()); // dropped from RSS, still readable
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(m.data()), int(m.size())), bytes);
        QVERIFY(!m.shrank());
    }

    void refusesWhatCannotBeMapped()
    {
        MappedFile m;
        QVERIFY(!m.open(m_dir.filePath(QStringLiteral("missing"))));
        QVERIFY(!m.open(m_dir.path()));
        const QString empty = m_dir.filePath(QStringLiteral("empty"));
        QFile f(empty);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QVERIFY(!m.open(empty));
    }

    // Another program cuts the file short while it is mapped: reading past
    // the new end must not kill the process (SIGBUS); it reads zeros and the
    // map says it shrank.
    void fileCutShortWhileMapped()
    {
        const QString path = m_dir.filePath(QStringLiteral("b.bin"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(1 << 20, 'x'));
        f.close();
        MappedFile m;
        QVERIFY(m.open(path));
        QCOMPARE(m.data()[10], uint8_t('x'));
        QVERIFY(::truncate(QFile::encodeName(path).constData(), 4096) == 0);
        QCOMPARE(m.data()[100], uint8_t('x')); // still in the file
        uint64_t sum = 0;
        for (uint64_t i = 8192; i < m.size(); i += 4096)
            sum += m.data()[i]; // past the new end
        QCOMPARE(sum, uint64_t(0));
        QVERIFY(m.shrank());
        QCOMPARE(m.intactBytes(), uint64_t(4096)); // the file's new size, below the first page that faulted
        QCOMPARE(m.data()[5000], uint8_t(0));      // a lower page past the end, touched later
        QCOMPARE(m.intactBytes(), uint64_t(4096));
    }

    // The steward (the file hash) walks the map ahead of a consumer on
    // another thread: it sees every byte once, in order, never runs more
    // than its lead ahead of what the consumer reported, waits for the
    // consumer to finish, and hands releasing back when it stops early.
    void stewardWalksAheadOfConsumer()
    {
        const QString path = m_dir.filePath(QStringLiteral("s.bin"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray bytes(20 << 20, '\0'); // five 4 MiB chunks
        for (int i = 0; i < bytes.size(); ++i)
            bytes[i] = char(i * 7 + (i >> 12));
        f.write(bytes);
        f.close();

        MappedFile m;
        QVERIFY(m.open(path));
        m.setStewarded(true);
        std::atomic<uint64_t> reported{0};
        QByteArray seen;
        uint64_t maxLead = 0;
        bool consumerDoneBeforeReturn = false;
        std::atomic<bool> consumerDone{false};
        bool completed = false;
        std::thread steward([&] {
            completed = m.steward([&](const uint8_t *p, size_t n) {
                const uint64_t start = uint64_t(seen.size());
                maxLead = std::max(maxLead, start - std::min(start, reported.load()));
                seen.append(reinterpret_cast<const char *>(p), qsizetype(n));
            }, nullptr, 4u << 20);
            consumerDoneBeforeReturn = consumerDone.load();
        });
        // The consumer: reads every byte, reports every MiB.
        uint64_t sum = 0;
        for (uint64_t off = 0; off < m.size(); ++off) {
            sum += m.data()[off];
            if (off % (1 << 20) == 0 && off > 0) {
                reported = off;
                m.consumed(off - (1 << 20), off);
            }
        }
        consumerDone = true;
        m.finishConsumer();
        steward.join();
        QVERIFY(completed);
        QCOMPARE(seen, bytes);
        QVERIFY2(maxLead <= (8u << 20), qPrintable(QString::number(maxLead))); // lead + one chunk
        QVERIFY(consumerDoneBeforeReturn);
        QVERIFY(!m.stewarded()); // the consumer releases for itself again
        uint64_t expected = 0;
        for (char c : bytes)
            expected += uint8_t(c);
        QCOMPARE(sum, expected);

        // Stopped early (a cancelled analysis): returns false at once.
        MappedFile m2;
        QVERIFY(m2.open(path));
        m2.setStewarded(true);
        std::atomic<bool> stop{true};
        int chunks = 0;
        QVERIFY(!m2.steward([&](const uint8_t *, size_t) { ++chunks; }, &stop));
        QCOMPARE(chunks, 0);
        QVERIFY(!m2.stewarded());
    }
};

QTEST_GUILESS_MAIN(TestMappedFile)
#include "tst_mappedfile.moc"
