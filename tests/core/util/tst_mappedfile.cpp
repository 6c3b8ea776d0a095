#include "core/util/mappedfile.h"

#include <QTemporaryDir>
#include <QtTest>

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
    }
};

QTEST_GUILESS_MAIN(TestMappedFile)
#include "tst_mappedfile.moc"
