// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apierrors.h"

#include <QHostAddress>
#include <QString>

#include <optional>

namespace packetlens {

struct Route;

// Who may talk to the API: the API key (X-API-Key or Authorization: Bearer,
// compared in constant time), a Host naming the loopback address or localhost
// with the server's port (DNS-rebinding defence), and no foreign Origin.
class ApiAuth
{
public:
    ApiAuth() = default;
    ApiAuth(const QString &apiKey, quint16 port, const QHostAddress &bind);

    struct Denial
    {
        ApiError error;
        QString message;
    };
    // Checks one request's header fields; route may be null (unknown route:
    // only Host and Origin are checked).
    std::optional<Denial> check(const Route *route, const QByteArray &host, const QByteArray &origin,
                                const QByteArray &apiKeyHeader, const QByteArray &authorization) const;

    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
    static QString generateKey(); // 256 random bits, base64url
    // The credentials of "Authorization: Bearer <key>" (scheme in any case,
    // RFC 7235); empty for another scheme.
    static QByteArray bearerToken(const QByteArray &authorization);
    // An estimate of the bits of entropy of a key chosen by someone: the
    // smaller of its length times log2 of the character classes it uses
    // (lower, upper, digits, others), counted over its shortest repeating
    // unit, and 1.5 times its length times its own per-character entropy
    // (so that repeated characters count little). Generated keys: ~256.
    static int estimatedKeyBits(const QString &key);
    static constexpr int kMinRemoteKeyBits = 128; // beyond loopback

private:
    bool hostAllowed(const QByteArray &hostPort) const;

    QByteArray m_keyDigest; // SHA-256 of the key: equal-length, constant-time comparison
    quint16 m_port = 0;
    QHostAddress m_bind;
};

} // namespace packetlens
