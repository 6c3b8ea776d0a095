#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

#include <functional>

class QTableView;

namespace packetlens::gui {

// A small sortable table over a report's JSON array (hosts, conversations,
// findings). Each column names a key (or computes a value); SortRole gives
// the raw value so that numbers sort as numbers.
class JsonTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int SortRole = Qt::UserRole + 10;
    static constexpr int ObjectRole = Qt::UserRole + 11;

    struct Column
    {
        std::function<QString()> title; // translated when asked
        QString key;
        std::function<QVariant(const QJsonObject &)> value; // instead of key
        bool numeric = false;
        std::function<QVariant(const QJsonObject &)> sortValue; // instead of the shown value
        std::function<QString(const QVariant &)> display;       // shown text of the value
    };

    explicit JsonTableModel(QList<Column> columns, QObject *parent = nullptr);
    void setItems(const QJsonArray &items);
    void setRowBackground(std::function<QVariant(const QJsonObject &)> fn) { m_background = std::move(fn); }
    QJsonObject item(int row) const { return m_items.at(row).toObject(); }
    void retranslate() { emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant raw(int row, int column) const;
    QList<Column> m_columns;
    QJsonArray m_items;
    std::function<QVariant(const QJsonObject &)> m_background;
};

// The rows of a view (all, or the selected ones) as CSV text with a header.
QString tableAsCsv(const QTableView *view, bool selectedOnly);
// Adds "Copy as CSV" (context menu and Ctrl+Shift+C) to a table view.
void addCsvCopy(QTableView *view);
void retranslateCsvCopy(QTableView *view);

} // namespace packetlens::gui
