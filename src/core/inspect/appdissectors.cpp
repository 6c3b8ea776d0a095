// SPDX-License-Identifier: GPL-3.0-or-later
// The application layer of the packet details: each protocol the decoder
// recognized, field by field, named as Wireshark names them.
#include "appdissection.h"
#include "dissectionlayer.h"

#include "../decode/protocols.h"

#include <algorithm>

namespace packetlens::dissect {

namespace {
QString title(Proto p)
{
    switch (p) {
    case Proto::Dns: case Proto::Mdns: case Proto::Llmnr: return QStringLiteral("Domain Name System");
    case Proto::Http: return QStringLiteral("Hypertext Transfer Protocol");
    case Proto::Tls: return QStringLiteral("Transport Layer Security");
    case Proto::Ftp: return QStringLiteral("File Transfer Protocol (FTP)");
    case Proto::Smtp: return QStringLiteral("Simple Mail Transfer Protocol");
    case Proto::Pop: return QStringLiteral("Post Office Protocol");
    case Proto::Imap: return QStringLiteral("Internet Message Access Protocol");
    case Proto::Ssh: return QStringLiteral("SSH Protocol");
    case Proto::Dhcp: return QStringLiteral("Dynamic Host Configuration Protocol");
    case Proto::Ntp: return QStringLiteral("Network Time Protocol");
    default: return QString::fromLatin1(protoName(p)).toUpper();
    }
}

void dissectBody(const AppSpan &a, DissectionNode &n)
{
    switch (a.d.app) {
    case Proto::Dns: case Proto::Mdns: case Proto::Llmnr: dissectDns(a, n); break;
    case Proto::Http: dissectHttp(a, n); break;
    case Proto::Tls: dissectTls(a, n); break;
    case Proto::Ftp: case Proto::Smtp: case Proto::Pop: case Proto::Imap: dissectTextProtocol(a, n); break;
    case Proto::Ssh: dissectSsh(a, n); break;
    case Proto::Dhcp: dissectDhcp(a, n); break;
    case Proto::Ntp: dissectNtp(a, n); break;
    default: break;
    }
}
} // namespace

void dissectApplication(const DecodedPacket &d, int payloadOffset, QList<DissectionNode> &out)
{
    if (d.app == Proto::Count || !d.payload || payloadOffset < 0)
        return;
    if (!out.isEmpty() && out.last().offset == payloadOffset && out.last().text.startsWith(QLatin1String("Payload")))
        out.removeLast(); // the application layer replaces the generic payload line
    DissectionNode n;
    n.text = title(d.app);
    n.offset = payloadOffset;
    const uint32_t len = std::min<uint32_t>(d.payloadLen, d.frameLen - uint32_t(std::min<int>(payloadOffset, int(d.frameLen))));
    n.length = int(len);
    n.field = QString::fromLatin1(protoName(d.app));
    const AppSpan a{d, ByteView(d.payload, len), payloadOffset};
    dissectBody(a, n);
    out.append(n);
}

} // namespace packetlens::dissect
