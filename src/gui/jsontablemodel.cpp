#include "jsontablemodel.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QJsonObject>
#include <QTableView>

namespace packetlens::gui {

JsonTableModel::JsonTableModel(QList<Column> columns, QObject *parent)
    : QAbstractTableModel(parent), m_columns(std::move(columns))
{
}

void JsonTableModel::setItems(const QJsonArray &items)
{
    beginResetModel();
    m_items = items;
    endResetModel();
}

int JsonTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int JsonTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant JsonTableModel::raw(int row, int column) const
{
    const QJsonObject o = m_items.at(row).toObject();
    const Column &c = m_columns.at(column);
    if (c.value)
        return c.value(o);
    const QJsonValue v = o.value(c.key);
    if (v.isArray()) {
        QStringList parts;
        for (const QJsonValue &x : v.toArray())
            parts << x.toVariant().toString();
        return parts.join(QStringLiteral(", "));
    }
    return v.toVariant();
}

QVariant JsonTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (role == ObjectRole)
        return m_items.at(index.row()).toObject();
    if (role == SortRole) {
        const Column &c = m_columns.at(index.column());
        return c.sortValue ? c.sortValue(m_items.at(index.row()).toObject()) : raw(index.row(), index.column());
    }
    if (role == Qt::DisplayRole) {
        const QVariant v = raw(index.row(), index.column());
        if (m_columns.at(index.column()).display)
            return m_columns.at(index.column()).display(v);
        if (v.typeId() == QMetaType::Double && m_columns.at(index.column()).numeric) {
            const double d = v.toDouble();
            return d == qint64(d) ? QString::number(qint64(d)) : QString::number(d, 'f', 2);
        }
        return v.toString();
    }
    if (role == Qt::BackgroundRole && m_background)
        return m_background(m_items.at(index.row()).toObject());
    if (role == Qt::TextAlignmentRole && m_columns.at(index.column()).numeric)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant JsonTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section < m_columns.size())
        return m_columns.at(section).title();
    return QAbstractTableModel::headerData(section, orientation, role);
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
        for (int c = 0; c < m->columnCount(); ++c)
            if (!view->isColumnHidden(c))
                cells << quote(m->index(r, c).data().toString());
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
