// SPDX-License-Identifier: GPL-3.0-or-later
// The server's history deleted while it runs (issue #24): the request that
// would have written into the deleted database answers 500 and says why;
// the workers then reconnect, a new history is made at the same path, and
// the server goes on serving uploads and analyses. It never crashes and
// never writes into the database that is gone.
#include "restfixture.h"

#include <QFile>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

class TestHistoryGone : public QObject, protected RestFixture
{
    Q_OBJECT
    QString m_db;

    Answer upload(const QByteArray &bytes) { return send("POST", QStringLiteral("/upload"), bytes); }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString why;
        QVERIFY2(startServer(QStringLiteral("gone"), &why), qPrintable(why));
        m_db = options(QStringLiteral("gone")).dbPath;
    }

    void historyDeletedWhileServing()
    {
        const Answer before = upload(smallCapture(71));
        QCOMPARE(before.status, 201);
        const QString first = before.json.value(QStringLiteral("file_id")).toString();
        QCOMPARE(waitForAnalysis(first).status, 200);

        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(m_db + QLatin1String(suffix));

        // Each answer is a success or a 500 that says why; once every worker
        // has dropped the old connection (they do when woken, which on a
        // loaded machine may take longer than a few requests: the bound is
        // generous, not a timing) uploads are recorded again.
        QString second;
        int refused = 0;
        for (int attempt = 0; attempt < 200 && second.isEmpty(); ++attempt) {
            const Answer a = upload(smallCapture(72));
            if (a.status == 201 || a.status == 200) {
                second = a.json.value(QStringLiteral("file_id")).toString();
                break;
            }
            QCOMPARE(a.status, 500);
            QVERIFY2(a.errorMessage().contains(QLatin1String("deleted or replaced")), qPrintable(a.errorMessage()));
            ++refused;
        }
        qInfo("%d upload(s) refused while the workers reconnected", refused);
        QVERIFY2(!second.isEmpty(), "the server never recorded an upload again");
        const Answer analysed = waitForAnalysis(second);
        QVERIFY2(analysed.status == 200, qPrintable(QStringLiteral("%1: %2").arg(analysed.status).arg(analysed.errorMessage())));
        QVERIFY(QFile::exists(m_db)); // a new history at the same path
        QCOMPARE(filesTotal(), qint64(1)); // the new history knows the new upload only
        QCOMPARE(get(QStringLiteral("/analysis/") + first).status, 404);
        QCOMPARE(get(QStringLiteral("/health")).status, 200);
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestHistoryGone)
#include "tst_historygone.moc"
