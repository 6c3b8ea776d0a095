// SPDX-License-Identifier: GPL-3.0-or-later
// Follow TCP Stream, held against `tshark -q -z follow,tcp,FORMAT,N` on the
// shared corpus (SHA-256 of tshark's output in tests/data/follow_expected.tsv,
// derived by tests/tools/derive-stream-expected.py), and the CLI's follow.
#include "core/service/streamfollow.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <quazip/quazip.h>
#include <quazip/quazipfile.h>

using namespace packetlens;

namespace {
QString corpus(const QString &name)
{
    return QStringLiteral(PACKETLENS_CORPUS_DIR "/real/") + name;
}
} // namespace

class TstStreamFollow : public QObject
{
    Q_OBJECT
private slots:
    void init()
    {
        if (!QFile::exists(corpus(QStringLiteral("ftp_anonymous_retr_epsv.pcap"))))
            QSKIP("the shared corpus is not there");
    }

    void asTshark_data()
    {
        QTest::addColumn<QString>("capture");
        QTest::addColumn<qint64>("stream");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QByteArray>("sha256");
        QFile f(QStringLiteral(PACKETLENS_TEST_DATA "/follow_expected.tsv"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QList<QByteArray> c = line.split('\t');
            if (c.size() == 4 && !line.startsWith('#'))
                QTest::newRow(line.left(line.lastIndexOf('\t')).constData()) << QString::fromUtf8(c[0]) << c[1].toLongLong() << QString::fromUtf8(c[2]) << c[3];
        }
    }
    void asTshark()
    {
        QFETCH(QString, capture);
        QFETCH(qint64, stream);
        QFETCH(QString, format);
        QFETCH(QByteArray, sha256);
        FollowedStream s;
        QString error;
        QVERIFY2(followTcpStream(corpus(capture), stream, s, &error), qPrintable(error));
        QVERIFY(s.found);
        const QByteArray text = followText(s, format == QLatin1String("hex") ? FollowFormat::Hex : FollowFormat::Ascii);
        QCOMPARE(QCryptographicHash::hash(text, QCryptographicHash::Sha256).toHex(), sha256);
    }

    void knownConversation()
    {
        FollowedStream s;
        QVERIFY(followTcpStream(corpus(QStringLiteral("ftp_bruteforce_password_crack.pcap")), 0, s, nullptr));
        QCOMPARE(s.node[0], QStringLiteral("10.121.70.151:21"));
        QCOMPARE(s.node[1], QStringLiteral("10.234.125.254:2217"));
        QCOMPARE(followText(s, FollowFormat::Raw), QByteArray("530 Login incorrect.\r\n"));
        QVERIFY(followTcpStream(corpus(QStringLiteral("ftp_bruteforce_password_crack.pcap")), 1000000, s, nullptr));
        QVERIFY(!s.found);
    }

    void cli()
    {
        QProcess p;
        p.start(QStringLiteral(PACKETLENS_CLI), {QStringLiteral("follow"), corpus(QStringLiteral("ftp_bruteforce_password_crack.pcap")),
                                                 QStringLiteral("--stream"), QStringLiteral("0"), QStringLiteral("--format"), QStringLiteral("raw")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.readAllStandardOutput(), QByteArray("530 Login incorrect.\r\n"));
        p.start(QStringLiteral(PACKETLENS_CLI), {QStringLiteral("follow"), corpus(QStringLiteral("ftp_bruteforce_password_crack.pcap")),
                                                 QStringLiteral("--stream"), QStringLiteral("x")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
    }

    // A zip holding two captures: each tab (and --entry) follows its own
    // capture, not the archive's first.
    void zipEntries()
    {
        const QString second = corpus(QStringLiteral("ftp_bruteforce_password_crack.pcap"));
        QTemporaryDir dir;
        const QString zipPath = dir.filePath(QStringLiteral("two.zip"));
        {
            QuaZip zip(zipPath);
            QVERIFY(zip.open(QuaZip::mdCreate));
            for (const QString &path : {corpus(QStringLiteral("ftp_anonymous_retr_epsv.pcap")), second}) {
                QFile in(path);
                QVERIFY(in.open(QIODevice::ReadOnly));
                QuaZipFile zf(&zip);
                QVERIFY(zf.open(QIODevice::WriteOnly, QuaZipNewInfo(QFileInfo(path).fileName())));
                QVERIFY(zf.write(in.readAll()) > 0);
                zf.close();
            }
            zip.close();
        }
        FollowedStream plain, first, entry;
        QVERIFY(followTcpStream(second, 0, plain, nullptr));
        QVERIFY(followTcpStream(zipPath, 0, first, nullptr));
        QVERIFY(followTcpStream(zipPath, 0, entry, nullptr, 1));
        QVERIFY(entry.found);
        QCOMPARE(followText(entry, FollowFormat::Raw), followText(plain, FollowFormat::Raw));
        QVERIFY(followText(first, FollowFormat::Raw) != followText(plain, FollowFormat::Raw));
        QString error;
        QVERIFY(!followTcpStream(zipPath, 0, entry, &error, 2));
        QVERIFY2(error.contains(QStringLiteral("no capture #3")), qPrintable(error));

        QProcess p;
        p.start(QStringLiteral(PACKETLENS_CLI), {QStringLiteral("follow"), zipPath, QStringLiteral("--stream"), QStringLiteral("0"),
                                                 QStringLiteral("--format"), QStringLiteral("raw"), QStringLiteral("--entry"), QStringLiteral("2")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        QCOMPARE(p.readAllStandardOutput(), QByteArray("530 Login incorrect.\r\n"));
        p.start(QStringLiteral(PACKETLENS_CLI), {QStringLiteral("follow"), zipPath, QStringLiteral("--stream"), QStringLiteral("0"),
                                                 QStringLiteral("--entry"), QStringLiteral("0")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
    }
};

QTEST_GUILESS_MAIN(TstStreamFollow)
#include "tst_streamfollow.moc"
