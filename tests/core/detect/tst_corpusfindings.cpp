// SPDX-License-Identifier: GPL-3.0-or-later
// Bar: captures the corpus manifest describes as scans or attacks are flagged
// with the right category; no other capture has a high or critical finding
// unless tests/data/corpus_expected_findings.tsv explains why.
#include "support/messagecheck.h"
#include "core/service/analysisservice.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QtTest>

using namespace packetlens;

class TestCorpusFindings : public QObject
{
    Q_OBJECT
    QHash<QString, QStringList> m_required, m_highAllowed;

private slots:
    void initTestCase()
    {
        if (!QDir(QStringLiteral(PACKETLENS_CORPUS_DIR "/real")).exists())
            QSKIP("shared corpus not found (../shared/pcaps/real beside the checkout): skipped");
        QFile f(QStringLiteral(PACKETLENS_TEST_DATA "/corpus_expected_findings.tsv"));
        QVERIFY(f.open(QIODevice::ReadOnly | QIODevice::Text));
        f.readLine();
        while (!f.atEnd()) {
            const QStringList row = QString::fromUtf8(f.readLine()).trimmed().split(QLatin1Char('\t'));
            if (row.size() < 3)
                continue;
            m_required[row[0]] = row[1].split(QLatin1Char(','), Qt::SkipEmptyParts);
            m_highAllowed[row[0]] = row[2].split(QLatin1Char(','), Qt::SkipEmptyParts);
        }
    }

    void findings_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(QStringLiteral(PACKETLENS_CORPUS_DIR "/real"));
        for (const QString &f : dir.entryList(QDir::Files, QDir::Name))
            QTest::newRow(qPrintable(f)) << f;
    }

    void findings()
    {
        QFETCH(QString, file);
        AnalysisRequest req;
        req.path = QStringLiteral(PACKETLENS_CORPUS_DIR "/real/") + file;
        const QList<AnalysisOutcome> out = AnalysisService::analyze(req);
        QCOMPARE(out.size(), 1);
        QSet<QString> categories;
        for (const ReportFinding &f : out.first().report.findings()) {
            categories.insert(f.category);
            const QString problem = test::messageProblem(f); // issue 21: said in Russian too
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
            if (f.severity >= Severity::High)
                QVERIFY2(m_highAllowed.value(file).contains(f.category),
                         qPrintable(QStringLiteral("unexplained %1 finding: %2").arg(severityName(f.severity), f.summary)));
        }
        for (const QString &cat : m_required.value(file))
            QVERIFY2(categories.contains(cat), qPrintable(QStringLiteral("%1 not flagged as %2").arg(file, cat)));
    }
};

QTEST_GUILESS_MAIN(TestCorpusFindings)
#include "tst_corpusfindings.moc"
