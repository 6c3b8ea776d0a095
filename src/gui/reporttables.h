// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "tablemodel.h"

#include "core/report/report.h"

#include <QJsonObject>

namespace packetlens::gui {

using HostModel = RowTableModel<Endpoint>;
using ConversationModel = RowTableModel<Conversation>;
using FindingModel = RowTableModel<ReportFinding>;
using HistoryModel = RowTableModel<QJsonObject>; // the history's rows (HistoryStore::list)

// Column sets of the report's tables and the history's, with translatable titles.
// Times are shown with the capture's precision: *timeDigits, read when shown.
QList<HostModel::Column> hostColumns(const int *timeDigits);
// A Zeek conn_state code in words ("SF — established and closed normally");
// the legend of all of them for an empty code.
QString connStateText(const QString &code);
QList<ConversationModel::Column> conversationColumns(const int *timeDigits);
QList<FindingModel::Column> findingColumns();
QList<HistoryModel::Column> historyColumns();
QList<HistoryModel::Column> historyIpColumns();

QString severityText(Severity severity); // translated
// Sorts IPv4 before IPv6, each numerically (10.0.0.9 before 10.0.0.10).
QString addressSortKey(const QString &address);
// A history analysis' status ("done", "interrupted", …) in the UI language.
QString analysisStatusText(const QString &status);

// The display filter that selects one host's or one conversation's packets.
QString hostFilter(const Endpoint &endpoint);
QString conversationFilter(const Conversation &conversation);
QString evidenceFilter(const ReportFinding &finding); // "" when it cites no packet

} // namespace packetlens::gui
