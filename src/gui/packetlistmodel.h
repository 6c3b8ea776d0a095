// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "packetjobs.h"

#include "core/report/severity.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QHash>

namespace packetlens::gui {

// The packet list: a flat model over compact records. Rows are all records,
// or (after a filter or sort) a list of record indices. Column text is made
// when the view asks and kept in a bounded cache. Bulk changes are announced
// with layoutChanged, never a full-range dataChanged.
class PacketListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role { RecordIndexRole = Qt::UserRole + 1, SeverityRole };

    explicit PacketListModel(QObject *parent = nullptr);

    void setSource(const PacketSource &source); // records, spool and address table
    void setAddresses(const QStringList &addresses) { m_src.addresses = addresses; }
    const PacketSource &source() const { return m_src; }

    // New records were appended to the store (while loading).
    void recordsAppended(uint32_t newTotal);
    // A filter's or sort's result replaces the rows (null: all records in order).
    void setRows(std::shared_ptr<std::vector<uint32_t>> rows);
    void appendRows(const std::vector<uint32_t> &more); // filtered rows of newly loaded records
    bool isIdentity() const { return !m_rows; }
    std::vector<uint32_t> currentRows() const;
    uint32_t recordAt(int row) const { return m_rows ? (*m_rows)[size_t(row)] : uint32_t(row); }
    int rowOfRecord(uint32_t record) const; // -1 when hidden

    void setRelativeTime(bool relative);
    bool relativeTime() const { return m_relative; }
    void setEvidence(QHash<uint64_t, Severity> severityByPacket); // packet number -> the worst finding citing it

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void retranslate();

    size_t memoryBytes() const;

private:
    const RowText &rowText(uint32_t record) const;
    QString timeText(const PacketRecord &r) const;

    PacketSource m_src;
    uint32_t m_total = 0; // records shown when identity
    std::shared_ptr<std::vector<uint32_t>> m_rows;
    bool m_relative = true;
    QHash<uint64_t, Severity> m_evidence;
    mutable QCache<uint32_t, RowText> m_cache{4096};
};

QColor severityColor(Severity severity); // a row tint

} // namespace packetlens::gui
