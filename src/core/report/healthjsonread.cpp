// SPDX-License-Identifier: GPL-3.0-or-later
// JSON -> HealthSection: reports from the history and from files. Missing
// fields keep their defaults.
#include "healthjson.h"

#include "jsonfields.h"

namespace packetlens::ReportJson {

namespace {
using namespace jsonfields;

NamedCounts counts(const QJsonObject &o)
{
    NamedCounts out;
    for (auto it = o.begin(); it != o.end(); ++it)
        out.emplace_back(it.key(), it.value().toInteger());
    return out;
}

std::vector<qint64> evidence(const QJsonObject &o)
{
    std::vector<qint64> out;
    for (const QJsonValue &v : arr(obj(o, "evidence"), "packets"))
        out.push_back(v.toInteger());
    return out;
}

LatencyStats stats(const QJsonObject &o)
{
    return {num(o, "count"), real(o, "median_s"), real(o, "p95_s"), real(o, "max_s"), o.value(QLatin1String("sampled")).toBool()};
}

std::vector<FailureCount> failures(const QJsonArray &a, const char *subjectKey)
{
    std::vector<FailureCount> out;
    for (const QJsonValue &v : a)
        out.push_back({str(v.toObject(), subjectKey), counts(obj(v.toObject(), "counts"))});
    return out;
}

TcpHealthSection tcpFrom(const QJsonObject &o)
{
    TcpHealthSection t{num(o, "connections"), counts(obj(o, "analysis")), num(o, "resets"), num(o, "resets_by_originator"),
                       num(o, "resets_by_responder"), num(o, "refused"), num(o, "unanswered"), {}, {}};
    for (const QJsonValue &v : arr(o, "conversations")) {
        const QJsonObject c = v.toObject();
        TcpConversationHealth h{str(c, "src"), str(c, "dst"), int(num(c, "sport")), int(num(c, "dport")),
                                num(c, "packets"), num(c, "bytes"), num(c, "bad_packets"), counts(obj(c, "analysis")),
                                std::nullopt, ts(c, "first_ts"), ts(c, "last_ts"), evidence(c)};
        if (c.value(QLatin1String("handshake_rtt_s")).isDouble())
            h.handshakeRttS = real(c, "handshake_rtt_s");
        t.conversations.push_back(std::move(h));
    }
    for (const QJsonValue &v : arr(o, "hosts")) {
        const QJsonObject h = v.toObject();
        t.hosts.push_back({str(h, "ip"), num(h, "bad_packets"), counts(obj(h, "analysis")), num(h, "resets_sent"),
                           num(h, "refused"), num(h, "unanswered")});
    }
    return t;
}

LatencySection latencyFrom(const QJsonObject &o)
{
    LatencySection l{stats(obj(o, "tcp_handshake")), stats(obj(o, "tcp_server")), stats(obj(o, "tcp_client")),
                     stats(obj(o, "dns")), stats(obj(o, "http")), stats(obj(o, "tls_handshake")), {}};
    for (const QJsonValue &v : arr(o, "slowest_servers"))
        l.slowestServers.push_back({str(v.toObject(), "kind"), str(v.toObject(), "server"), stats(v.toObject())});
    return l;
}

FailuresSection failuresFrom(const QJsonObject &o)
{
    FailuresSection f;
    const QJsonObject dns = obj(o, "dns"), http = obj(o, "http"), tls = obj(o, "tls"), dhcp = obj(o, "dhcp");
    const QJsonObject arp = obj(o, "arp"), mtu = obj(o, "mtu");
    f.dnsQueries = num(dns, "queries");
    f.dnsUnanswered = num(dns, "unanswered");
    f.dnsServfail = num(dns, "servfail");
    f.dnsRefused = num(dns, "refused");
    f.dnsNxdomain = num(dns, "nxdomain");
    f.dnsClients = failures(arr(dns, "clients"), "ip");
    f.dnsServers = failures(arr(dns, "servers"), "ip");
    f.httpResponses = num(http, "responses");
    f.http4xx = num(http, "client_errors");
    f.http5xx = num(http, "server_errors");
    f.httpServers = failures(arr(http, "servers"), "server");
    f.httpUris = failures(arr(http, "uris"), "uri");
    f.tlsAlerts = num(tls, "alerts");
    f.tlsEncryptedAlerts = num(tls, "encrypted_alerts");
    f.tlsAlertsByServer = failures(arr(tls, "servers"), "server");
    f.icmpErrors = failures(arr(o, "icmp"), "sender");
    f.dhcpTransactions = num(dhcp, "transactions");
    f.dhcpWithoutAck = num(dhcp, "without_ack");
    f.dhcpClients = failures(arr(dhcp, "clients"), "mac");
    f.arpRequests = num(arp, "requests");
    f.arpUnansweredTargets = num(arp, "unanswered_targets");
    f.arpUnanswered = failures(arr(arp, "unanswered"), "ip");
    f.duplicateIps = failures(arr(o, "duplicate_ips"), "ip");
    f.fragmentationNeeded = num(mtu, "fragmentation_needed");
    f.oversizedFrames = num(mtu, "oversized_frames");
    f.largestFrame = num(mtu, "largest_frame");
    return f;
}

LoadSection loadFrom(const QJsonObject &o)
{
    LoadSection l;
    const QJsonObject peak = obj(o, "peak_second"), bc = obj(o, "broadcast"), mc = obj(o, "multicast");
    if (!peak.isEmpty()) {
        l.peakNs = ts(peak, "t");
        l.peakPackets = num(peak, "packets");
        l.peakBytes = num(peak, "bytes");
    }
    for (const QJsonValue &v : arr(o, "top_talkers")) {
        const QJsonObject t = v.toObject();
        l.topTalkers.push_back({str(t, "ip"), num(t, "packets"), num(t, "bytes"), ts(t, "peak_t"),
                                num(t, "peak_packets_per_s"), num(t, "peak_bytes_per_s")});
    }
    for (const QJsonValue &v : arr(o, "fastest_conversations")) {
        const QJsonObject c = v.toObject();
        l.fastestConversations.push_back({str(c, "proto"), str(c, "src"), str(c, "dst"), int(num(c, "sport")), int(num(c, "dport")),
                                          num(c, "bytes"), real(c, "active_s"), real(c, "bytes_per_s")});
    }
    l.broadcastPackets = num(bc, "packets");
    l.broadcastBytes = num(bc, "bytes");
    l.broadcastShare = real(bc, "share");
    l.multicastPackets = num(mc, "packets");
    l.multicastBytes = num(mc, "bytes");
    l.multicastShare = real(mc, "share");
    return l;
}
} // namespace

HealthSection healthFromJson(const QJsonObject &o)
{
    HealthSection h;
    h.present = true;
    h.tcp = tcpFrom(obj(o, "tcp"));
    h.latency = latencyFrom(obj(o, "latency"));
    h.failures = failuresFrom(obj(o, "failures"));
    h.load = loadFrom(obj(o, "load"));
    for (const QJsonValue &v : arr(o, "items")) {
        const QJsonObject i = v.toObject();
        h.items.push_back({str(i, "kind"), str(i, "severity"), str(i, "subject"), num(i, "count"), str(i, "summary"),
                           str(i, "meaning"), str(i, "filter"), ts(i, "first_ts"), ts(i, "last_ts"), evidence(i),
                           Message::fromJson(i.value(QLatin1String("summary_message")))});
    }
    return h;
}

} // namespace packetlens::ReportJson
