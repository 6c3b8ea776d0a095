// SPDX-License-Identifier: GPL-3.0-or-later
// TLS in the packet details: each record of the segment, and the hello
// messages' versions, cipher suites, SNI, ALPN and supported versions.
#include "appdissection.h"

namespace packetlens::dissect {

namespace {
QString contentName(uint8_t t)
{
    switch (t) {
    case 20: return QStringLiteral("Change Cipher Spec");
    case 21: return QStringLiteral("Alert");
    case 22: return QStringLiteral("Handshake");
    case 23: return QStringLiteral("Application Data");
    case 24: return QStringLiteral("Heartbeat");
    default: return QStringLiteral("Unknown (%1)").arg(t);
    }
}

QString hex4(uint16_t v)
{
    return QStringLiteral("0x%1").arg(v, 4, 16, QChar(u'0'));
}

// A view of the payload with the frame offset of its first byte.
struct Span
{
    const AppSpan &a;
    size_t base; // offset of view[0] in the payload
    ByteView v;
    DissectionNode node(const QString &t, size_t off, size_t len, const QString &f = {}) const
    {
        return a.node(t, base + off, len, f);
    }
};

void addExtension(const Span &e, uint16_t type, uint8_t hsType, DissectionNode &out)
{
    if (type == 0 && hsType == 1) {
        uint16_t n = 0;
        if (e.v.be16(3, n) && e.v.has(5, n))
            out.children.append(e.node(QStringLiteral("Server Name: %1").arg(QString::fromLatin1(reinterpret_cast<const char *>(e.v.data() + 5), n)), 5, n, QStringLiteral("tls.handshake.extensions_server_name")));
    } else if (type == 16) {
        uint16_t total = 0;
        e.v.be16(0, total);
        for (size_t i = 2; i < size_t(total) + 2 && i < e.v.size();) {
            uint8_t n = 0;
            if (!e.v.u8(i, n) || !e.v.has(i + 1, n))
                break;
            out.children.append(e.node(QStringLiteral("ALPN Next Protocol: %1").arg(QString::fromLatin1(reinterpret_cast<const char *>(e.v.data() + i + 1), n)), i + 1, n, QStringLiteral("tls.handshake.extensions_alpn_str")));
            i += 1 + size_t(n);
        }
    } else if (type == 43) {
        uint16_t ver = 0;
        const size_t first = hsType == 1 ? 1 : 0;
        for (size_t i = first; e.v.be16(i, ver); i += 2)
            out.children.append(e.node(QStringLiteral("Supported Version: %1 (%2)").arg(tlsVersionName(ver), hex4(ver)), i, 2, QStringLiteral("tls.handshake.extensions.supported_version")));
    }
}

QString extensionName(uint16_t t)
{
    switch (t) {
    case 0: return QStringLiteral("server_name");
    case 10: return QStringLiteral("supported_groups");
    case 13: return QStringLiteral("signature_algorithms");
    case 16: return QStringLiteral("application_layer_protocol_negotiation");
    case 23: return QStringLiteral("extended_master_secret");
    case 35: return QStringLiteral("session_ticket");
    case 43: return QStringLiteral("supported_versions");
    case 45: return QStringLiteral("psk_key_exchange_modes");
    case 51: return QStringLiteral("key_share");
    case 65281: return QStringLiteral("renegotiation_info");
    default: return (t & 0x0f0f) == 0x0a0a ? QStringLiteral("Reserved (GREASE)") : QStringLiteral("Unknown type %1").arg(t);
    }
}

void addExtensions(const Span &s, size_t off, uint8_t hsType, DissectionNode &hs)
{
    uint16_t total = 0;
    if (!s.v.be16(off, total))
        return;
    size_t e = off + 2;
    for (int guard = 0; guard < 64 && e + 4 <= off + 2 + total; ++guard) {
        uint16_t type = 0, len = 0;
        if (!s.v.be16(e, type) || !s.v.be16(e + 2, len) || !s.v.has(e + 4, len))
            break;
        DissectionNode x = s.node(QStringLiteral("Extension: %1 (len=%2)").arg(extensionName(type)).arg(len), e, 4 + size_t(len), QStringLiteral("tls.handshake.extension.type"));
        addExtension(Span{s.a, s.base + e + 4, s.v.slice(e + 4, len)}, type, hsType, x);
        hs.children.append(x);
        e += 4 + size_t(len);
    }
}

void addHello(const Span &s, uint8_t type, DissectionNode &hs)
{
    uint16_t ver = 0;
    uint8_t sid = 0;
    if (!s.v.be16(0, ver) || !s.v.u8(34, sid))
        return;
    hs.children.append(s.node(QStringLiteral("Version: %1 (%2)").arg(tlsVersionName(ver), hex4(ver)), 0, 2, QStringLiteral("tls.handshake.version")));
    hs.children.append(s.node(QStringLiteral("Session ID Length: %1").arg(sid), 34, 1, QStringLiteral("tls.handshake.session_id_length")));
    size_t off = 35 + sid;
    uint16_t cs = 0;
    if (type == 2) {
        if (!s.v.be16(off, cs))
            return;
        hs.children.append(s.node(QStringLiteral("Cipher Suite: %1 (%2)").arg(tlsCipherName(cs), hex4(cs)), off, 2, QStringLiteral("tls.handshake.ciphersuite")));
        return addExtensions(s, off + 3, type, hs);
    }
    uint16_t csLen = 0;
    uint8_t comp = 0;
    if (!s.v.be16(off, csLen) || !s.v.has(off + 2, csLen))
        return;
    DissectionNode list = s.node(QStringLiteral("Cipher Suites (%1 suites)").arg(csLen / 2), off, 2 + size_t(csLen));
    for (size_t i = 0; i + 1 < csLen && s.v.be16(off + 2 + i, cs); i += 2)
        list.children.append(s.node(QStringLiteral("Cipher Suite: %1 (%2)").arg(tlsCipherName(cs), hex4(cs)), off + 2 + i, 2, QStringLiteral("tls.handshake.ciphersuite")));
    hs.children.append(list);
    off += 2 + size_t(csLen);
    if (!s.v.u8(off, comp))
        return;
    addExtensions(s, off + 1 + comp, type, hs);
}

void addRecord(const AppSpan &a, size_t off, uint16_t len, DissectionNode &n)
{
    const ByteView v = a.payload;
    const uint8_t ct = v.data()[off];
    uint16_t ver = 0;
    v.be16(off + 1, ver);
    uint8_t hsType = 0;
    const bool hello = ct == 22 && v.u8(off + 5, hsType) && (hsType == 1 || hsType == 2);
    QString what = contentName(ct);
    if (ct == 22)
        what += QStringLiteral(" Protocol: ") + (hello ? tlsHandshakeName(hsType) : QStringLiteral("Encrypted Handshake Message"));
    DissectionNode r = a.node(QStringLiteral("%1 Record Layer: %2").arg(tlsVersionName(ver).replace(QStringLiteral("TLS "), QStringLiteral("TLSv")), what), off, 5 + size_t(len), QStringLiteral("tls.record"));
    r.children.append(a.node(QStringLiteral("Content Type: %1 (%2)").arg(contentName(ct)).arg(ct), off, 1, QStringLiteral("tls.record.content_type")));
    r.children.append(a.node(QStringLiteral("Version: %1 (%2)").arg(tlsVersionName(ver), hex4(ver)), off + 1, 2, QStringLiteral("tls.record.version")));
    r.children.append(a.node(QStringLiteral("Length: %1").arg(len), off + 3, 2, QStringLiteral("tls.record.length")));
    if (hello) {
        DissectionNode hs = a.node(QStringLiteral("Handshake Protocol: %1").arg(tlsHandshakeName(hsType)), off + 5, len);
        hs.children.append(a.node(QStringLiteral("Handshake Type: %1 (%2)").arg(tlsHandshakeName(hsType)).arg(hsType), off + 5, 1, QStringLiteral("tls.handshake.type")));
        addHello(Span{a, off + 9, v.slice(off + 9, size_t(len) - std::min<size_t>(len, 4))}, hsType, hs);
        r.children.append(hs);
    }
    n.children.append(r);
}
} // namespace

void dissectTls(const AppSpan &a, DissectionNode &n)
{
    size_t off = 0;
    for (int guard = 0; guard < 32; ++guard) {
        uint8_t ct = 0;
        uint16_t len = 0;
        if (!a.payload.u8(off, ct) || ct < 20 || ct > 24 || !a.payload.be16(off + 3, len))
            break;
        addRecord(a, off, len, n);
        off += 5 + size_t(len);
    }
}

} // namespace packetlens::dissect
