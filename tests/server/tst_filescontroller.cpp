// SPDX-License-Identifier: GPL-3.0-or-later
// GET /files, GET /stats and DELETE /files over loopback HTTP.
#include "restfixture.h"

#include <QJsonArray>

#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

class TestFilesController : public QObject, protected RestFixture
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString why;
        QVERIFY2(startServer(QStringLiteral("files"), &why), qPrintable(why));
    }

    void pagedFiles()
    {
        for (int i = 10; i < 13; ++i)
            QCOMPARE(send("POST", QStringLiteral("/upload"), smallCapture(i)).status, 201);
        const Answer page = get(QStringLiteral("/files?limit=2&offset=1"));
        QCOMPARE(page.status, 200);
        QCOMPARE(page.json.value(QStringLiteral("files")).toArray().size(), 2);
        QVERIFY(page.json.value(QStringLiteral("total")).toInteger() >= 3);
        QCOMPARE(page.json.value(QStringLiteral("limit")).toInt(), 2);
        QCOMPARE(page.json.value(QStringLiteral("offset")).toInt(), 1);
        QCOMPARE(get(QStringLiteral("/files?limit=0")).status, 400);
        QCOMPARE(get(QStringLiteral("/files?offset=x")).status, 400);
    }

    // What the counts count: /files "total" every capture the history knows,
    // /stats "captures" those with a finished analysis.
    void statsCountsAnalyzedCapturesFilesCountsAll()
    {
        const qint64 filesBefore = filesTotal();
        const qint64 statsBefore = get(QStringLiteral("/stats")).json.value(QStringLiteral("captures")).toInteger(-1);
        const Answer up = send("POST", QStringLiteral("/upload"), smallCapture(14));
        QCOMPARE(up.status, 201);
        QCOMPARE(filesTotal(), filesBefore + 1);
        QCOMPARE(get(QStringLiteral("/stats")).json.value(QStringLiteral("captures")).toInteger(-1), statsBefore);
        QCOMPARE(waitForAnalysis(up.json.value(QStringLiteral("file_id")).toString()).status, 200);
        QCOMPARE(get(QStringLiteral("/stats")).json.value(QStringLiteral("captures")).toInteger(-1), statsBefore + 1);
        QCOMPARE(filesTotal(), filesBefore + 1);
    }

    void badInput_data()
    {
        addRefusedColumns();
        const QByteArray key = kKey.toLatin1();
        const QList<QByteArray> withKey = {"X-API-Key", key};
        QTest::newRow("unknown id, delete") << QByteArray("DELETE") << "/files/0123456789abcdef" << QByteArray() << QByteArray()
                                            << withKey << 404 << "not_found";
    }

    void badInput()
    {
        checkRefusedRow();
    }

    void cleanupTestCase()
    {
        m_server.stop();
        QVERIFY(!m_server.isRunning());
    }
};

QTEST_GUILESS_MAIN(TestFilesController)
#include "tst_filescontroller.moc"
