// SPDX-License-Identifier: GPL-3.0-or-later
// JSON -> Report: reports from the history and from files. Tolerant of
// missing fields (they keep their defaults) and keeps unknown top-level
// fields, so that a report read and written again is the same document.
#include "reportjson.h"

#include "healthjson.h"
#include "jsonfields.h"
#include "reportschema.h"
#include "timeformat.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace packetlens::ReportJson {

namespace {
using namespace jsonfields;

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out << s.toString();
    return out;
}

std::vector<qint64> ints(const QJsonValue &v)
{
    std::vector<qint64> out;
    for (const QJsonValue &n : v.toArray())
        out.push_back(n.toInteger());
    return out;
}

int64_t timestamp(const QJsonValue &v)
{
    int64_t ns = 0;
    parseIsoTimestamp(v.toString(), &ns);
    return ns;
}

std::optional<int64_t> optionalTimestamp(const QJsonValue &v)
{
    int64_t ns = 0;
    if (!v.isString() || !parseIsoTimestamp(v.toString(), &ns))
        return std::nullopt;
    return ns;
}

std::vector<NamedCount> countList(const QJsonValue &v, const char *key)
{
    std::vector<NamedCount> out;
    for (const QJsonValue &e : v.toArray())
        out.push_back({str(e.toObject(), key), num(e.toObject(), "count")});
    return out;
}

std::vector<NamedCount> countMap(const QJsonValue &v)
{
    std::vector<NamedCount> out;
    const QJsonObject o = v.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        out.push_back({it.key(), it.value().toInteger()});
    return out;
}

Severity severityOf(const QJsonValue &v)
{
    return severityFromName(v.toString()).value_or(Severity::Info);
}

int digitsOf(const QJsonObject &capture)
{
    // The fractional digits of the capture's timestamps; the precision's
    // name when it has none (no packets) or one that is not a time (it is
    // written back as null: the digits must not depend on it).
    int64_t ns = 0;
    int digits = 0;
    if (parseIsoTimestamp(str(capture, "first_ts"), &ns, &digits))
        return std::min(digits, 9);
    const QString p = str(capture, "timestamp_precision");
    return p == QLatin1String("ns") ? 9 : p == QLatin1String("ms") ? 3 : 6;
}

CaptureSection captureFrom(const QJsonObject &o)
{
    CaptureSection c;
    c.fileName = str(o, "file_name");
    c.sha256 = str(o, "sha256");
    c.format = str(o, "format");
    c.sizeBytes = num(o, "size_bytes");
    c.container = str(o, "container");
    c.containerSha256 = str(o, "container_sha256");
    if (o.contains(QLatin1String("container_size_bytes")))
        c.containerSizeBytes = num(o, "container_size_bytes");
    for (const QJsonValue &v : o.value(QLatin1String("link_types")).toArray()) {
        const QJsonObject l = v.toObject();
        c.linkTypes.push_back({int(num(l, "linktype")), str(l, "name"), str(l, "description"), num(l, "packets")});
    }
    c.packets = num(o, "packets");
    c.bytes = num(o, "bytes");
    c.capturedBytes = num(o, "captured_bytes");
    c.firstNs = optionalTimestamp(o.value(QLatin1String("first_ts")));
    c.lastNs = optionalTimestamp(o.value(QLatin1String("last_ts")));
    c.durationS = real(o, "duration_s");
    c.timeDigits = digitsOf(o);
    c.truncated = o.value(QLatin1String("truncated")).toBool();
    if (o.contains(QLatin1String("truncated_at")))
        c.truncatedAt = num(o, "truncated_at");
    c.warnings = strings(o.value(QLatin1String("warnings")));
    return c;
}

TrafficStats statsFrom(const QJsonObject &o)
{
    TrafficStats s;
    s.avgPacketBytes = real(o, "avg_packet_bytes");
    s.packetsPerS = real(o, "packets_per_s");
    s.bitsPerS = real(o, "bits_per_s");
    s.ipFragments = num(o, "ip_fragments");
    s.ipDatagramsIncomplete = num(o, "ip_datagrams_incomplete");
    s.tcpRetransmissions = num(o, "tcp_retransmissions");
    s.malformedPackets = num(o, "malformed_packets");
    return s;
}

Endpoint endpointFrom(const QJsonObject &o)
{
    Endpoint e;
    e.ip = str(o, "ip");
    e.packetsSent = num(o, "packets_sent");
    e.packetsReceived = num(o, "packets_received");
    e.bytesSent = num(o, "bytes_sent");
    e.bytesReceived = num(o, "bytes_received");
    e.firstNs = timestamp(o.value(QLatin1String("first_ts")));
    e.lastNs = timestamp(o.value(QLatin1String("last_ts")));
    return e;
}

Conversation conversationFrom(const QJsonObject &o)
{
    Conversation c;
    c.proto = str(o, "proto");
    c.src = str(o, "src");
    c.sport = int(num(o, "sport"));
    c.dst = str(o, "dst");
    c.dport = int(num(o, "dport"));
    c.packets = num(o, "packets");
    c.bytes = num(o, "bytes");
    c.packetsSrc = num(o, "packets_src");
    c.packetsDst = num(o, "packets_dst");
    c.bytesSrc = num(o, "bytes_src");
    c.bytesDst = num(o, "bytes_dst");
    c.firstNs = timestamp(o.value(QLatin1String("first_ts")));
    c.lastNs = timestamp(o.value(QLatin1String("last_ts")));
    c.state = str(o, "state");
    return c;
}

ReportFinding findingFrom(const QJsonObject &o)
{
    ReportFinding f;
    f.id = str(o, "id");
    f.category = str(o, "category");
    f.severity = severityOf(o.value(QLatin1String("severity")));
    f.confidence = real(o, "confidence");
    f.source = str(o, "source");
    f.sourceUnknown = o.value(QLatin1String("source")).isNull() && o.contains(QLatin1String("source"));
    if (o.contains(QLatin1String("source_count")))
        f.sourceCount = num(o, "source_count");
    if (o.contains(QLatin1String("spoofed_sources")))
        f.spoofedSources = o.value(QLatin1String("spoofed_sources")).toBool();
    f.targets = strings(o.value(QLatin1String("targets")));
    for (const QJsonValue &p : o.value(QLatin1String("ports")).toArray())
        f.ports.push_back(p.toInt());
    f.firstNs = timestamp(o.value(QLatin1String("first_ts")));
    f.lastNs = timestamp(o.value(QLatin1String("last_ts")));
    f.count = num(o, "count");
    f.summary = str(o, "summary");
    f.threshold = str(o, "threshold");
    const QJsonObject evidence = o.value(QLatin1String("evidence")).toObject();
    f.evidencePackets = ints(evidence.value(QLatin1String("packets")));
    f.metrics = evidence.value(QLatin1String("metrics")).toObject();
    f.mitre = strings(o.value(QLatin1String("mitre_attack")));
    f.recommendation = str(o, "recommendation");
    f.summaryMessage = Message::fromJson(o.value(QLatin1String("summary_message")));
    f.thresholdMessage = Message::fromJson(o.value(QLatin1String("threshold_message")));
    f.recommendationMessage = Message::fromJson(o.value(QLatin1String("recommendation_message")));
    return f;
}

DetectionSection detectionFrom(const QJsonObject &r)
{
    DetectionSection d;
    for (const QJsonValue &v : r.value(QLatin1String("findings")).toArray())
        d.findings.push_back(findingFrom(v.toObject()));
    for (const QJsonValue &v : r.value(QLatin1String("suspicious_ips")).toArray()) {
        const QJsonObject o = v.toObject();
        d.suspiciousIps.push_back({str(o, "ip"), int(num(o, "score")), severityOf(o.value(QLatin1String("severity"))),
                                   strings(o.value(QLatin1String("categories"))), strings(o.value(QLatin1String("finding_ids")))});
    }
    for (const QJsonValue &v : r.value(QLatin1String("recommendations")).toArray()) {
        const QJsonObject o = v.toObject();
        d.recommendations.push_back({int(num(o, "priority")), str(o, "category"), severityOf(o.value(QLatin1String("severity"))),
                                     str(o, "text"), strings(o.value(QLatin1String("finding_ids")))});
    }
    const QJsonObject s = r.value(QLatin1String("suppressed_findings")).toObject();
    d.suppressed.total = num(s, "total");
    d.suppressed.byCategory = countMap(s.value(QLatin1String("by_category")));
    d.omitted = countMap(r.value(QLatin1String("findings_omitted")));
    return d;
}

void sectionsFrom(const QJsonObject &r, Report *out)
{
    for (const QJsonValue &v : r.value(QLatin1String("protocols")).toArray()) {
        const QJsonObject o = v.toObject();
        out->protocols.push_back({str(o, "name"), str(o, "path"), num(o, "packets"), num(o, "bytes")});
    }
    for (const QJsonValue &v : r.value(QLatin1String("endpoints")).toArray())
        out->endpoints.push_back(endpointFrom(v.toObject()));
    for (const QJsonValue &v : r.value(QLatin1String("conversations")).toArray())
        out->conversations.push_back(conversationFrom(v.toObject()));
    const QJsonObject t = r.value(QLatin1String("timeline")).toObject();
    out->timeline.bucketS = real(t, "bucket_s");
    for (const QJsonValue &v : t.value(QLatin1String("points")).toArray()) {
        const QJsonObject p = v.toObject();
        out->timeline.points.push_back({timestamp(p.value(QLatin1String("t"))), num(p, "packets"), num(p, "bytes")});
    }
    const QJsonObject dns = r.value(QLatin1String("dns")).toObject();
    out->dns = {num(dns, "queries"), num(dns, "responses"), num(dns, "nxdomain"), num(dns, "unique_names"),
                countMap(dns.value(QLatin1String("rcodes"))), countMap(dns.value(QLatin1String("query_types"))),
                countList(dns.value(QLatin1String("top_names")), "name"),
                countList(dns.value(QLatin1String("top_nxdomain_names")), "name")};
    const QJsonObject http = r.value(QLatin1String("http")).toObject();
    out->http = {num(http, "requests"), num(http, "responses"), countList(http.value(QLatin1String("methods")), "method"),
                 countMap(http.value(QLatin1String("status_codes"))), countList(http.value(QLatin1String("top_hosts")), "host"),
                 countList(http.value(QLatin1String("top_user_agents")), "user_agent"),
                 countList(http.value(QLatin1String("top_uris")), "uri")};
    const QJsonObject tls = r.value(QLatin1String("tls")).toObject();
    out->tls = {num(tls, "records"), num(tls, "client_hellos"), num(tls, "server_hellos"),
                countList(tls.value(QLatin1String("versions")), "version"), countList(tls.value(QLatin1String("top_sni")), "sni")};
    for (const QJsonValue &v : r.value(QLatin1String("anomalies")).toArray()) {
        const QJsonObject o = v.toObject();
        out->anomalies.push_back({str(o, "kind"), str(o, "protocol"), str(o, "detail"), num(o, "count"),
                                  num(o, "packets_omitted"), ints(o.value(QLatin1String("packets")))});
    }
    for (const QJsonValue &v : r.value(QLatin1String("objects")).toArray()) {
        const QJsonObject o = v.toObject();
        out->objects.push_back({str(o, "protocol"), num(o, "packet"), str(o, "client"), str(o, "host"), str(o, "name"),
                                str(o, "content_type"), str(o, "type"), num(o, "size_bytes"), str(o, "sha256")});
    }
    out->objectsOmitted = num(r, "objects_omitted");
    const QJsonObject l = r.value(QLatin1String("limits")).toObject();
    out->limits = {int(num(l, "max_list_items")), l.value(QLatin1String("tables_capped")).toBool(), num(l, "endpoint_evictions"),
                   num(l, "conversation_evictions"), num(l, "max_endpoints"), num(l, "max_active_conversations")};
}

const char *const kKnownFields[] = {
    "schema", "generator", "capture", "stats", "protocols", "endpoints", "endpoints_total", "endpoints_omitted",
    "conversations", "conversations_total", "conversations_omitted", "conversation_states", "timeline", "dns",
    "http", "tls", "anomalies", "limits", "findings", "suspicious_ips", "recommendations", "suppressed_findings",
    "findings_omitted", "objects", "objects_omitted", "health", "timeline_events", "timeline_events_omitted"};
} // namespace

bool fromJson(const QJsonObject &json, Report *out, QString *error)
{
    const QString schema = str(json, "schema");
    if (!schema.startsWith(QLatin1String("packetlens.report/"))) {
        if (error)
            *error = QStringLiteral("not a PacketLens report (schema \"%1\")").arg(schema);
        return false;
    }
    Report r;
    r.schema = schema;
    const QJsonObject gen = json.value(QLatin1String("generator")).toObject();
    r.generatorName = str(gen, "name");
    r.generatorVersion = str(gen, "version");
    r.capture = captureFrom(json.value(QLatin1String("capture")).toObject());
    r.stats = statsFrom(json.value(QLatin1String("stats")).toObject());
    sectionsFrom(json, &r);
    r.endpointsTotal = num(json, "endpoints_total");
    r.endpointsOmitted = num(json, "endpoints_omitted");
    r.conversationsTotal = num(json, "conversations_total");
    r.conversationsOmitted = num(json, "conversations_omitted");
    r.conversationStates = countMap(json.value(QLatin1String("conversation_states")));
    r.detection = detectionFrom(json);
    if (json.value(QLatin1String("health")).isObject())
        r.health = healthFromJson(json.value(QLatin1String("health")).toObject());
    r.timelineEvents = timelineFromJson(json.value(QLatin1String("timeline_events")).toArray());
    r.timelineOmitted = countMap(json.value(QLatin1String("timeline_events_omitted")));
    r.unknownFields = json;
    for (const char *k : kKnownFields)
        r.unknownFields.remove(QLatin1String(k));
    *out = std::move(r);
    return true;
}

std::optional<Report> fromBytes(const QByteArray &bytes, QString *error)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = QStringLiteral("not JSON: %1").arg(err.errorString());
        return std::nullopt;
    }
    Report r;
    if (!fromJson(doc.object(), &r, error))
        return std::nullopt;
    return r;
}

} // namespace packetlens::ReportJson
