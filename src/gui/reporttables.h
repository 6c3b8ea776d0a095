#pragma once

#include "jsontablemodel.h"

namespace packetlens::gui {

// Column sets of the report's tables, with translatable titles.
QList<JsonTableModel::Column> hostColumns();
QList<JsonTableModel::Column> conversationColumns();
QList<JsonTableModel::Column> findingColumns();
QList<JsonTableModel::Column> historyColumns();

QString severityName(const QString &severity); // translated
// Sorts IPv4 before IPv6, each numerically (10.0.0.9 before 10.0.0.10).
QString addressSortKey(const QString &address);

// The display filter that selects one host's or one conversation's packets.
QString hostFilter(const QJsonObject &endpoint);
QString conversationFilter(const QJsonObject &conversation);
QString evidenceFilter(const QJsonObject &finding); // "" when it cites no packet

} // namespace packetlens::gui
