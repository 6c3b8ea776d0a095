// SPDX-License-Identifier: GPL-3.0-or-later
#include "tablemodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QLocale>
#include <QTableView>

namespace packetlens::gui {

namespace {
// A numeric column's value in a locale: whole numbers without decimals,
// others with two.
QString numberText(const QVariant &v, bool numeric, const QLocale &locale)
{
    if (numeric && v.typeId() == QMetaType::Double) {
        const double d = v.toDouble();
        return d == qint64(d) ? locale.toString(qint64(d)) : locale.toString(d, 'f', 2);
    }
    if (numeric && (v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Int || v.typeId() == QMetaType::ULongLong
                    || v.typeId() == QMetaType::UInt))
        return locale.toString(v.toLongLong());
    return v.toString();
}
} // namespace

// Numbers as the UI language writes them ("12,345.5", "12 345,5").
QString TableModelBase::defaultText(const QVariant &v, bool numeric)
{
    return numberText(v, numeric, QLocale());
}

// Plain digits and '.', no grouping (the C locale omits group separators).
QString TableModelBase::plainText(const QVariant &v, bool numeric)
{
    return numberText(v, numeric, QLocale::c());
}

QString tableAsCsv(const QTableView *view, bool selectedOnly)
{
    const QAbstractItemModel *m = view->model();
    auto quote = [](QString s) {
        if (s.contains(u',') || s.contains(u'"') || s.contains(u'\n')) {
            s.replace(QStringLiteral("\""), QStringLiteral("\"\""));
            s = u'"' + s + u'"';
        }
        return s;
    };
    QStringList lines;
    QStringList header;
    for (int c = 0; c < m->columnCount(); ++c)
        if (!view->isColumnHidden(c))
            header << quote(m->headerData(c, Qt::Horizontal).toString());
    lines << header.join(u',');
    QList<int> rows;
    if (selectedOnly && view->selectionModel()) {
        for (const QModelIndex &i : view->selectionModel()->selectedRows())
            rows << i.row();
        std::sort(rows.begin(), rows.end());
    }
    if (rows.isEmpty())
        for (int r = 0; r < m->rowCount(); ++r)
            rows << r;
    for (int r : std::as_const(rows)) {
        QStringList cells;
        for (int c = 0; c < m->columnCount(); ++c) {
            if (!view->isColumnHidden(c)) {
                const QModelIndex i = m->index(r, c);
                const QVariant plain = i.data(TableModelBase::CsvRole); // other models: what they show
                cells << quote(plain.isValid() ? plain.toString() : i.data().toString());
            }
        }
        lines << cells.join(u',');
    }
    return lines.join(u'\n') + u'\n';
}

void addCsvCopy(QTableView *view)
{
    auto *copy = new QAction(view);
    copy->setObjectName(QStringLiteral("copyCsv"));
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QObject::connect(copy, &QAction::triggered, view, [view] {
        const bool selected = view->selectionModel() && view->selectionModel()->hasSelection();
        QApplication::clipboard()->setText(tableAsCsv(view, selected));
    });
    view->addAction(copy);
    view->setContextMenuPolicy(Qt::ActionsContextMenu);
    retranslateCsvCopy(view);
}

void retranslateCsvCopy(QTableView *view)
{
    if (auto *a = view->findChild<QAction *>(QStringLiteral("copyCsv")))
        a->setText(QCoreApplication::translate("packetlens::gui::Table", "Copy as CSV"));
}

} // namespace packetlens::gui
