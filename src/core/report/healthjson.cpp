// SPDX-License-Identifier: GPL-3.0-or-later
// HealthSection -> JSON. Keys as docs/report-schema.md names them.
#include "healthjson.h"

#include "timeformat.h"

namespace packetlens::ReportJson {

namespace {
QJsonObject counts(const NamedCounts &c)
{
    QJsonObject o;
    for (const auto &[name, n] : c)
        o.insert(name, n);
    return o;
}

QJsonArray packets(const std::vector<qint64> &v)
{
    QJsonArray a;
    for (qint64 p : v)
        a.append(p);
    return a;
}

QJsonObject stats(const LatencyStats &s)
{
    QJsonObject o{{QStringLiteral("count"), s.count},
                  {QStringLiteral("median_s"), s.medianS},
                  {QStringLiteral("p95_s"), s.p95S},
                  {QStringLiteral("max_s"), s.maxS}};
    if (s.sampled)
        o.insert(QStringLiteral("sampled"), true);
    return o;
}

QJsonArray failures(const std::vector<FailureCount> &rows, const QString &subjectKey)
{
    QJsonArray a;
    for (const FailureCount &r : rows)
        a.append(QJsonObject{{subjectKey, r.subject}, {QStringLiteral("counts"), counts(r.counts)}});
    return a;
}

QJsonObject tcpJson(const TcpHealthSection &t, int digits)
{
    QJsonArray convs, hosts;
    for (const TcpConversationHealth &c : t.conversations)
        convs.append(QJsonObject{{QStringLiteral("src"), c.src}, {QStringLiteral("sport"), c.sport},
                                 {QStringLiteral("dst"), c.dst}, {QStringLiteral("dport"), c.dport},
                                 {QStringLiteral("packets"), c.packets}, {QStringLiteral("bytes"), c.bytes},
                                 {QStringLiteral("bad_packets"), c.badPackets}, {QStringLiteral("analysis"), counts(c.analysis)},
                                 {QStringLiteral("handshake_rtt_s"), c.handshakeRttS ? QJsonValue(*c.handshakeRttS) : QJsonValue()},
                                 {QStringLiteral("first_ts"), isoTimestamp(c.firstNs, digits)},
                                 {QStringLiteral("last_ts"), isoTimestamp(c.lastNs, digits)},
                                 {QStringLiteral("evidence"), QJsonObject{{QStringLiteral("packets"), packets(c.evidencePackets)}}}});
    for (const TcpHostHealth &h : t.hosts)
        hosts.append(QJsonObject{{QStringLiteral("ip"), h.ip}, {QStringLiteral("bad_packets"), h.badPackets},
                                 {QStringLiteral("analysis"), counts(h.analysis)}, {QStringLiteral("resets_sent"), h.resetsSent},
                                 {QStringLiteral("refused"), h.refused}, {QStringLiteral("unanswered"), h.unanswered}});
    return QJsonObject{{QStringLiteral("connections"), t.connections}, {QStringLiteral("analysis"), counts(t.analysis)},
                       {QStringLiteral("resets"), t.resets}, {QStringLiteral("resets_by_originator"), t.resetsByOriginator},
                       {QStringLiteral("resets_by_responder"), t.resetsByResponder}, {QStringLiteral("refused"), t.refused},
                       {QStringLiteral("unanswered"), t.unanswered}, {QStringLiteral("conversations"), convs},
                       {QStringLiteral("hosts"), hosts}};
}

QJsonObject latencyJson(const LatencySection &l)
{
    QJsonArray slowest;
    for (const ServerLatency &s : l.slowestServers) {
        QJsonObject o = stats(s.stats);
        o.insert(QStringLiteral("kind"), s.kind);
        o.insert(QStringLiteral("server"), s.server);
        slowest.append(o);
    }
    return QJsonObject{{QStringLiteral("tcp_handshake"), stats(l.tcpHandshake)}, {QStringLiteral("tcp_server"), stats(l.tcpServer)},
                       {QStringLiteral("tcp_client"), stats(l.tcpClient)}, {QStringLiteral("dns"), stats(l.dns)},
                       {QStringLiteral("http"), stats(l.http)}, {QStringLiteral("tls_handshake"), stats(l.tlsHandshake)},
                       {QStringLiteral("slowest_servers"), slowest}};
}

QJsonObject failuresJson(const FailuresSection &f)
{
    const QString ip = QStringLiteral("ip");
    return QJsonObject{
        {QStringLiteral("dns"), QJsonObject{{QStringLiteral("queries"), f.dnsQueries}, {QStringLiteral("unanswered"), f.dnsUnanswered},
                                            {QStringLiteral("servfail"), f.dnsServfail}, {QStringLiteral("refused"), f.dnsRefused},
                                            {QStringLiteral("nxdomain"), f.dnsNxdomain}, {QStringLiteral("clients"), failures(f.dnsClients, ip)},
                                            {QStringLiteral("servers"), failures(f.dnsServers, ip)}}},
        {QStringLiteral("http"), QJsonObject{{QStringLiteral("responses"), f.httpResponses}, {QStringLiteral("client_errors"), f.http4xx},
                                             {QStringLiteral("server_errors"), f.http5xx},
                                             {QStringLiteral("servers"), failures(f.httpServers, QStringLiteral("server"))},
                                             {QStringLiteral("uris"), failures(f.httpUris, QStringLiteral("uri"))}}},
        {QStringLiteral("tls"), QJsonObject{{QStringLiteral("alerts"), f.tlsAlerts}, {QStringLiteral("encrypted_alerts"), f.tlsEncryptedAlerts},
                                            {QStringLiteral("servers"), failures(f.tlsAlertsByServer, QStringLiteral("server"))}}},
        {QStringLiteral("icmp"), failures(f.icmpErrors, QStringLiteral("sender"))},
        {QStringLiteral("dhcp"), QJsonObject{{QStringLiteral("transactions"), f.dhcpTransactions}, {QStringLiteral("without_ack"), f.dhcpWithoutAck},
                                             {QStringLiteral("clients"), failures(f.dhcpClients, QStringLiteral("mac"))}}},
        {QStringLiteral("arp"), QJsonObject{{QStringLiteral("requests"), f.arpRequests}, {QStringLiteral("unanswered_targets"), f.arpUnansweredTargets},
                                            {QStringLiteral("unanswered"), failures(f.arpUnanswered, ip)}}},
        {QStringLiteral("duplicate_ips"), failures(f.duplicateIps, ip)},
        {QStringLiteral("mtu"), QJsonObject{{QStringLiteral("fragmentation_needed"), f.fragmentationNeeded},
                                            {QStringLiteral("oversized_frames"), f.oversizedFrames},
                                            {QStringLiteral("largest_frame"), f.largestFrame}}}};
}

QJsonObject loadJson(const LoadSection &l, int digits)
{
    QJsonArray talkers, fastest;
    for (const TalkerLoad &t : l.topTalkers)
        talkers.append(QJsonObject{{QStringLiteral("ip"), t.ip}, {QStringLiteral("packets"), t.packets}, {QStringLiteral("bytes"), t.bytes},
                                   {QStringLiteral("peak_t"), isoTimestamp(t.peakNs, digits)},
                                   {QStringLiteral("peak_bytes_per_s"), t.peakBytes}, {QStringLiteral("peak_packets_per_s"), t.peakPackets}});
    for (const ConversationRate &c : l.fastestConversations)
        fastest.append(QJsonObject{{QStringLiteral("proto"), c.proto}, {QStringLiteral("src"), c.src}, {QStringLiteral("sport"), c.sport},
                                   {QStringLiteral("dst"), c.dst}, {QStringLiteral("dport"), c.dport}, {QStringLiteral("bytes"), c.bytes},
                                   {QStringLiteral("active_s"), c.activeS}, {QStringLiteral("bytes_per_s"), c.bytesPerS}});
    const QJsonValue peak = l.peakNs ? QJsonValue(QJsonObject{{QStringLiteral("t"), isoTimestamp(*l.peakNs, digits)},
                                                              {QStringLiteral("packets"), l.peakPackets},
                                                              {QStringLiteral("bytes"), l.peakBytes}})
                                     : QJsonValue();
    return QJsonObject{{QStringLiteral("peak_second"), peak}, {QStringLiteral("top_talkers"), talkers},
                       {QStringLiteral("fastest_conversations"), fastest},
                       {QStringLiteral("broadcast"), QJsonObject{{QStringLiteral("packets"), l.broadcastPackets},
                                                                 {QStringLiteral("bytes"), l.broadcastBytes},
                                                                 {QStringLiteral("share"), l.broadcastShare}}},
                       {QStringLiteral("multicast"), QJsonObject{{QStringLiteral("packets"), l.multicastPackets},
                                                                 {QStringLiteral("bytes"), l.multicastBytes},
                                                                 {QStringLiteral("share"), l.multicastShare}}}};
}

QJsonArray itemsJson(const std::vector<HealthItem> &items, int digits)
{
    QJsonArray a;
    for (const HealthItem &i : items) {
        QJsonObject o{{QStringLiteral("kind"), i.kind}, {QStringLiteral("severity"), i.severity},
                      {QStringLiteral("subject"), i.subject}, {QStringLiteral("count"), i.count},
                      {QStringLiteral("summary"), i.summary}, {QStringLiteral("meaning"), i.meaning},
                      {QStringLiteral("filter"), i.filter}, {QStringLiteral("first_ts"), isoTimestamp(i.firstNs, digits)},
                      {QStringLiteral("last_ts"), isoTimestamp(i.lastNs, digits)},
                      {QStringLiteral("evidence"), QJsonObject{{QStringLiteral("packets"), packets(i.evidencePackets)}}}};
        if (!i.summaryMessage.isEmpty())
            o.insert(QStringLiteral("summary_message"), i.summaryMessage.toJson());
        a.append(o);
    }
    return a;
}
} // namespace

QJsonObject healthToJson(const HealthSection &h, int digits)
{
    return QJsonObject{{QStringLiteral("tcp"), tcpJson(h.tcp, digits)}, {QStringLiteral("latency"), latencyJson(h.latency)},
                       {QStringLiteral("failures"), failuresJson(h.failures)}, {QStringLiteral("load"), loadJson(h.load, digits)},
                       {QStringLiteral("items"), itemsJson(h.items, digits)}};
}

} // namespace packetlens::ReportJson
