// SPDX-License-Identifier: GPL-3.0-or-later
// The health section's items: what the item log collected, with a summary, a
// plain-language meaning, a display filter and the evidence packets.
#include "healthanalysis.h"

#include "../report/findinglabels.h"

#include <algorithm>
#include <map>

namespace packetlens {

namespace {
constexpr double kSlowShare = 0.1;         // of a server's answers, for a "slow" item
constexpr qint64 kMinSlowAnswers = 3;
constexpr double kBroadcastShare = 0.25;   // of all packets, for "broadcast_heavy"
constexpr qint64 kMinBroadcastPackets = 1000;

QString tcpFieldOf(HealthKind k)
{
    static const std::pair<HealthKind, const char *> fields[] = {
        {HealthKind::TcpRetransmission, "retransmission"}, {HealthKind::TcpFastRetransmission, "fast_retransmission"},
        {HealthKind::TcpSpuriousRetransmission, "spurious_retransmission"}, {HealthKind::TcpOutOfOrder, "out_of_order"},
        {HealthKind::TcpLostSegment, "lost_segment"}, {HealthKind::TcpAckLostSegment, "ack_lost_segment"},
        {HealthKind::TcpDuplicateAck, "duplicate_ack"}, {HealthKind::TcpZeroWindow, "zero_window"},
        {HealthKind::TcpZeroWindowProbe, "zero_window_probe"}, {HealthKind::TcpWindowFull, "window_full"},
        {HealthKind::TcpKeepAlive, "keep_alive"}, {HealthKind::TcpReusedPorts, "reused_ports"}};
    for (const auto &[kind, name] : fields)
        if (kind == k)
            return QStringLiteral("tcp.analysis.") + QLatin1String(name);
    return {};
}

// A display filter that shows every packet of the item, or "" (then its
// evidence packets show it).
QString filterOf(HealthKind k, const QString &subject)
{
    const QString tcp = tcpFieldOf(k);
    if (!tcp.isEmpty())
        return tcp;
    const QString src = QStringLiteral(" && ip.src==") + subject;
    switch (k) {
    case HealthKind::TcpReset: return QStringLiteral("tcp.flags.reset==1") + src;
    case HealthKind::DnsServfail: return QStringLiteral("dns.flags.rcode==2") + src;
    case HealthKind::DnsRefused: return QStringLiteral("dns.flags.rcode==5") + src;
    case HealthKind::DnsNxdomain: return QStringLiteral("dns.flags.rcode==3 && ip.dst==") + subject;
    case HealthKind::DnsSlow: return QStringLiteral("dns.time>%1").arg(HealthAnalysis::kSlowDnsS) + src;
    case HealthKind::HttpClientError: return QStringLiteral("http.response.code>=400 && http.response.code<500") + src;
    case HealthKind::HttpServerError: return QStringLiteral("http.response.code>=500") + src;
    case HealthKind::HttpSlow: return QStringLiteral("http.time>%1").arg(HealthAnalysis::kSlowHttpS) + src;
    case HealthKind::OversizedFrame: return QStringLiteral("frame.len>1518");
    default: return {};
    }
}

QJsonValue seconds(double s)
{
    return phraseArg(s >= 1 ? message("health.seconds", {decimalArg(s, 2)}) : message("health.milliseconds", {decimalArg(s * 1000, 1)}));
}

// Where the item happened, in words ("" for the whole capture).
QJsonValue whereOf(HealthKind k, const QString &s)
{
    if (s.isEmpty())
        return QString();
    const char *id = "health.where.from";
    switch (k) {
    case HealthKind::TcpReset:
    case HealthKind::IcmpUnreachable:
    case HealthKind::IcmpTimeExceeded:
    case HealthKind::FragmentationNeeded: id = "health.where.sent_by"; break;
    case HealthKind::TcpRefused:
    case HealthKind::TcpUnanswered: id = "health.where.to"; break;
    case HealthKind::DnsUnanswered: id = "health.where.to_server"; break;
    case HealthKind::DnsNxdomain: id = "health.where.for_client"; break;
    case HealthKind::DhcpNoAck: id = "health.where.from_client"; break;
    case HealthKind::ArpUnanswered: id = "health.where.for"; break;
    case HealthKind::TlsAlert:
    case HealthKind::TlsSlowHandshake: id = "health.where.with_server"; break;
    case HealthKind::DuplicateIp: id = "health.where.plain"; break;
    default: break;
    }
    return phraseArg(message(id, {s}));
}
} // namespace

std::vector<HealthItem> HealthAnalysis::items() const
{
    const LoadSection load = m_load.section(0);
    std::map<HealthKind, std::vector<ItemLog::Entry>> byKind;
    for (ItemLog::Entry &e : m_items.entries()) {
        const LatencyBook::Kind lk = e.kind == HealthKind::DnsSlow    ? LatencyBook::Dns
                                     : e.kind == HealthKind::HttpSlow ? LatencyBook::Http
                                                                      : LatencyBook::TlsHandshake;
        if (e.kind == HealthKind::DnsSlow || e.kind == HealthKind::HttpSlow || e.kind == HealthKind::TlsSlowHandshake) {
            const LatencyStats all = m_latency.serverStats(lk, e.subject.ip);
            if (qint64(e.count) < kMinSlowAnswers || double(e.count) < kSlowShare * double(all.count))
                continue;
        }
        if (e.kind == HealthKind::BroadcastHeavy
            && (load.broadcastShare + load.multicastShare <= kBroadcastShare || qint64(e.count) < kMinBroadcastPackets))
            continue;
        byKind[e.kind].push_back(std::move(e));
    }
    std::vector<HealthItem> out;
    for (auto &[kind, list] : byKind) {
        // The most frequent first, then by subject: each subject's text made
        // once (not twice per comparison), and only the kept ones put in order.
        std::vector<std::pair<std::string, const ItemLog::Entry *>> ranked;
        ranked.reserve(list.size());
        for (const ItemLog::Entry &e : list)
            ranked.emplace_back(e.subject.toString(), &e);
        const size_t kept = std::min(list.size(), size_t(kItemsPerKind));
        std::partial_sort(ranked.begin(), ranked.begin() + long(kept), ranked.end(), [](const auto &a, const auto &b) {
            return a.second->count != b.second->count ? a.second->count > b.second->count : a.first < b.first;
        });
        for (size_t i = 0; i < kept; ++i)
            out.push_back(makeItem(*ranked[i].second, list.size()));
    }
    std::sort(out.begin(), out.end(), [](const HealthItem &a, const HealthItem &b) {
        const int ra = healthSeverityRank(a.severity.toLatin1().constData());
        const int rb = healthSeverityRank(b.severity.toLatin1().constData());
        if (ra != rb)
            return ra > rb;
        if (a.count != b.count)
            return a.count > b.count;
        return a.kind != b.kind ? a.kind < b.kind : a.subject < b.subject;
    });
    return out;
}

HealthItem HealthAnalysis::makeItem(const ItemLog::Entry &e, size_t subjectsOfKind) const
{
    const HealthKindInfo &info = healthKindInfo(e.kind);
    HealthItem it;
    it.kind = QString::fromLatin1(info.name);
    it.severity = QString::fromLatin1(info.severity);
    it.subject = QString::fromStdString(e.subject.toString());
    it.count = qint64(e.count);
    it.meaning = renderMessage(healthMeaning(it.kind), QStringLiteral("en"));
    it.filter = filterOf(e.kind, it.subject);
    it.firstNs = e.firstNs;
    it.lastNs = e.lastNs;
    it.evidencePackets.assign(e.evidence.begin(), e.evidence.end());
    it.summaryMessage = message("health.summary", {it.count, phraseArg(Message{QStringLiteral("health.") + it.kind + QStringLiteral(".noun"), {}}),
                                                   whereOf(e.kind, it.subject), detailOf(e, subjectsOfKind)});
    it.summary = renderMessage(it.summaryMessage, QStringLiteral("en"));
    return it;
}

// What makes the summary concrete: the figures behind a slow server, how
// many devices claim an address, the share of broadcasts.
QJsonValue HealthAnalysis::detailOf(const ItemLog::Entry &e, size_t subjectsOfKind) const
{
    auto slow = [&](LatencyBook::Kind k, double threshold) {
        const LatencyStats s = m_latency.serverStats(k, e.subject.ip);
        return phraseArg(message("health.detail.slow", {seconds(threshold), qint64(s.count), seconds(s.medianS), seconds(s.maxS)}));
    };
    switch (e.kind) {
    case HealthKind::DnsSlow: return slow(LatencyBook::Dns, kSlowDnsS);
    case HealthKind::HttpSlow: return slow(LatencyBook::Http, kSlowHttpS);
    case HealthKind::TlsSlowHandshake: return slow(LatencyBook::TlsHandshake, WebHealth::kSlowHandshakeS);
    case HealthKind::DuplicateIp: return phraseArg(message("health.detail.duplicate"));
    case HealthKind::BroadcastHeavy: {
        const LoadSection l = m_load.section(0);
        return phraseArg(message("health.detail.broadcast", {decimalArg((l.broadcastShare + l.multicastShare) * 100, 1)}));
    }
    default:
        return subjectsOfKind > size_t(kItemsPerKind) && !e.subject.toString().empty()
                   ? phraseArg(message("health.detail.one_of", {qint64(subjectsOfKind)}))
                   : QJsonValue(QString());
    }
}

} // namespace packetlens
