// SPDX-License-Identifier: GPL-3.0-or-later
// The multipart/form-data parser (RFC 7578): parts found by name, file names
// with ';', escaped quotes and filename* (RFC 6266, RFC 8187), boundaries.
#include "server/multipart.h"

#include <QtTest>

using namespace packetlens;

namespace {
QByteArray body(const QByteArray &disposition, const QByteArray &data = "DATA", const QByteArray &boundary = "xyz")
{
    return "--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\n\r\n" + data + "\r\n--" + boundary + "--\r\n";
}
} // namespace

class TestMultipart : public QObject
{
    Q_OBJECT

private slots:
    void fileNames_data()
    {
        QTest::addColumn<QByteArray>("disposition");
        QTest::addColumn<QString>("fileName");
        QTest::newRow("plain") << QByteArray("form-data; name=\"file\"; filename=\"a.pcap\"") << QStringLiteral("a.pcap");
        QTest::newRow("token") << QByteArray("form-data; name=file; filename=a.pcap") << QStringLiteral("a.pcap");
        QTest::newRow("semicolon") << QByteArray("form-data; name=\"file\"; filename=\"a;b.pcap\"") << QStringLiteral("a;b.pcap");
        QTest::newRow("escaped quote") << QByteArray("form-data; name=\"file\"; filename=\"say \\\"hi\\\".pcap\"")
                                       << QStringLiteral("say \"hi\".pcap");
        QTest::newRow("escaped backslash") << QByteArray("form-data; name=\"file\"; filename=\"a\\\\b.pcap\"") << QStringLiteral("a\\b.pcap");
        QTest::newRow("equals and spaces") << QByteArray("form-data ;  name = \"file\" ; filename = \"x=1 y.pcap\"")
                                           << QStringLiteral("x=1 y.pcap");
        QTest::newRow("case of names") << QByteArray("Form-Data; NAME=\"file\"; FileName=\"up.pcap\"") << QStringLiteral("up.pcap");
        QTest::newRow("filename* wins") << QByteArray("form-data; name=\"file\"; filename=\"fallback.pcap\"; filename*=UTF-8''%E2%82%AC%20rates.pcap")
                                        << QStringLiteral("€ rates.pcap");
        QTest::newRow("filename* first") << QByteArray("form-data; name=\"file\"; filename*=utf-8'en'a%3Bb.pcap; filename=\"fallback.pcap\"")
                                         << QStringLiteral("a;b.pcap");
        QTest::newRow("UTF-8 in quotes") << QByteArray("form-data; name=\"file\"; filename=\"na\xc3\xafve.pcap\"") << QStringLiteral("naïve.pcap");
        QTest::newRow("no file name") << QByteArray("form-data; name=\"file\"") << QString();
    }

    void fileNames()
    {
        QFETCH(QByteArray, disposition);
        QFETCH(QString, fileName);
        FormPart part;
        QString why;
        const QByteArray b = body(disposition);
        QVERIFY2(findFormPart("multipart/form-data; boundary=xyz", b, "file", &part, &why), qPrintable(why));
        QCOMPARE(part.fileName, fileName);
        QCOMPARE(b.mid(part.offset, part.size), QByteArray("DATA"));
    }

    // A name is matched as a whole parameter, never inside another's quoted value.
    void fieldNameMatchedAsParameter()
    {
        const QByteArray b = "--xyz\r\nContent-Disposition: form-data; name=\"x; name=file\"; filename=\"decoy.pcap\"\r\n\r\nNO\r\n"
                             "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"real.pcap\"\r\n\r\nYES\r\n--xyz--\r\n";
        FormPart part;
        QString why;
        QVERIFY2(findFormPart("multipart/form-data; boundary=xyz", b, "file", &part, &why), qPrintable(why));
        QCOMPARE(part.fileName, QStringLiteral("real.pcap"));
        QCOMPARE(b.mid(part.offset, part.size), QByteArray("YES"));
    }

    void boundaries_data()
    {
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("boundary");
        QTest::addColumn<bool>("ok");
        QTest::newRow("token") << QByteArray("multipart/form-data; boundary=xyz") << QByteArray("xyz") << true;
        QTest::newRow("quoted, with ';'") << QByteArray("multipart/form-data; boundary=\"a;b c\"") << QByteArray("a;b c") << true;
        QTest::newRow("other parameter first") << QByteArray("multipart/form-data; charset=utf-8; BOUNDARY=xyz") << QByteArray("xyz") << true;
        QTest::newRow("missing") << QByteArray("multipart/form-data") << QByteArray("xyz") << false;
        QTest::newRow("too long") << QByteArray("multipart/form-data; boundary=") + QByteArray(71, 'b') << QByteArray(71, 'b') << false;
    }

    void boundaries()
    {
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, boundary);
        QFETCH(bool, ok);
        FormPart part;
        QString why;
        QCOMPARE(findFormPart(contentType, body("form-data; name=\"file\"", "DATA", boundary), "file", &part, &why), ok);
        QVERIFY(ok || !why.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMultipart)
#include "tst_multipart.moc"
