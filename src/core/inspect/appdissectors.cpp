// SPDX-License-Identifier: GPL-3.0-or-later
// The application layer of the packet details, from the decoder's facts.
#include "dissectionlayer.h"

#include "packetsummary.h"

#include "../decode/protocols.h"

namespace packetlens::dissect {

// Application facts (DNS, HTTP, TLS) come from the packet decoder itself.
void dissectApplication(const DecodedPacket &d, int payloadOffset, QList<DissectionNode> &out)
{
    if (d.app == Proto::Count || !d.payload || payloadOffset < 0)
        return;
    if (!out.isEmpty() && out.last().offset == payloadOffset && out.last().text.startsWith(QLatin1String("Payload")))
        out.removeLast(); // the application layer replaces the generic payload line
    DissectionNode n;
    n.text = QString::fromLatin1(protoName(d.app)).toUpper();
    n.offset = payloadOffset;
    n.length = int(d.payloadLen);
    auto add = [&](const QString &t) { n.children.append({t, payloadOffset, int(d.payloadLen), {}}); };
    auto str = [](const std::string &s) { return QString::fromUtf8(s.data(), qsizetype(s.size())); };
    if (d.app == Proto::Dns || d.app == Proto::Mdns || d.app == Proto::Llmnr) {
        n.text = QStringLiteral("Domain Name System (%1)").arg(d.dns.isResponse ? QStringLiteral("response") : QStringLiteral("query"));
        add(QStringLiteral("Transaction ID: 0x%1").arg(d.dns.id, 4, 16, QChar(u'0')));
        add(QStringLiteral("Query: %1, type %2").arg(str(d.dns.qname), dnsTypeLabel(d.dns.qtype)));
        if (d.dns.isResponse) {
            add(QStringLiteral("Reply code: %1").arg(d.dns.rcode));
            add(QStringLiteral("Answers: %1").arg(d.dns.answers));
        }
    } else if (d.app == Proto::Http) {
        n.text = QStringLiteral("Hypertext Transfer Protocol");
        if (d.http.isRequest) {
            add(QStringLiteral("Method: %1").arg(str(d.http.method)));
            add(QStringLiteral("URI: %1").arg(str(d.http.uri)));
            if (!d.http.host.empty())
                add(QStringLiteral("Host: %1").arg(str(d.http.host)));
            if (!d.http.userAgent.empty())
                add(QStringLiteral("User-Agent: %1").arg(str(d.http.userAgent)));
            if (!d.http.authorization.empty())
                add(QStringLiteral("Authorization: present"));
        } else if (d.http.status) {
            add(QStringLiteral("Status code: %1").arg(d.http.status));
        }
    } else if (d.app == Proto::Tls) {
        n.text = QStringLiteral("Transport Layer Security");
        add(QStringLiteral("Content type: %1").arg(d.tls.contentType));
        add(QStringLiteral("Record version: 0x%1").arg(d.tls.recordVersion, 4, 16, QChar(u'0')));
        if (d.tls.handshakeType)
            add(QStringLiteral("Handshake type: %1").arg(d.tls.handshakeType));
        if (!d.tls.sni.empty())
            add(QStringLiteral("Server name (SNI): %1").arg(str(d.tls.sni)));
    }
    out.append(n);
}


} // namespace packetlens::dissect
