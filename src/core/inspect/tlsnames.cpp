// SPDX-License-Identifier: GPL-3.0-or-later
// Names of TLS versions, handshake messages and common cipher suites (IANA).
#include "appdissection.h"

namespace packetlens::dissect {

QString tlsVersionName(uint16_t v)
{
    switch (v) {
    case 0x0300: return QStringLiteral("SSL 3.0");
    case 0x0301: return QStringLiteral("TLS 1.0");
    case 0x0302: return QStringLiteral("TLS 1.1");
    case 0x0303: return QStringLiteral("TLS 1.2");
    case 0x0304: return QStringLiteral("TLS 1.3");
    default:
        if ((v & 0x0f0f) == 0x0a0a)
            return QStringLiteral("Reserved (GREASE)");
        return QStringLiteral("Unknown");
    }
}

QString tlsHandshakeName(uint8_t t)
{
    switch (t) {
    case 0: return QStringLiteral("Hello Request");
    case 1: return QStringLiteral("Client Hello");
    case 2: return QStringLiteral("Server Hello");
    case 4: return QStringLiteral("New Session Ticket");
    case 8: return QStringLiteral("Encrypted Extensions");
    case 11: return QStringLiteral("Certificate");
    case 12: return QStringLiteral("Server Key Exchange");
    case 13: return QStringLiteral("Certificate Request");
    case 14: return QStringLiteral("Server Hello Done");
    case 15: return QStringLiteral("Certificate Verify");
    case 16: return QStringLiteral("Client Key Exchange");
    case 20: return QStringLiteral("Finished");
    default: return {};
    }
}

QString tlsCipherName(uint16_t s)
{
    struct Suite
    {
        uint16_t id;
        const char *name;
    };
    static const Suite suites[] = {
        {0x0004, "TLS_RSA_WITH_RC4_128_MD5"}, {0x0005, "TLS_RSA_WITH_RC4_128_SHA"},
        {0x000a, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"}, {0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA"},
        {0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"}, {0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"},
        {0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"}, {0x003c, "TLS_RSA_WITH_AES_128_CBC_SHA256"},
        {0x003d, "TLS_RSA_WITH_AES_256_CBC_SHA256"}, {0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256"},
        {0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384"}, {0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"},
        {0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"}, {0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"},
        {0x1301, "TLS_AES_128_GCM_SHA256"}, {0x1302, "TLS_AES_256_GCM_SHA384"},
        {0x1303, "TLS_CHACHA20_POLY1305_SHA256"}, {0x5600, "TLS_FALLBACK_SCSV"},
        {0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"}, {0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"},
        {0xc011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA"}, {0xc012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"},
        {0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"}, {0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"},
        {0xc023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"}, {0xc024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"},
        {0xc027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"}, {0xc028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"},
        {0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"}, {0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"},
        {0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"}, {0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"},
        {0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"}, {0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"},
    };
    for (const Suite &x : suites)
        if (x.id == s)
            return QLatin1String(x.name);
    if ((s & 0x0f0f) == 0x0a0a)
        return QStringLiteral("Reserved (GREASE)");
    return QStringLiteral("Unknown");
}

} // namespace packetlens::dissect
