// SPDX-License-Identifier: GPL-3.0-or-later
#include "packetlistmodel.h"

#include "core/decode/protocols.h"

#include <QColor>
#include <QDateTime>
#include <QFont>

#include <algorithm>

namespace packetlens::gui {

QColor severityColor(Severity s)
{
    // Translucent, so that rows stay readable on light and dark palettes.
    switch (s) {
    case Severity::Critical: return QColor(211, 47, 47, 150);
    case Severity::High: return QColor(239, 108, 0, 130);
    case Severity::Medium: return QColor(249, 168, 37, 120);
    case Severity::Low: return QColor(30, 136, 229, 90);
    case Severity::Info: return QColor(120, 144, 156, 70);
    }
    return {};
}

PacketListModel::PacketListModel(QObject *parent) : QAbstractTableModel(parent) {}

void PacketListModel::setSource(const PacketSource &source)
{
    beginResetModel();
    m_src = source;
    m_total = source.records ? source.records->size() : 0;
    m_rows.reset();
    m_cache.clear();
    endResetModel();
}

void PacketListModel::recordsAppended(uint32_t newTotal)
{
    if (newTotal <= m_total)
        return;
    if (m_rows) {
        m_total = newTotal; // filtered/sorted rows get new records through appendRows()
        return;
    }
    beginInsertRows({}, int(m_total), int(newTotal) - 1);
    m_total = newTotal;
    endInsertRows();
}

void PacketListModel::setRows(std::shared_ptr<std::vector<uint32_t>> rows)
{
    emit layoutAboutToBeChanged();
    const QModelIndexList before = persistentIndexList();
    std::vector<uint32_t> records;
    for (const QModelIndex &i : before)
        records.push_back(recordAt(i.row()));
    m_rows = std::move(rows);
    QModelIndexList after;
    for (size_t k = 0; k < records.size(); ++k) {
        const int row = rowOfRecord(records[k]);
        after << (row < 0 ? QModelIndex() : index(row, before[qsizetype(k)].column()));
    }
    changePersistentIndexList(before, after);
    emit layoutChanged();
}

void PacketListModel::appendRows(const std::vector<uint32_t> &more)
{
    if (!m_rows || more.empty())
        return;
    const int first = int(m_rows->size());
    beginInsertRows({}, first, first + int(more.size()) - 1);
    m_rows->insert(m_rows->end(), more.begin(), more.end());
    endInsertRows();
}

std::vector<uint32_t> PacketListModel::currentRows() const
{
    if (m_rows)
        return *m_rows;
    std::vector<uint32_t> all(m_total);
    for (uint32_t i = 0; i < m_total; ++i)
        all[i] = i;
    return all;
}

int PacketListModel::rowOfRecord(uint32_t record) const
{
    if (!m_rows)
        return record < m_total ? int(record) : -1;
    const auto it = std::find(m_rows->begin(), m_rows->end(), record);
    return it == m_rows->end() ? -1 : int(it - m_rows->begin());
}

void PacketListModel::setRelativeTime(bool relative)
{
    if (m_relative == relative)
        return;
    m_relative = relative;
    emit layoutAboutToBeChanged(); // text of every row changes: one layout change, not a full dataChanged
    emit layoutChanged();
    emit headerDataChanged(Qt::Horizontal, int(PacketColumn::Time), int(PacketColumn::Time));
}

void PacketListModel::setEvidence(QHash<uint64_t, Severity> severityByPacket)
{
    emit layoutAboutToBeChanged();
    m_evidence = std::move(severityByPacket);
    emit layoutChanged();
}

int PacketListModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return m_rows ? int(m_rows->size()) : int(m_total);
}

int PacketListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(PacketColumn::Count);
}

const RowText &PacketListModel::rowText(uint32_t record) const
{
    if (RowText *t = m_cache.object(record))
        return *t;
    auto *t = new RowText(makeRowText(m_src, record));
    m_cache.insert(record, t);
    return *m_cache.object(record);
}

QString PacketListModel::timeText(const PacketRecord &r) const
{
    if (m_relative) {
        const int64_t first = m_src.records->size() ? m_src.records->at(0).tsNs : 0;
        const int64_t d = r.tsNs - first;
        return QStringLiteral("%1%2.%3")
            .arg(d < 0 ? QStringLiteral("-") : QString())
            .arg(std::abs(d) / 1000000000)
            .arg(std::abs(d) % 1000000000 / 1000, 6, 10, QChar(u'0'));
    }
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(r.tsNs / 1000000, Qt::UTC);
    return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.")) + QStringLiteral("%1").arg(r.tsNs % 1000000000 / 1000, 6, 10, QChar(u'0'));
}

QVariant PacketListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const uint32_t rec = recordAt(index.row());
    const PacketRecord &r = m_src.records->at(rec);
    const auto col = PacketColumn(index.column());
    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case PacketColumn::Number: return qulonglong(rec) + 1;
        case PacketColumn::Time: return timeText(r);
        case PacketColumn::Source: return r.src && r.src <= uint32_t(m_src.addresses.size()) ? m_src.addresses[r.src - 1] : QString();
        case PacketColumn::Destination: return r.dst && r.dst <= uint32_t(m_src.addresses.size()) ? m_src.addresses[r.dst - 1] : QString();
        case PacketColumn::Protocol: return rowText(rec).protocol;
        case PacketColumn::Length: return r.len;
        case PacketColumn::Info: return rowText(rec).info;
        case PacketColumn::Count: break;
        }
        break;
    case Qt::BackgroundRole: {
        const auto it = m_evidence.constFind(uint64_t(rec) + 1);
        if (it != m_evidence.constEnd())
            return severityColor(*it);
        if (r.flags & PacketRecord::Malformed)
            return QColor(211, 47, 47, 60);
        break;
    }
    case Qt::TextAlignmentRole:
        if (col == PacketColumn::Number || col == PacketColumn::Length)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case RecordIndexRole: return rec;
    case SeverityRole: { // the worst finding citing the packet (Severity), none when uncited
        const auto it = m_evidence.constFind(uint64_t(rec) + 1);
        return it == m_evidence.constEnd() ? QVariant() : QVariant(int(*it));
    }
    default: break;
    }
    return {};
}

QVariant PacketListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (PacketColumn(section)) {
    case PacketColumn::Number: return tr("No.");
    case PacketColumn::Time: return m_relative ? tr("Time (s)") : tr("Time (UTC)");
    case PacketColumn::Source: return tr("Source");
    case PacketColumn::Destination: return tr("Destination");
    case PacketColumn::Protocol: return tr("Protocol");
    case PacketColumn::Length: return tr("Length");
    case PacketColumn::Info: return tr("Info");
    case PacketColumn::Count: break;
    }
    return {};
}

void PacketListModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
}

size_t PacketListModel::memoryBytes() const
{
    return (m_src.records ? m_src.records->memoryBytes() : 0) + (m_rows ? m_rows->capacity() * sizeof(uint32_t) : 0);
}

} // namespace packetlens::gui
