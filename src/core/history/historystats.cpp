// SPDX-License-Identifier: GPL-3.0-or-later
// HistoryStore::stats: the all-history statistics (GET /stats, `history
// stats`, the app's History view), over the latest finished analysis of each
// capture.
#include "historystore.h"

#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace packetlens {

namespace {
const QString kLatest = QStringLiteral("(SELECT max(id) FROM analyses WHERE status = 'done' GROUP BY capture_id)");

// Keeps the first failure of a query (a database that went away answers
// with a partial result otherwise).
bool noted(QSqlQuery &q, bool ok, QString *error)
{
    if (!ok && error && error->isEmpty())
        *error = q.lastError().text();
    return ok;
}

QJsonObject countsBy(QSqlDatabase &db, const QString &column, const QString &order, QString *error)
{
    QJsonObject out;
    QSqlQuery q(db);
    noted(q, q.exec(QStringLiteral("SELECT %1, count(*) FROM findings WHERE analysis_id IN %2 GROUP BY %1%3").arg(column, kLatest, order)), error);
    while (q.next())
        out.insert(q.value(0).toString(), q.value(1).toLongLong());
    return out;
}
} // namespace

QJsonObject HistoryStore::stats(int top, QString *error)
{
    QJsonObject out;
    QSqlQuery q(m_db);
    noted(q, q.exec(QStringLiteral("SELECT count(*), coalesce(sum(a.packets), 0), coalesce(sum(a.bytes), 0), coalesce(sum(c.size_bytes), 0)"
                                   " FROM analyses a JOIN captures c ON c.id = a.capture_id WHERE a.id IN %1").arg(kLatest)), error);
    if (q.next()) {
        out.insert(QStringLiteral("captures"), q.value(0).toLongLong());
        out.insert(QStringLiteral("packets"), q.value(1).toLongLong());
        out.insert(QStringLiteral("bytes"), q.value(2).toLongLong());
        // The capture files' sizes (what the History's Size column shows), beside the packets' bytes.
        out.insert(QStringLiteral("capture_bytes"), q.value(3).toLongLong());
    }
    noted(q, q.exec(QStringLiteral("SELECT count(*) FROM analyses")), error);
    out.insert(QStringLiteral("analyses"), q.next() ? q.value(0).toLongLong() : 0);
    out.insert(QStringLiteral("findings_by_severity"), countsBy(m_db, QStringLiteral("severity"), QString(), error));
    out.insert(QStringLiteral("findings_by_category"), countsBy(m_db, QStringLiteral("category"), QStringLiteral(" ORDER BY 2 DESC"), error));
    // Suspicious IPs across captures: a finding's source, MAC addresses aside.
    QJsonArray ips;
    q.prepare(QStringLiteral("SELECT f.source, count(DISTINCT a.capture_id), count(*), max(f.severity_rank), %1"
                             " FROM findings f JOIN analyses a ON a.id = f.analysis_id"
                             " WHERE f.analysis_id IN %2 AND f.source <> '' AND f.source <> 'unknown' AND %3"
                             " GROUP BY f.source ORDER BY 4 DESC, 2 DESC, 3 DESC LIMIT ?")
                  .arg(m_sql.distinctList(QStringLiteral("f.category")), kLatest, m_sql.notMacAddress(QStringLiteral("f.source"))));
    q.addBindValue(top);
    noted(q, q.exec(), error);
    while (q.next()) {
        ips.append(QJsonObject{{QStringLiteral("ip"), q.value(0).toString()},
                               {QStringLiteral("captures"), q.value(1).toLongLong()},
                               {QStringLiteral("findings"), q.value(2).toLongLong()},
                               {QStringLiteral("max_severity"), severityName(Severity(std::clamp(q.value(3).toInt(), 0, kSeverityCount - 1)))},
                               {QStringLiteral("categories"), QJsonArray::fromStringList(q.value(4).toString().split(QLatin1Char(',')))}});
    }
    out.insert(QStringLiteral("top_suspicious_ips"), ips);
    out.insert(QStringLiteral("recent_analyses"), list(top, 0));
    return out;
}

} // namespace packetlens
