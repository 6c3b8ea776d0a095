// SPDX-License-Identifier: GPL-3.0-or-later
// Holds PacketLens' counts against tshark's, for every capture of the shared
// corpus (../shared/pcaps/real). Expected values were derived once with
// tests/tools/derive-corpus-expected.py (capinfos + `tshark -z io,phs`) and are
// committed in tests/data/corpus_expected.tsv.
#include "core/report/reportjson.h"
#include "core/service/analysisservice.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QtTest>

using namespace packetlens;

namespace {
const QStringList kStrict = {QStringLiteral("eth"), QStringLiteral("sll"), QStringLiteral("arp"),
                             QStringLiteral("ip"), QStringLiteral("ipv6"), QStringLiteral("icmp"),
                             QStringLiteral("icmpv6"), QStringLiteral("tcp"), QStringLiteral("udp")};

QList<QStringList> readTsv(const QString &path)
{
    QList<QStringList> rows;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return rows;
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (!line.isEmpty() && !line.startsWith(QLatin1Char('#')))
            rows << line.split(QLatin1Char('\t'));
    }
    return rows;
}

// Frames holding each protocol: the outermost node of each name counts.
QHash<QString, qint64> frameCounts(const QJsonObject &report)
{
    QHash<QString, qint64> counts;
    for (const QJsonValue &v : report.value(QStringLiteral("protocols")).toArray()) {
        const QStringList path = v.toObject().value(QStringLiteral("path")).toString().split(QLatin1Char(':'));
        const QString name = path.last();
        if (path.indexOf(name) == path.size() - 1)
            counts[name] += qint64(v.toObject().value(QStringLiteral("packets")).toDouble());
    }
    return counts;
}
} // namespace

class TestCorpus : public QObject
{
    Q_OBJECT
    QString m_real;
    QList<QStringList> m_expected;
    QHash<QString, qint64> m_known; // "file/proto" -> our documented count

private slots:
    void initTestCase()
    {
        m_real = QStringLiteral(PACKETLENS_CORPUS_DIR "/real");
        if (!QDir(m_real).exists())
            QSKIP("shared corpus not found (../shared/pcaps/real beside the checkout): corpus comparison skipped");
        m_expected = readTsv(QStringLiteral(PACKETLENS_TEST_DATA "/corpus_expected.tsv"));
        QVERIFY(m_expected.size() > 1);
        for (const QStringList &row : readTsv(QStringLiteral(PACKETLENS_TEST_DATA "/corpus_known_differences.tsv")))
            if (row.size() >= 3 && row[0] != QLatin1String("file"))
                m_known.insert(row[0] + QLatin1Char('/') + row[1], row[2].toLongLong());
    }

    void countsMatchTshark_data()
    {
        QTest::addColumn<QStringList>("row");
        for (int i = 1; i < m_expected.size(); ++i)
            QTest::newRow(qPrintable(m_expected[i].first())) << m_expected[i];
    }

    void countsMatchTshark()
    {
        QFETCH(QStringList, row);
        const QStringList header = m_expected.first();
        const QString file = row.first();
        if (!QFile::exists(m_real + QLatin1Char('/') + file))
            QSKIP("capture missing from the corpus");
        AnalysisRequest req;
        req.path = m_real + QLatin1Char('/') + file;
        const QList<AnalysisOutcome> out = AnalysisService::analyze(req);
        QCOMPARE(out.size(), 1);
        QVERIFY2(out.first().status == AnalysisOutcome::Status::Ok, qPrintable(out.first().message));
        const QJsonObject report = ReportJson::toJson(out.first().report);
        const QJsonObject cap = report.value(QStringLiteral("capture")).toObject();
        QCOMPARE(qint64(cap.value(QStringLiteral("packets")).toDouble()), row[1].toLongLong());
        QCOMPARE(qint64(cap.value(QStringLiteral("bytes")).toDouble()), row[2].toLongLong());
        const QHash<QString, qint64> mine = frameCounts(report);
        for (int c = 3; c < header.size(); ++c) {
            const QString proto = header[c];
            const qint64 expected = row[c].toLongLong();
            const qint64 got = mine.value(proto);
            const QString where = QStringLiteral("%1: %2 counted %3, tshark %4").arg(file, proto).arg(got).arg(expected);
            if (kStrict.contains(proto)) {
                QVERIFY2(got == expected, qPrintable(where));
            } else if (m_known.contains(file + QLatin1Char('/') + proto)) {
                // A documented difference (docs/tshark-differences.md): must stay exactly as documented.
                QVERIFY2(got == m_known.value(file + QLatin1Char('/') + proto), qPrintable(where + QStringLiteral(" (documented difference changed)")));
            } else {
                QVERIFY2(qAbs(got - expected) <= expected * 2 / 100, qPrintable(where + QStringLiteral(" (more than 2%)")));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestCorpus)
#include "tst_corpus.moc"
