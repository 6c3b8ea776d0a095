// SPDX-License-Identifier: GPL-3.0-or-later
// The REST server under concurrent load (run by make test, and under
// ThreadSanitizer by make check-tsan): many clients at once upload distinct
// captures, poll their analyses, fetch reports as JSON, HTML and ZIP, list
// files and statistics and delete files, while the analysis pool (four
// workers, each with its own history connection) works on the others.
#include "restfixture.h"

#include <QNetworkReply>
#include <QSignalSpy>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::test;

namespace {
constexpr int kClients = 16;

// Waits for every reply (each ends on its finished signal) and collects them.
QList<Answer> finishAll(RestFixture &f, const QList<QNetworkReply *> &replies)
{
    QList<Answer> out;
    for (QNetworkReply *r : replies)
        out << f.finish(r);
    return out;
}
} // namespace

class TestServerLoad : public QObject, protected RestFixture
{
    Q_OBJECT

    QNetworkReply *post(const QByteArray &bytes)
    {
        QNetworkRequest r = request(QStringLiteral("/upload"));
        r.setHeader(QNetworkRequest::ContentTypeHeader, "application/octet-stream");
        return m_nam.post(r, bytes);
    }

    // Polls every analysis still answering 202, all at once, round after
    // round, until each has its final answer. The pause between rounds paces
    // the polling as a client following Retry-After does; the loop ends on
    // the answers, never on the clock.
    QHash<QString, Answer> waitForAll(const QStringList &ids)
    {
        QHash<QString, Answer> done;
        QStringList pending = ids;
        QElapsedTimer t;
        t.start();
        while (!pending.isEmpty() && t.elapsed() < kTimeoutMs) {
            QList<QNetworkReply *> replies;
            for (const QString &id : pending)
                replies << m_nam.get(request(QStringLiteral("/analysis/") + id));
            const QList<Answer> answers = finishAll(*this, replies);
            QStringList still;
            for (int i = 0; i < pending.size(); ++i) {
                if (answers[i].status == 202)
                    still << pending[i];
                else
                    done.insert(pending[i], answers[i]);
            }
            pending = still;
            if (!pending.isEmpty())
                QTest::qWait(50);
        }
        return done;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        RestServerOptions o = options(QStringLiteral("load"));
        o.workers = 4;
        m_storage = o.storageDir;
        QString why;
        QVERIFY2(m_server.start(o, &why), qPrintable(why));
        m_base = m_server.url();
    }

    void manyClientsAtOnce()
    {
        QList<QByteArray> captures;
        QList<QNetworkReply *> uploads;
        for (int i = 0; i < kClients; ++i) {
            captures << smallCapture(400 + i);
            uploads << post(captures.last());
        }
        QStringList ids;
        for (const Answer &a : finishAll(*this, uploads)) {
            QCOMPARE(a.status, 201);
            ids << a.json.value(QStringLiteral("file_id")).toString();
        }
        const QHash<QString, Answer> done = waitForAll(ids);
        QCOMPARE(done.size(), kClients);
        for (const Answer &a : done)
            QCOMPARE(a.status, 200);

        // Reports in three formats, the lists and half the deletes at once.
        QList<QNetworkReply *> mixed;
        for (int i = 0; i < kClients; ++i) {
            static const char *const formats[] = {"", "?format=html", "?format=zip"};
            mixed << m_nam.get(request(QStringLiteral("/reports/") + ids[i] + QLatin1String(formats[i % 3])));
            if (i % 2)
                mixed << m_nam.sendCustomRequest(request(QStringLiteral("/files/") + ids[i]), "DELETE");
            if (i % 4 == 0)
                mixed << m_nam.get(request(i % 8 ? QStringLiteral("/stats") : QStringLiteral("/files")));
        }
        for (const Answer &a : finishAll(*this, mixed))
            QVERIFY2(a.status == 200 || a.status == 204 || a.status == 404, qPrintable(QString::number(a.status) + QLatin1Char(' ') + QString::fromUtf8(QJsonDocument(a.json).toJson(QJsonDocument::Compact))));
        for (int i = 0; i < kClients; ++i) {
            const Answer report = get(QStringLiteral("/reports/") + ids[i]);
            if (i % 2) {
                QCOMPARE(report.status, 404); // deleted
            } else {
                QCOMPARE(report.status, 200);
                QCOMPARE(report.json.value(QStringLiteral("capture")).toObject().value(QStringLiteral("sha256")).toString(),
                         sha256(captures[i]));
            }
        }
        QCOMPARE(filesTotal(), qint64(kClients / 2));
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestServerLoad)
#include "tst_serverload.moc"
