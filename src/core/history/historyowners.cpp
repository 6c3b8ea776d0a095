// SPDX-License-Identifier: GPL-3.0-or-later
// Who runs an analysis, and what that allows others to do with its row: the
// claim of an analysis (the cache lookup and the insert in one transaction,
// so that many processes store each capture once) and the recovery of
// analyses whose owner is gone.
#include "historystore.h"

#include "../report/reportjson.h"
#include "../util/processidentity.h"

#include <QDateTime>
#include <QMutex>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace packetlens {

namespace {
constexpr const char *kOwnerColumns = "id, owner_host, owner_pid, owner_start, coalesce(heartbeat, started, '')";

bool ownedByMe(const QSqlQuery &q)
{
    const ProcessIdentity &me = ProcessIdentity::self();
    return q.value(1).toString() == me.host && q.value(2).toLongLong() == me.pid && q.value(3).toString() == me.start;
}

// This process' analyses in progress ("<database> <id>"): claimed and not yet
// finished or failed by a HistoryStore that still exists. Another thread of
// this process waits for these like for another process' (the app's two tabs
// on one file, a server's workers); a row of this process that is not here
// (its recording failed) never makes anyone wait.
QMutex g_claimsMutex;
QSet<QString> g_claims;

QString claimKey(const QString &database, qint64 id)
{
    return database + QLatin1Char(' ') + QString::number(id);
}
} // namespace

void HistoryStore::releaseClaim(qint64 id)
{
    if (!m_claims.remove(id))
        return;
    QMutexLocker lock(&g_claimsMutex);
    g_claims.remove(claimKey(m_path, id));
}

bool HistoryStore::inProgressHere(qint64 id) const
{
    QMutexLocker lock(&g_claimsMutex);
    return g_claims.contains(claimKey(m_path, id));
}

bool HistoryStore::ownerGone(const QVariant &host, const QVariant &pid, const QVariant &start, const QVariant &beat,
                             int graceSeconds) const
{
    // On this machine (same boot) the owner's pid and start time say so;
    // elsewhere, a heartbeat older than the grace period. Rows written before
    // owners were recorded (schema 1) have no owner and count as left by a crash.
    if (host.isNull())
        return true;
    switch (ProcessIdentity::liveness(host.toString(), pid.toLongLong(), start.toString())) {
    case ProcessIdentity::Liveness::Alive:
        return false;
    case ProcessIdentity::Liveness::Dead:
        return true;
    case ProcessIdentity::Liveness::Unknown:
        break;
    }
    const QDateTime last = QDateTime::fromString(beat.toString(), Qt::ISODateWithMs);
    return !last.isValid() || last < QDateTime::currentDateTimeUtc().addSecs(-graceSeconds);
}

HistoryStore::Claim HistoryStore::claimAnalysis(const CaptureInfo &c, const QString &engineVersion, const QString &hash,
                                                bool refresh, QString *error)
{
    Claim claim;
    historysql::WriteTransaction tx(m_db, m_sql);
    if (!tx.begin(error))
        return claim;
    // Upserting the capture's row locks it until the commit (PostgreSQL; on
    // SQLite the whole database is), so claims of one capture run one after
    // the other and each sees what the one before committed.
    claim.captureId = upsertCapture(c, error);
    if (claim.captureId < 0)
        return claim;
    QSqlQuery q(m_db);
    if (!refresh) {
        q.prepare(QStringLiteral("SELECT id, report FROM analyses WHERE capture_id = ? AND engine_version = ? AND settings_hash = ?"
                                 " AND status = 'done' ORDER BY id DESC LIMIT 1"));
        q.addBindValue(claim.captureId);
        q.addBindValue(engineVersion);
        q.addBindValue(hash);
        if (q.exec() && q.next()) {
            claim.analysisId = q.value(0).toLongLong();
            claim.report = ReportJson::fromBytes(q.value(1).toString().toUtf8());
            q.finish();
            if (claim.report && tx.commit(error)) {
                claim.kind = Claim::Kind::Cached;
                return claim;
            }
        }
        q.finish();
    }
    q.prepare(QStringLiteral("SELECT %1 FROM analyses WHERE capture_id = ? AND engine_version = ? AND settings_hash = ?"
                             " AND status IN ('running', 'queued') ORDER BY id DESC").arg(QLatin1String(kOwnerColumns)));
    q.addBindValue(claim.captureId);
    q.addBindValue(engineVersion);
    q.addBindValue(hash);
    if (!q.exec()) {
        *error = q.lastError().text();
        return claim;
    }
    while (q.next()) {
        const bool busy = ownedByMe(q) ? inProgressHere(q.value(0).toLongLong())
                                       : !ownerGone(q.value(1), q.value(2), q.value(3), q.value(4), kDefaultGraceSeconds);
        if (busy) {
            claim.analysisId = q.value(0).toLongLong();
            q.finish();
            if (tx.commit(error)) {
                claim.kind = Claim::Kind::Busy;
                faultPoint("claim:busy");
            }
            return claim;
        }
    }
    q.finish();
    claim.analysisId = beginAnalysis(claim.captureId, engineVersion, hash, error);
    if (claim.analysisId < 0)
        return claim;
    // In progress here before the row can be seen: another thread's claim
    // right after the commit must find it so.
    m_claims.insert(claim.analysisId);
    {
        QMutexLocker lock(&g_claimsMutex);
        g_claims.insert(claimKey(m_path, claim.analysisId));
    }
    if (tx.commit(error))
        claim.kind = Claim::Kind::Claimed;
    else
        releaseClaim(claim.analysisId);
    return claim;
}

int HistoryStore::recoverInterrupted(int graceSeconds)
{
    // Only analyses whose owner is gone (ownerGone); those of live processes
    // (this one included) are never touched.
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT %1 FROM analyses WHERE status IN ('running', 'queued')").arg(QLatin1String(kOwnerColumns))))
        return 0;
    QList<std::pair<qint64, QString>> dead; // id, the heartbeat it was judged by
    while (q.next())
        if (!ownedByMe(q) && ownerGone(q.value(1), q.value(2), q.value(3), q.value(4), graceSeconds))
            dead.append({q.value(0).toLongLong(), q.value(4).toString()});
    q.finish();
    int marked = 0;
    QSqlQuery u(m_db);
    // A row whose owner finished it, or beat again, since it was read is left.
    u.prepare(QStringLiteral("UPDATE analyses SET status = 'interrupted', finished = ?,"
                             " error = 'PacketLens stopped while this analysis was running'"
                             " WHERE id = ? AND status IN ('running', 'queued') AND coalesce(heartbeat, started, '') = ?"));
    for (const auto &[id, beat] : std::as_const(dead)) {
        u.addBindValue(historysql::now());
        u.addBindValue(id);
        u.addBindValue(beat);
        if (u.exec())
            marked += u.numRowsAffected();
    }
    return marked;
}

} // namespace packetlens
