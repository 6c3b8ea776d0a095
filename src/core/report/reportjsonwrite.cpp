// SPDX-License-Identifier: GPL-3.0-or-later
// Report -> JSON. Keys are written as docs/report-schema.md names them;
// QJsonObject orders them alphabetically, which is the order every face
// has always printed.
#include "reportjson.h"

#include "healthjson.h"
#include "jsonrows.h"
#include "reportschema.h"
#include "timeformat.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace packetlens::ReportJson {

namespace {
QJsonValue timestampOrNull(const std::optional<int64_t> &ns, int digits)
{
    return ns ? QJsonValue(isoTimestamp(*ns, digits)) : QJsonValue();
}

QString precisionName(int digits)
{
    return digits >= 9 ? QStringLiteral("ns") : digits >= 6 ? QStringLiteral("us") : QStringLiteral("ms");
}

// [{"<key>": name, "count": n}, ...]
QJsonArray countList(const std::vector<NamedCount> &v, const QString &key)
{
    QJsonArray out;
    for (const NamedCount &c : v)
        out.append(QJsonObject{{key, c.name}, {QStringLiteral("count"), c.count}});
    return out;
}

// {"name": n, ...}
QJsonObject countMap(const std::vector<NamedCount> &v)
{
    QJsonObject out;
    for (const NamedCount &c : v)
        out.insert(c.name, c.count);
    return out;
}

QJsonArray intArray(const std::vector<qint64> &v)
{
    QJsonArray out;
    for (qint64 n : v)
        out.append(n);
    return out;
}

QJsonObject captureJson(const CaptureSection &c)
{
    QJsonArray linkTypes;
    for (const LinkTypeCount &l : c.linkTypes)
        linkTypes.append(QJsonObject{{QStringLiteral("linktype"), l.linkType},
                                     {QStringLiteral("name"), l.name},
                                     {QStringLiteral("description"), l.description},
                                     {QStringLiteral("packets"), l.packets}});
    QJsonObject o{{QStringLiteral("file_name"), c.fileName},
                  {QStringLiteral("sha256"), c.sha256},
                  {QStringLiteral("size_bytes"), c.sizeBytes},
                  {QStringLiteral("format"), c.format},
                  {QStringLiteral("link_types"), linkTypes},
                  {QStringLiteral("packets"), c.packets},
                  {QStringLiteral("bytes"), c.bytes},
                  {QStringLiteral("captured_bytes"), c.capturedBytes},
                  {QStringLiteral("first_ts"), timestampOrNull(c.firstNs, c.timeDigits)},
                  {QStringLiteral("last_ts"), timestampOrNull(c.lastNs, c.timeDigits)},
                  {QStringLiteral("duration_s"), c.durationS},
                  {QStringLiteral("timestamp_precision"), precisionName(c.timeDigits)},
                  {QStringLiteral("truncated"), c.truncated},
                  {QStringLiteral("warnings"), QJsonArray::fromStringList(c.warnings)}};
    if (c.truncatedAt)
        o.insert(QStringLiteral("truncated_at"), *c.truncatedAt);
    if (!c.container.isEmpty())
        o.insert(QStringLiteral("container"), c.container);
    if (!c.containerSha256.isEmpty())
        o.insert(QStringLiteral("container_sha256"), c.containerSha256);
    if (c.containerSizeBytes)
        o.insert(QStringLiteral("container_size_bytes"), *c.containerSizeBytes);
    return o;
}

QJsonObject statsJson(const TrafficStats &s)
{
    return QJsonObject{{QStringLiteral("avg_packet_bytes"), s.avgPacketBytes},
                       {QStringLiteral("packets_per_s"), s.packetsPerS},
                       {QStringLiteral("bits_per_s"), s.bitsPerS},
                       {QStringLiteral("ip_fragments"), s.ipFragments},
                       {QStringLiteral("ip_datagrams_incomplete"), s.ipDatagramsIncomplete},
                       {QStringLiteral("tcp_retransmissions"), s.tcpRetransmissions},
                       {QStringLiteral("malformed_packets"), s.malformedPackets}};
}

QJsonArray protocolsJson(const std::vector<ProtocolNode> &nodes)
{
    QJsonArray out;
    for (const ProtocolNode &n : nodes)
        out.append(QJsonObject{{QStringLiteral("name"), n.name},
                               {QStringLiteral("path"), n.path},
                               {QStringLiteral("packets"), n.packets},
                               {QStringLiteral("bytes"), n.bytes}});
    return out;
}

// The two long lists go through JsonRows (text, parsed once): several times
// faster than a QJsonObject built key by key for a thousand rows.
QJsonArray endpointsJson(const std::vector<Endpoint> &v, int digits)
{
    JsonRows rows;
    for (const Endpoint &e : v) {
        rows.beginRow();
        rows.add("ip", e.ip.toStdString());
        rows.add("packets_sent", e.packetsSent);
        rows.add("packets_received", e.packetsReceived);
        rows.add("bytes_sent", e.bytesSent);
        rows.add("bytes_received", e.bytesReceived);
        rows.addTimestamp("first_ts", e.firstNs, digits);
        rows.addTimestamp("last_ts", e.lastNs, digits);
    }
    return rows.toArray();
}

QJsonArray conversationsJson(const std::vector<Conversation> &v, int digits)
{
    JsonRows rows;
    for (const Conversation &c : v) {
        rows.beginRow();
        rows.add("proto", c.proto.toStdString());
        rows.add("src", c.src.toStdString());
        rows.add("sport", int64_t(c.sport));
        rows.add("dst", c.dst.toStdString());
        rows.add("dport", int64_t(c.dport));
        rows.add("packets", c.packets);
        rows.add("bytes", c.bytes);
        rows.add("packets_src", c.packetsSrc);
        rows.add("packets_dst", c.packetsDst);
        rows.add("bytes_src", c.bytesSrc);
        rows.add("bytes_dst", c.bytesDst);
        rows.addTimestamp("first_ts", c.firstNs, digits);
        rows.addTimestamp("last_ts", c.lastNs, digits);
        rows.add("state", c.state.toStdString());
    }
    return rows.toArray();
}

QJsonObject timelineJson(const TimelineSection &t, int digits)
{
    QJsonArray points;
    for (const TimelinePoint &p : t.points)
        points.append(QJsonObject{{QStringLiteral("t"), isoTimestamp(p.tNs, digits)},
                                  {QStringLiteral("packets"), p.packets},
                                  {QStringLiteral("bytes"), p.bytes}});
    return QJsonObject{{QStringLiteral("bucket_s"), t.bucketS}, {QStringLiteral("points"), points}};
}

QJsonObject dnsJson(const DnsSection &d)
{
    return QJsonObject{{QStringLiteral("queries"), d.queries},
                       {QStringLiteral("responses"), d.responses},
                       {QStringLiteral("nxdomain"), d.nxdomain},
                       {QStringLiteral("unique_names"), d.uniqueNames},
                       {QStringLiteral("rcodes"), countMap(d.rcodes)},
                       {QStringLiteral("query_types"), countMap(d.queryTypes)},
                       {QStringLiteral("top_names"), countList(d.topNames, QStringLiteral("name"))},
                       {QStringLiteral("top_nxdomain_names"), countList(d.topNxdomainNames, QStringLiteral("name"))}};
}

QJsonObject httpJson(const HttpSection &h)
{
    return QJsonObject{{QStringLiteral("requests"), h.requests},
                       {QStringLiteral("responses"), h.responses},
                       {QStringLiteral("methods"), countList(h.methods, QStringLiteral("method"))},
                       {QStringLiteral("status_codes"), countMap(h.statusCodes)},
                       {QStringLiteral("top_hosts"), countList(h.topHosts, QStringLiteral("host"))},
                       {QStringLiteral("top_user_agents"), countList(h.topUserAgents, QStringLiteral("user_agent"))},
                       {QStringLiteral("top_uris"), countList(h.topUris, QStringLiteral("uri"))}};
}

QJsonObject tlsJson(const TlsSection &t)
{
    return QJsonObject{{QStringLiteral("records"), t.records},
                       {QStringLiteral("client_hellos"), t.clientHellos},
                       {QStringLiteral("server_hellos"), t.serverHellos},
                       {QStringLiteral("versions"), countList(t.versions, QStringLiteral("version"))},
                       {QStringLiteral("top_sni"), countList(t.topSni, QStringLiteral("sni"))}};
}

QJsonArray anomaliesJson(const std::vector<Anomaly> &v)
{
    QJsonArray out;
    for (const Anomaly &a : v)
        out.append(QJsonObject{{QStringLiteral("kind"), a.kind},
                               {QStringLiteral("protocol"), a.protocol},
                               {QStringLiteral("detail"), a.detail},
                               {QStringLiteral("count"), a.count},
                               {QStringLiteral("packets"), intArray(a.packets)},
                               {QStringLiteral("packets_omitted"), a.packetsOmitted}});
    return out;
}

QJsonArray objectsJson(const std::vector<ReportObject> &v)
{
    QJsonArray out;
    for (const ReportObject &o : v)
        out.append(QJsonObject{{QStringLiteral("protocol"), o.protocol},
                               {QStringLiteral("packet"), o.packet},
                               {QStringLiteral("client"), o.client},
                               {QStringLiteral("host"), o.host},
                               {QStringLiteral("name"), o.name},
                               {QStringLiteral("content_type"), o.contentType},
                               {QStringLiteral("type"), o.type},
                               {QStringLiteral("size_bytes"), o.sizeBytes},
                               {QStringLiteral("sha256"), o.sha256}});
    return out;
}

QJsonArray suspiciousJson(const std::vector<SuspiciousIp> &v)
{
    QJsonArray out;
    for (const SuspiciousIp &s : v)
        out.append(suspiciousIpToJson(s));
    return out;
}

QJsonArray recommendationsJson(const std::vector<Recommendation> &v)
{
    QJsonArray out;
    for (const Recommendation &r : v)
        out.append(QJsonObject{{QStringLiteral("priority"), r.priority},
                               {QStringLiteral("category"), r.category},
                               {QStringLiteral("severity"), severityName(r.severity)},
                               {QStringLiteral("text"), r.text},
                               {QStringLiteral("finding_ids"), QJsonArray::fromStringList(r.findingIds)}});
    return out;
}

QJsonObject limitsJson(const ReportLimitsUsed &l)
{
    return QJsonObject{{QStringLiteral("max_list_items"), l.maxListItems},
                       {QStringLiteral("tables_capped"), l.tablesCapped},
                       {QStringLiteral("endpoint_evictions"), l.endpointEvictions},
                       {QStringLiteral("conversation_evictions"), l.conversationEvictions},
                       {QStringLiteral("max_endpoints"), l.maxEndpoints},
                       {QStringLiteral("max_active_conversations"), l.maxActiveConversations}};
}
} // namespace

QJsonObject suspiciousIpToJson(const SuspiciousIp &s)
{
    return QJsonObject{{QStringLiteral("ip"), s.ip},
                       {QStringLiteral("score"), s.score},
                       {QStringLiteral("severity"), severityName(s.severity)},
                       {QStringLiteral("categories"), QJsonArray::fromStringList(s.categories)},
                       {QStringLiteral("finding_ids"), QJsonArray::fromStringList(s.findingIds)}};
}

QJsonObject findingToJson(const ReportFinding &f, int timeDigits)
{
    QJsonArray ports;
    for (int p : f.ports)
        ports.append(p);
    QJsonObject o{{QStringLiteral("id"), f.id},
                  {QStringLiteral("category"), f.category},
                  {QStringLiteral("severity"), severityName(f.severity)},
                  {QStringLiteral("confidence"), f.confidence},
                  {QStringLiteral("source"), f.source},
                  {QStringLiteral("targets"), QJsonArray::fromStringList(f.targets)},
                  {QStringLiteral("ports"), ports},
                  {QStringLiteral("first_ts"), isoTimestamp(f.firstNs, timeDigits)},
                  {QStringLiteral("last_ts"), isoTimestamp(f.lastNs, timeDigits)},
                  {QStringLiteral("count"), f.count},
                  {QStringLiteral("summary"), f.summary},
                  {QStringLiteral("threshold"), f.threshold},
                  {QStringLiteral("evidence"), QJsonObject{{QStringLiteral("packets"), intArray(f.evidencePackets)},
                                                                {QStringLiteral("metrics"), f.metrics}}},
                  {QStringLiteral("mitre_attack"), QJsonArray::fromStringList(f.mitre)},
                  {QStringLiteral("recommendation"), f.recommendation}};
    if (f.sourceUnknown)
        o.insert(QStringLiteral("source"), QJsonValue());
    if (f.sourceCount)
        o.insert(QStringLiteral("source_count"), *f.sourceCount);
    if (f.spoofedSources)
        o.insert(QStringLiteral("spoofed_sources"), *f.spoofedSources);
    // The texts as catalogue messages, for faces that speak other languages.
    if (!f.summaryMessage.isEmpty())
        o.insert(QStringLiteral("summary_message"), f.summaryMessage.toJson());
    if (!f.thresholdMessage.isEmpty())
        o.insert(QStringLiteral("threshold_message"), f.thresholdMessage.toJson());
    if (!f.recommendationMessage.isEmpty())
        o.insert(QStringLiteral("recommendation_message"), f.recommendationMessage.toJson());
    return o;
}

QJsonObject toJson(const Report &r)
{
    const int digits = r.capture.timeDigits;
    QJsonArray findings;
    for (const ReportFinding &f : r.detection.findings)
        findings.append(findingToJson(f, digits));
    QJsonObject out = r.unknownFields;
    const std::pair<QString, QJsonValue> fields[] = {
        {QStringLiteral("schema"), r.schema},
        {QStringLiteral("generator"), QJsonObject{{QStringLiteral("name"), r.generatorName},
                                                  {QStringLiteral("version"), r.generatorVersion}}},
        {QStringLiteral("capture"), captureJson(r.capture)},
        {QStringLiteral("stats"), statsJson(r.stats)},
        {QStringLiteral("protocols"), protocolsJson(r.protocols)},
        {QStringLiteral("endpoints"), endpointsJson(r.endpoints, digits)},
        {QStringLiteral("endpoints_total"), r.endpointsTotal},
        {QStringLiteral("endpoints_omitted"), r.endpointsOmitted},
        {QStringLiteral("conversations"), conversationsJson(r.conversations, digits)},
        {QStringLiteral("conversations_total"), r.conversationsTotal},
        {QStringLiteral("conversations_omitted"), r.conversationsOmitted},
        {QStringLiteral("conversation_states"), countMap(r.conversationStates)},
        {QStringLiteral("timeline"), timelineJson(r.timeline, digits)},
        {QStringLiteral("dns"), dnsJson(r.dns)},
        {QStringLiteral("http"), httpJson(r.http)},
        {QStringLiteral("tls"), tlsJson(r.tls)},
        {QStringLiteral("anomalies"), anomaliesJson(r.anomalies)},
        {QStringLiteral("limits"), limitsJson(r.limits)},
        {QStringLiteral("findings"), findings},
        {QStringLiteral("suspicious_ips"), suspiciousJson(r.detection.suspiciousIps)},
        {QStringLiteral("recommendations"), recommendationsJson(r.detection.recommendations)},
        {QStringLiteral("suppressed_findings"), QJsonObject{{QStringLiteral("total"), r.detection.suppressed.total},
                                                            {QStringLiteral("by_category"), countMap(r.detection.suppressed.byCategory)}}},
    };
    for (const auto &[key, value] : fields)
        out.insert(key, value);
    if (!r.objects.empty() || r.objectsOmitted > 0) { // reports of captures that carry no file stay as they were
        out.insert(QStringLiteral("objects"), objectsJson(r.objects));
        out.insert(QStringLiteral("objects_omitted"), r.objectsOmitted);
    }
    if (!r.detection.omitted.empty())
        out.insert(QStringLiteral("findings_omitted"), countMap(r.detection.omitted));
    if (r.health.present) { // reports from before health have neither section
        out.insert(QStringLiteral("health"), healthToJson(r.health, digits));
        out.insert(QStringLiteral("timeline_events"), timelineToJson(r.timelineEvents, digits));
    }
    if (!r.timelineOmitted.empty())
        out.insert(QStringLiteral("timeline_events_omitted"), countMap(r.timelineOmitted));
    return out;
}

QByteArray toBytes(const Report &report, bool indented)
{
    return QJsonDocument(toJson(report)).toJson(indented ? QJsonDocument::Indented : QJsonDocument::Compact);
}

} // namespace packetlens::ReportJson
