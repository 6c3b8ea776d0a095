// SPDX-License-Identifier: GPL-3.0-or-later
#include "liveevents.h"

#include "../report/reportjson.h"
#include "../report/timeformat.h"

#include <QDateTime>
#include <QJsonArray>

namespace packetlens {

namespace {
QString nowText()
{
    return isoTimestamp(QDateTime::currentMSecsSinceEpoch() * 1000000ll, 3);
}

QJsonObject typed(const char *type)
{
    return QJsonObject{{QStringLiteral("type"), QLatin1String(type)}, {QStringLiteral("time"), nowText()}};
}
} // namespace

QJsonObject LiveEvents::stats(const LiveStats &s)
{
    QJsonObject o = typed("stats");
    o.insert(QStringLiteral("elapsed_s"), s.elapsedS);
    o.insert(QStringLiteral("packets"), qint64(s.packets));
    o.insert(QStringLiteral("bytes"), qint64(s.bytes));
    o.insert(QStringLiteral("packets_per_s"), qRound64(s.packetsPerS));
    o.insert(QStringLiteral("bytes_per_s"), qRound64(s.bytesPerS));
    QJsonObject drops{{QStringLiteral("reported"), s.hasDropCounts}};
    if (s.hasDropCounts) {
        drops.insert(QStringLiteral("received"), qint64(s.received));
        drops.insert(QStringLiteral("kernel"), qint64(s.kernelDrops));
        drops.insert(QStringLiteral("interface"), qint64(s.interfaceDrops));
    }
    o.insert(QStringLiteral("drops"), drops);
    QJsonArray protocols;
    for (const ProtocolNode &p : s.protocols)
        protocols.append(QJsonObject{{QStringLiteral("name"), p.name}, {QStringLiteral("path"), p.path},
                                     {QStringLiteral("packets"), p.packets}, {QStringLiteral("bytes"), p.bytes}});
    o.insert(QStringLiteral("protocols"), protocols);
    QJsonArray talkers;
    for (const TalkerCount &t : s.topTalkers)
        talkers.append(QJsonObject{{QStringLiteral("ip"), t.address}, {QStringLiteral("packets"), qint64(t.packets)},
                                   {QStringLiteral("bytes"), qint64(t.bytes)}});
    o.insert(QStringLiteral("top_talkers"), talkers);
    o.insert(QStringLiteral("findings"), s.findings);
    return o;
}

QJsonObject LiveEvents::finding(const ReportFinding &f, int timeDigits)
{
    QJsonObject o = typed("finding");
    o.insert(QStringLiteral("finding"), ReportJson::findingToJson(f, timeDigits));
    return o;
}

QJsonObject LiveEvents::packet(const LivePacketLine &line)
{
    QJsonObject o = typed("packet");
    o.insert(QStringLiteral("no"), qint64(line.number));
    o.insert(QStringLiteral("ts"), isoTimestamp(line.tsNs, 9));
    o.insert(QStringLiteral("src"), line.source);
    o.insert(QStringLiteral("dst"), line.destination);
    o.insert(QStringLiteral("protocol"), line.protocol);
    o.insert(QStringLiteral("length"), qint64(line.length));
    o.insert(QStringLiteral("info"), line.info);
    return o;
}

QJsonObject LiveEvents::end(const LiveResult &r)
{
    QJsonObject o = typed("end");
    o.insert(QStringLiteral("reason"), liveEndName(r.end));
    if (r.error != LiveError::None)
        o.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), liveErrorCode(r.error)},
                                                      {QStringLiteral("message"), r.message}});
    else if (!r.message.isEmpty())
        o.insert(QStringLiteral("message"), r.message);
    o.insert(QStringLiteral("elapsed_s"), r.elapsedS);
    o.insert(QStringLiteral("packets"), qint64(r.packets));
    o.insert(QStringLiteral("bytes"), qint64(r.bytes));
    o.insert(QStringLiteral("drops"), QJsonObject{{QStringLiteral("kernel"), qint64(r.kernelDrops)},
                                                  {QStringLiteral("interface"), qint64(r.interfaceDrops)}});
    o.insert(QStringLiteral("findings"), r.report ? int(r.report->findings().size()) : 0);
    if (!r.sha256.isEmpty())
        o.insert(QStringLiteral("sha256"), r.sha256);
    return o;
}

QJsonObject LiveEvents::error(LiveError e, const QString &message)
{
    QJsonObject o = typed("error");
    o.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), liveErrorCode(e)}, {QStringLiteral("message"), message}});
    return o;
}

} // namespace packetlens
