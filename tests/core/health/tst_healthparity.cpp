// SPDX-License-Identifier: GPL-3.0-or-later
// The report's TCP analysis counts and DNS/HTTP response-time medians held
// against tshark's (tests/data/health_expected.tsv, derived by
// tests/tools/derive-health-expected.py) on every capture of
// ../shared/pcaps/real with TCP or DNS. Differences are allowed only where
// docs/tshark-differences.md lists them, and then exactly.
#include "core/service/analysisservice.h"

#include <QFile>
#include <QMap>
#include <QTest>

#include <cmath>

using namespace packetlens;

namespace {
const QString kDoc = QStringLiteral(PACKETLENS_TEST_DATA "/../../docs/tshark-differences.md");

// capture -> field -> the PacketLens value the doc's health table gives.
QMap<QString, QMap<QString, QString>> documentedDifferences()
{
    QFile doc(kDoc);
    if (!doc.open(QIODevice::ReadOnly))
        return {};
    QMap<QString, QMap<QString, QString>> out;
    bool inHealth = false;
    for (const QByteArray &raw : doc.readAll().split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.startsWith(QLatin1String("## ")))
            inHealth = line.contains(QLatin1String("Network health"));
        const QStringList cells = line.split(u'|');
        if (!inHealth || cells.size() < 6 || !cells[1].trimmed().contains(u'.'))
            continue;
        out[cells[1].trimmed()][cells[2].trimmed()] = cells[3].trimmed();
    }
    return out;
}

qint64 analysisCount(const Report &r, const QString &name)
{
    for (const auto &[n, c] : r.health.tcp.analysis)
        if (n == name)
            return c;
    return -1;
}

bool sameValue(const QString &ours, const QString &theirs)
{
    if (ours == theirs)
        return true;
    bool a = false, b = false;
    const double x = ours.toDouble(&a), y = theirs.toDouble(&b);
    return a && b && std::fabs(x - y) < 1e-6;
}

// Field name -> PacketLens' value, for the columns of the expected table.
QMap<QString, QString> ourValues(const Report &r, const QStringList &header)
{
    QMap<QString, QString> v;
    for (const QString &f : header.mid(1)) {
        if (!f.contains(u'.'))
            v[f] = QString::number(analysisCount(r, f));
    }
    const auto put = [&](const QString &name, const LatencyStats &s) {
        v[name + QStringLiteral("_count")] = QString::number(s.count);
        v[name + QStringLiteral("_median")] = s.count ? QString::number(s.medianS, 'f', 9) : QStringLiteral("-");
    };
    put(QStringLiteral("dns.time"), r.health.latency.dns);
    put(QStringLiteral("http.time"), r.health.latency.http);
    return v;
}
} // namespace

class TestHealthParity : public QObject
{
    Q_OBJECT
private slots:
    void matchesTshark()
    {
        const QString real = QStringLiteral(PACKETLENS_CORPUS_DIR "/real/");
        QFile tsv(QStringLiteral(PACKETLENS_TEST_DATA "/health_expected.tsv"));
        QVERIFY(tsv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = tsv.readAll().trimmed().split('\n');
        const QStringList header = QString::fromUtf8(lines.first()).split(u'\t');
        const auto known = documentedDifferences();
        QVERIFY2(!known.isEmpty(), "docs/tshark-differences.md: health table not found");
        QStringList problems;
        int compared = 0;
        for (const QByteArray &line : lines.mid(1)) {
            const QStringList cells = QString::fromUtf8(line).split(u'\t');
            QCOMPARE(cells.size(), header.size());
            if (!QFile::exists(real + cells[0]))
                continue;
            AnalysisRequest req;
            req.path = real + cells[0];
            req.analyzer.detect = false;
            const QList<AnalysisOutcome> out = AnalysisService::analyze(req);
            QVERIFY(!out.isEmpty() && out.first().status == AnalysisOutcome::Status::Ok);
            QVERIFY(out.first().report.health.present);
            const QMap<QString, QString> ours = ourValues(out.first().report, header);
            ++compared;
            for (int i = 1; i < header.size(); ++i) {
                const QString &field = header[i];
                const QString want = known.value(cells[0]).value(field, cells[i]);
                if (!sameValue(ours.value(field), want))
                    problems << QStringLiteral("%1 %2: PacketLens %3, tshark %4, documented %5")
                                    .arg(cells[0], field, ours.value(field), cells[i], want);
                else if (known.value(cells[0]).contains(field) && sameValue(ours.value(field), cells[i]))
                    problems << QStringLiteral("%1 %2: documented as different but equal now").arg(cells[0], field);
            }
        }
        if (compared == 0)
            QSKIP("shared corpus not found (../shared/pcaps beside the checkout): skipped");
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestHealthParity)
#include "tst_healthparity.moc"
