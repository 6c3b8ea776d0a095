#include "portdetector.h"

#include <QJsonArray>

namespace packetlens {

namespace {
const std::set<int> kHttpPorts = {80, 81, 591, 3000, 3128, 5000, 5985, 8000, 8008, 8080, 8081, 8088, 8443, 8888, 9000, 9080, 9090};
// Includes ports where TLS starts in-band (STARTTLS and similar): FTP, SMTP, POP3, IMAP, LDAP, XMPP, databases.
const std::set<int> kTlsPorts = {21, 25, 110, 143, 389, 587, 1433, 3306, 5222, 5432, 443, 465, 563, 636, 853, 989, 990, 992, 993, 994, 995, 1443, 3269, 5061, 5223, 5986, 6443, 8443, 8883, 9443, 10443};
const std::set<int> kSshPorts = {22, 2222, 22222};
} // namespace

PortDetector::PortDetector(const DetectionSettings &s) : m_maxTracked(size_t(s.number("limits", "max_tracked")))
{
    for (const QJsonValue &v : s.values().value(QStringLiteral("suspicious_port")).toObject().value(QStringLiteral("ports")).toArray())
        m_badPorts.insert(v.toInt());
}

void PortDetector::onPacket(const PacketContext &pc)
{
    const DecodedPacket &d = *pc.d;
    if (d.l4 != Proto::Tcp || d.payloadLen == 0 || !pc.fromOriginator || d.tcpRetransmission)
        return;
    // Which protocol speaks first, and is it on one of its usual ports? Only
    // a mismatch builds strings.
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
    }
    s.count++;
    s.bytes += d.payloadLen;
    s.lastNs = pc.tsNs;
    addEvidence(s.evidence, pc.number);
}

void PortDetector::onConversation(const Conv &c)
{
    if ((c.proto != 6 && c.proto != 17) || !m_badPorts.count(c.respPort))
        return;
    // Only conversations that were answered: a scan touching the port is not a backdoor.
    const bool answered = c.proto == 6 ? (c.flags & RespSynAck) && c.respBytes > 0 && c.packets() > 3
                                       : c.respPackets > 0;
    if (!answered || m_suspicious.size() >= m_maxTracked)
        return;
    Seen &s = m_suspicious[{c.orig.toString(), c.resp.toString(), c.respPort}];
    if (s.count == 0 || c.firstNs < s.firstNs)
        s.firstNs = c.firstNs;
    s.lastNs = std::max(s.lastNs, c.lastNs);
    s.count++;
    s.bytes += c.bytes();
    addEvidence(s.evidence, c.firstPacket);
    s.detail = c.proto == 6 ? QStringLiteral("tcp") : QStringLiteral("udp");
}

void PortDetector::finish(std::vector<Finding> &out)
{
    for (auto &[key, s] : m_suspicious) {
        Finding f;
        f.category = QStringLiteral("suspicious_port");
        const int port = std::get<2>(key);
        f.severity = s.bytes > 10000 ? Severity::High : Severity::Medium;
        f.confidence = 0.6;
        f.source = QString::fromStdString(std::get<0>(key));
        f.targets = {QString::fromStdString(std::get<1>(key))};
        f.ports = {port};
        f.firstNs = s.firstNs;
        f.lastNs = s.lastNs;
        f.count = s.count;
        f.summary = QStringLiteral("%1 exchanged %2 bytes with %3 on %4/%5, a port used by backdoors and C2 tools (%6 connection%7)")
                        .arg(f.source).arg(s.bytes).arg(f.targets.first()).arg(port).arg(s.detail).arg(s.count)
                        .arg(s.count == 1 ? QString() : QStringLiteral("s"));
        f.threshold = QStringLiteral("an answered connection to a listed port");
        std::sort(s.evidence.begin(), s.evidence.end());
        f.packets = s.evidence;
        f.metrics = QJsonObject{{QStringLiteral("bytes"), qint64(s.bytes)}, {QStringLiteral("connections"), qint64(s.count)}};
        f.mitre = {QStringLiteral("T1571")};
        f.recommendation = QStringLiteral("Identify the process behind the connection between %1 and %2 on port %3; "
                                          "unless it is known software, treat both hosts as compromised.")
                               .arg(f.source, f.targets.first()).arg(port);
        out.push_back(f);
    }
    for (auto &[key, s] : m_mismatch) {
        Finding f;
        f.category = QStringLiteral("protocol_mismatch");
        const QString proto = std::get<3>(key);
        const int port = std::get<2>(key);
        // The port of another well-known service (e.g. HTTP to 22) is a stronger signal.
        static const std::set<int> kOtherServices = {21, 22, 23, 25, 53, 110, 143, 445, 3389};
        const bool otherService = kOtherServices.count(port) > 0;
        f.severity = otherService ? Severity::Medium : Severity::Low;
        if (m_badPorts.count(port))
            f.severity = Severity::High;
        f.confidence = 0.8;
        f.source = QString::fromStdString(std::get<0>(key));
        f.targets = {QString::fromStdString(std::get<1>(key))};
        f.ports = {port};
        f.firstNs = s.firstNs;
        f.lastNs = s.lastNs;
        f.count = s.count;
        f.summary = QStringLiteral("%1 spoke %2 to %3 on port %4, not a usual %2 port (%5 message%6; %7)")
                        .arg(f.source, proto, f.targets.first()).arg(port).arg(s.count)
                        .arg(s.count == 1 ? QString() : QStringLiteral("s"), s.detail);
        f.threshold = QStringLiteral("%1 outside its usual ports").arg(proto);
        f.packets = s.evidence;
        f.metrics = QJsonObject{{QStringLiteral("protocol"), proto}, {QStringLiteral("messages"), qint64(s.count)},
                                {QStringLiteral("first_message"), s.detail}};
        f.mitre = {QStringLiteral("T1571")};
        f.recommendation = QStringLiteral("Check what service listens on %1 port %2 and why %3 speaks %4 to it; "
                                          "malware often hides C2 on unusual ports.")
                               .arg(f.targets.first()).arg(port).arg(f.source, proto);
        out.push_back(f);
    }
}

} // namespace packetlens
