// SPDX-License-Identifier: GPL-3.0-or-later
// Export Objects, held against the files `tshark --export-objects` carves
// from the shared corpus (SHA-256 and size in tests/data/objects_expected.tsv,
// derived by tests/tools/derive-stream-expected.py), safe names, and the CLI.
#include "core/objects/exportobjects.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>

using namespace packetlens;

namespace {
QString corpus(const QString &name)
{
    return QStringLiteral(PACKETLENS_CORPUS_DIR "/real/") + name;
}
} // namespace

class TstExportObjects : public QObject
{
    Q_OBJECT
private slots:
    void safeNames()
    {
        ObjectNames taken;
        QCOMPARE(safeObjectName(QStringLiteral("../../etc/passwd"), taken), QStringLiteral("_.._etc_passwd"));
        QCOMPARE(safeObjectName(QStringLiteral(".."), taken), QStringLiteral("object"));
        QCOMPARE(safeObjectName(QStringLiteral("a\\b:c\nd"), taken), QStringLiteral("a_b_c_d"));
        QCOMPARE(safeObjectName(QStringLiteral("object"), taken), QStringLiteral("object(1)"));
        QCOMPARE(int(safeObjectName(QString(300, u'x'), taken).size()), 200);
        // A name as long as a damaged capture can make (an 8 MB URI) is cut
        // in one step, not by measuring it once per character (make mutate
        // found one that took minutes); multi-byte text stays within 200
        // bytes and never ends in half a surrogate pair.
        QCOMPARE(int(safeObjectName(QString(8 << 20, u'y'), taken).size()), 200);
        const QString wide = safeObjectName(QString(300, QChar(0x42f)), taken);
        QVERIFY(wide.toUtf8().size() <= 200 && wide.size() == 100);
        QString pairs;
        for (int i = 0; i < 150; ++i)
            pairs += QString::fromUcs4(U"\U0001F600", 1);
        const QString emoji = safeObjectName(pairs, taken);
        QVERIFY(emoji.toUtf8().size() <= 200 && !emoji.back().isHighSurrogate());
        // Case-insensitively unique, numbered on, and in constant time a name.
        QCOMPARE(safeObjectName(QStringLiteral("OBJECT"), taken), QStringLiteral("OBJECT(2)"));
        ObjectNames many(QStringList{QStringLiteral("index.html(2)")});
        QCOMPARE(many.take(QStringLiteral("index.html")), QStringLiteral("index.html"));
        QCOMPARE(many.take(QStringLiteral("index.html")), QStringLiteral("index.html(1)"));
        QCOMPARE(many.take(QStringLiteral("index.html")), QStringLiteral("index.html(3)"));
        for (int i = 0; i < 200000; ++i)
            many.take(QStringLiteral("index.html"));
        QCOMPARE(many.take(QStringLiteral("Index.html")), QStringLiteral("Index.html(200004)"));
    }

    void magic()
    {
        QCOMPARE(objectTypeByMagic(QByteArray("\x89PNG\r\n", 6)), QStringLiteral("PNG image"));
        QCOMPARE(objectTypeByMagic("<!DOCTYPE html><html>"), QStringLiteral("HTML document"));
        QCOMPARE(objectTypeByMagic("hello\n"), QStringLiteral("text"));
        QCOMPARE(objectTypeByMagic(QByteArray("\x01\x02", 2)), QStringLiteral("data"));
    }

    // Every file tshark carves is carved, byte for byte (same SHA-256).
    void hashesAsTshark()
    {
        if (!QFile::exists(corpus(QStringLiteral("http_browsing_bro_org.pcap"))))
            QSKIP("the shared corpus is not there");
        QFile f(QStringLiteral(PACKETLENS_TEST_DATA "/objects_expected.tsv"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        std::map<std::pair<QString, QString>, std::multiset<QString>> expected;
        for (const QByteArray &line : f.readAll().split('\n')) {
            const QList<QByteArray> c = line.split('\t');
            // tshark's SMTP.eml repeats part of the mail: it takes in the data frame 36
            // sends again after an ICMP "fragmentation needed" (docs/tshark-differences.md).
            const bool tsharkRepeats = c.value(0) == "smtp_auth_login_starttls_mail.pcap" && c.value(4) == "SMTP.eml";
            if (c.size() == 5 && !line.startsWith('#') && !tsharkRepeats)
                expected[{QString::fromUtf8(c[0]), QString::fromUtf8(c[1])}].insert(QString::fromUtf8(c[2]));
        }
        QCOMPARE(int(expected.size()), 6);
        for (const auto &[key, hashes] : expected) {
            std::vector<CapturedObject> objects;
            QVERIFY(carveObjects(corpus(key.first), {key.second}, objects, nullptr));
            std::multiset<QString> ours;
            for (const CapturedObject &o : objects)
                ours.insert(o.sha256);
            for (const QString &h : hashes)
                QVERIFY2(ours.count(h) >= hashes.count(h), qPrintable(key.first + QStringLiteral(": tshark's ") + h + QStringLiteral(" not carved")));
        }
    }

    void cliWritesSafeNewFiles()
    {
        if (!QFile::exists(corpus(QStringLiteral("http_wireshark_sample_http_cap.pcap"))))
            QSKIP("the shared corpus is not there");
        QTemporaryDir dir;
        QFile existing(dir.filePath(QStringLiteral("download.html")));
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("keep me");
        existing.close();
        QProcess p;
        p.start(QStringLiteral(PACKETLENS_CLI), {QStringLiteral("export-objects"), corpus(QStringLiteral("http_wireshark_sample_http_cap.pcap")),
                                                 QStringLiteral("--out"), dir.path(), QStringLiteral("--protocol"), QStringLiteral("http")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray listing = p.readAllStandardOutput();
        QVERIFY2(listing.contains("download.html(1)"), listing.constData());
        QVERIFY(existing.open(QIODevice::ReadOnly));
        QCOMPARE(existing.readAll(), QByteArray("keep me"));
        for (const QString &name : QDir(dir.path()).entryList(QDir::Files))
            QVERIFY(!name.contains(u'/') && !name.startsWith(u'.'));
        p.start(QStringLiteral(PACKETLENS_CLI), {QStringLiteral("export-objects"), corpus(QStringLiteral("http_wireshark_sample_http_cap.pcap")),
                                                 QStringLiteral("--out"), dir.path(), QStringLiteral("--protocol"), QStringLiteral("gopher")});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 1);
    }
};

QTEST_GUILESS_MAIN(TstExportObjects)
#include "tst_exportobjects.moc"
