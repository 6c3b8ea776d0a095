// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QList>

#include <functional>
#include <vector>

class QTableView;

namespace packetlens::gui {

// The non-template half of RowTableModel: roles and retranslation.
class TableModelBase : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int SortRole = Qt::UserRole + 10;
    // The cell as "Copy as CSV" writes it: numbers as plain digits with a '.'
    // (the display groups them and uses the UI language's decimal sign).
    static constexpr int CsvRole = Qt::UserRole + 11;
    using QAbstractTableModel::QAbstractTableModel;
    void retranslate() { emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1); }

protected:
    // The shown text of a raw value: whole numbers without decimals.
    static QString defaultText(const QVariant &v, bool numeric);
    static QString plainText(const QVariant &v, bool numeric);
};

// A sortable table over a list of typed rows (a report's hosts,
// conversations, findings; the history's rows). Each column reads its value
// from a row; SortRole gives the raw value, so numbers sort as numbers.
template<typename Row>
class RowTableModel : public TableModelBase
{
public:
    struct Column
    {
        std::function<QString()> title;                   // translated when asked
        std::function<QVariant(const Row &)> value;
        bool numeric = false;
        std::function<QVariant(const Row &)> sortValue;   // instead of the value
        std::function<QString(const QVariant &)> display; // shown text of the value
        std::function<QString(const QVariant &)> tip;     // a cell's tooltip from its value
        std::function<QString()> headerTip;               // the header's tooltip (a legend)
    };

    explicit RowTableModel(QList<Column> columns, QObject *parent = nullptr)
        : TableModelBase(parent), m_columns(std::move(columns))
    {
    }
    void setRows(std::vector<Row> rows)
    {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }
    const Row &row(int r) const { return m_rows.at(size_t(r)); }
    const std::vector<Row> &rows() const { return m_rows; }
    void setRowBackground(std::function<QVariant(const Row &)> fn) { m_background = std::move(fn); }

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_columns.size()); }
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override
    {
        if (!index.isValid())
            return {};
        const Row &r = m_rows.at(size_t(index.row()));
        const Column &c = m_columns.at(index.column());
        switch (role) {
        case SortRole: return c.sortValue ? c.sortValue(r) : c.value(r);
        case Qt::DisplayRole: return c.display ? c.display(c.value(r)) : defaultText(c.value(r), c.numeric);
        case CsvRole: return c.display ? c.display(c.value(r)) : plainText(c.value(r), c.numeric);
        case Qt::BackgroundRole: return m_background ? m_background(r) : QVariant();
        case Qt::TextAlignmentRole: return c.numeric ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
        case Qt::ToolTipRole: return c.tip ? QVariant(c.tip(c.value(r))) : QVariant();
        default: return {};
        }
    }
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override
    {
        if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section < m_columns.size())
            return m_columns.at(section).title();
        if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section < m_columns.size() && m_columns.at(section).headerTip)
            return m_columns.at(section).headerTip();
        return QAbstractTableModel::headerData(section, orientation, role);
    }

private:
    QList<Column> m_columns;
    std::vector<Row> m_rows;
    std::function<QVariant(const Row &)> m_background;
};

// The rows of a view (all, or the selected ones) as CSV text with a header.
QString tableAsCsv(const QTableView *view, bool selectedOnly);
// Adds "Copy as CSV" (context menu and Ctrl+Shift+C) to a table view.
void addCsvCopy(QTableView *view);
void retranslateCsvCopy(QTableView *view);

} // namespace packetlens::gui
