// SPDX-License-Identifier: GPL-3.0-or-later
#include "portdetector.h"

#include <QJsonArray>

namespace packetlens {

namespace {
// A protocol's usual ports, and the ports where it is the usual way another
// service secures or carries itself (not a mismatch): HTTP on IPP 631, DIAL
// 8060, proxies 1080/3128/8118, Elasticsearch 9200, CouchDB 5984, Docker 2375,
// Consul 8500, RabbitMQ 15672, InfluxDB 8086, node exporter 9100; TLS as RDP's
// security on 3389, AMQPS 5671, Kafka 9093, syslog 6514, Docker 2376, Oracle
// 2484, TURN 5349, WSUS 8531, kubelet 10250, etcd 2379/2380, and the STARTTLS
// ports (FTP, SMTP, POP3, IMAP, LDAP, XMPP, databases).
const std::set<int> kHttpPorts = {80, 81, 591, 631, 1080, 2375, 3000, 3128, 5000, 5984, 5985, 8000, 8008, 8060, 8080,
                                  8081, 8086, 8088, 8118, 8443, 8500, 8888, 9000, 9080, 9090, 9100, 9200, 15672};
const std::set<int> kTlsPorts = {21, 25, 110, 143, 389, 443, 465, 563, 587, 636, 853, 989, 990, 992, 993, 994, 995, 1443,
                                 1433, 2376, 2379, 2380, 2484, 3269, 3306, 3389, 4443, 5061, 5222, 5223, 5349, 5432, 5671,
                                 5986, 6443, 6514, 7443, 8443, 8531, 8883, 9093, 9200, 9443, 10250, 10443};
const std::set<int> kSshPorts = {22, 2222, 22222};
// Ports of other well-known services: another protocol spoken there is worth a look.
const std::set<int> kOtherServices = {21, 22, 23, 25, 53, 110, 143, 445, 3389};
// How many payload packets of a conversation on a listed port are read for a back door's signs.
constexpr uint8_t kInspectPackets = 8;
} // namespace

PortDetector::PortDetector(const DetectionSettings &s) : m_maxTracked(size_t(s.number("limits", "max_tracked")))
{
    for (const QJsonValue &v : s.values().value(QStringLiteral("suspicious_port")).toObject().value(QStringLiteral("ports")).toArray())
        if (v.toInt() > 0 && v.toInt() < 65536)
            m_badPorts.set(size_t(v.toInt()));
}

void PortDetector::onPacket(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (d.l4 != Proto::Tcp || d.payloadLen == 0 || d.tcpRetransmission)
        return;
    if (m_badPorts.test(d.sport) || m_badPorts.test(d.dport))
        inspectBackdoorPort(pc);
    if (pc.fromOriginator)
        checkProtocolOnPort(pc);
}

// The first payloads (either direction) of a conversation on a listed port.
void PortDetector::inspectBackdoorPort(const PacketContext &pc)
{
    auto it = m_inspected.find(pc.conversationId);
    if (it == m_inspected.end()) {
        if (m_inspected.size() >= m_maxTracked)
            return;
        it = m_inspected.emplace(pc.conversationId, Inspected{}).first;
    }
    Inspected &in = it->second;
    if (in.packets >= kInspectPackets || in.payload != detect::BackdoorPayload::None)
        return;
    ++in.packets;
    in.payload = detect::recognizeBackdoorPayload(pc.d->payload, pc.d->payloadLen);
    if (in.payload != detect::BackdoorPayload::None)
        in.packet = pc.number;
}

// Which protocol speaks first, and is it on one of its usual ports? Only a
// mismatch builds strings.
void PortDetector::checkProtocolOnPort(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    enum class Kind { Http, Tls, Ssh } kind;
    if (d.http.isRequest && (d.app == Proto::Http || !d.http.method.empty()))
        kind = Kind::Http;
    else if (d.app == Proto::Tls && d.tls.handshakeType == 1)
        kind = Kind::Tls;
    else if (d.payloadLen >= 4 && d.payload[0] == 'S' && d.payload[1] == 'S' && d.payload[2] == 'H' && d.payload[3] == '-')
        kind = Kind::Ssh;
    else
        return;
    const std::set<int> &usual = kind == Kind::Http ? kHttpPorts : kind == Kind::Tls ? kTlsPorts : kSshPorts;
    if (usual.count(d.dport))
        return;
    QString proto, detail;
    if (kind == Kind::Http) {
        proto = QStringLiteral("HTTP");
        detail = QString::fromStdString(d.http.method + " " + d.http.host + d.http.uri).left(200);
    } else if (kind == Kind::Tls) {
        proto = QStringLiteral("TLS");
        detail = d.tls.sni.empty() ? QStringLiteral("ClientHello") : QStringLiteral("SNI %1").arg(QString::fromStdString(d.tls.sni));
    } else {
        proto = QStringLiteral("SSH");
        detail = QString::fromLatin1(reinterpret_cast<const char *>(d.payload), int(std::min<uint32_t>(d.payloadLen, 64))).trimmed();
    }
    if (m_mismatch.size() >= m_maxTracked)
        return;
    Seen &s = m_mismatch[{d.src.toString(), d.dst.toString(), d.dport, proto}];
    if (s.count == 0) {
        s.firstNs = pc.tsNs;
        s.detail = detail;
        s.scope = detect::widerScope(d.src, d.dst);
        s.otherService = kOtherServices.count(d.dport) > 0;
    }
    s.count++;
    s.bytes += d.payloadLen;
    s.lastNs = pc.tsNs;
    addEvidence(s.evidence, pc.number);
}

void PortDetector::onConversation(const Conv &c)
{
    if (c.proto != 6 && c.proto != 17)
        return;
    detect::BackdoorPayload payload = detect::BackdoorPayload::None;
    uint64_t payloadPacket = 0;
    if (auto it = m_inspected.find(c.firstPacket); it != m_inspected.end()) {
        payload = it->second.payload;
        payloadPacket = it->second.packet;
        m_inspected.erase(it);
    }
    // The server's end: the listed port the conversation was opened to, or,
    // seen only mid-stream (no SYN), whichever end holds a listed port.
    const bool midstream = c.proto == 6 && !(c.flags & (OrigSyn | RespSynAck));
    bool serverIsOrig = false;
    if (!m_badPorts.test(c.respPort)) {
        if (!midstream || !m_badPorts.test(c.origPort))
            return;
        serverIsOrig = true;
    }
    // Only conversations that were answered: a scan touching the port is not a back door.
    const bool answered = c.proto == 17 ? c.respPackets > 0
                          : midstream  ? (c.flags & OrigData) && (c.flags & RespData)
                                       : (c.flags & RespSynAck) && c.respBytes > 0 && c.packets() > 3;
    if (!answered || m_suspicious.size() >= m_maxTracked)
        return;
    const IpAddress &client = serverIsOrig ? c.resp : c.orig, &server = serverIsOrig ? c.orig : c.resp;
    Seen &s = m_suspicious[{client.toString(), server.toString(), serverIsOrig ? c.origPort : c.respPort}];
    if (s.count == 0 || c.firstNs < s.firstNs)
        s.firstNs = c.firstNs;
    if (s.count == 0)
        s.scope = detect::widerScope(client, server);
    s.lastNs = std::max(s.lastNs, c.lastNs);
    s.count++;
    s.bytes += c.bytes();
    addEvidence(s.evidence, c.firstPacket);
    if (payload != detect::BackdoorPayload::None && s.payload == detect::BackdoorPayload::None) {
        s.payload = payload;
        s.payloadPacket = payloadPacket;
        addEvidence(s.evidence, payloadPacket);
    }
    s.detail = c.proto == 6 ? QStringLiteral("tcp") : QStringLiteral("udp");
}

} // namespace packetlens
