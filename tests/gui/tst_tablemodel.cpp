// SPDX-License-Identifier: GPL-3.0-or-later
// Report tables show numbers as the UI language writes them; "Copy as CSV"
// keeps plain digits so the copy reads back as numbers in any language
// (issue #21). Timeline kinds are titled in the language, their id kept.
#include "i18n.h"
#include "reporttables.h"
#include "tablemodel.h"

#include "core/report/findinglabels.h"

#include <QTableView>
#include <QtTest>

using namespace packetlens;
using namespace packetlens::gui;

namespace {
struct Row
{
    QString name;
    qint64 packets;
    double share;
};
} // namespace

class TestTableModel : public QObject
{
    Q_OBJECT

    static QList<RowTableModel<Row>::Column> columns()
    {
        using C = RowTableModel<Row>::Column;
        return {C{[] { return QStringLiteral("Name"); }, [](const Row &r) { return r.name; }},
                C{[] { return QStringLiteral("Packets"); }, [](const Row &r) { return r.packets; }, true},
                C{[] { return QStringLiteral("Share"); }, [](const Row &r) { return r.share; }, true}};
    }

private slots:
    void cleanup() { applyLanguage(QStringLiteral("en")); }

    void numbersFollowTheLanguageAndCsvStaysPlain()
    {
        RowTableModel<Row> model(columns());
        model.setRows({{QStringLiteral("a, b"), 1234567, 0.5}});
        QTableView view;
        view.setModel(&model);

        applyLanguage(QStringLiteral("en"));
        QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("1,234,567"));
        QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("0.50"));

        applyLanguage(QStringLiteral("ru"));
        QCOMPARE(model.index(0, 1).data().toString(), QStringLiteral("1\u00a0234\u00a0567"));
        QCOMPARE(model.index(0, 2).data().toString(), QStringLiteral("0,50"));
        QCOMPARE(model.index(0, 1).data(TableModelBase::SortRole).toLongLong(), qint64(1234567));
        QCOMPARE(tableAsCsv(&view, false), QStringLiteral("Name,Packets,Share\n\"a, b\",1234567,0.50\n"));
    }

    void sizesFollowTheLanguage()
    {
        applyLanguage(QStringLiteral("ru"));
        QCOMPARE(localBytes(30003), QStringLiteral("29,3 КиБ"));
        QCOMPARE(localBytes(512), QStringLiteral("512 байт"));
        applyLanguage(QStringLiteral("en"));
        QCOMPARE(localBytes(30003), QStringLiteral("29.3 KiB"));
    }

    void timelineKindsAreTitled()
    {
        QCOMPARE(timelineKindTitle(QStringLiteral("first_contact"), QStringLiteral("en")), QStringLiteral("First contact"));
        QCOMPARE(timelineKindTitle(QStringLiteral("first_contact"), QStringLiteral("ru")), QStringLiteral("Первый контакт"));
        QCOMPARE(timelineKindTitle(QStringLiteral("made_up"), QStringLiteral("ru")), QStringLiteral("made_up"));
        QVERIFY(titledTimelineKinds().size() >= 10);
    }

    // The history's statuses and the health items' kinds are words, not ids.
    void statusesAndHealthKindsAreWords()
    {
        applyLanguage(QStringLiteral("ru"));
        QCOMPARE(analysisStatusText(QStringLiteral("interrupted")), QStringLiteral("прерван"));
        QCOMPARE(analysisStatusText(QStringLiteral("weird")), QStringLiteral("weird"));
        QCOMPARE(healthKindTitle(QStringLiteral("tcp_retransmission"), QStringLiteral("ru")), QStringLiteral("Повторные передачи"));
        QCOMPARE(healthKindTitle(QStringLiteral("tcp_retransmission"), QStringLiteral("en")), QStringLiteral("Retransmissions"));
        QCOMPARE(healthKindTitle(QStringLiteral("no_such_kind"), QStringLiteral("en")), QStringLiteral("no_such_kind"));
        applyLanguage(QStringLiteral("en"));
        QCOMPARE(analysisStatusText(QStringLiteral("interrupted")), QStringLiteral("interrupted"));
    }
};

QTEST_MAIN(TestTableModel)
#include "tst_tablemodel.moc"
