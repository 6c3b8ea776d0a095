// SPDX-License-Identifier: GPL-3.0-or-later
#include "apiauth.h"

#include "routetable.h"

#include <QCryptographicHash>
#include <QHash>
#include <QRandomGenerator>
#include <QUrl>

#include <cmath>

namespace packetlens {

namespace {
QByteArray digest(const QByteArray &key)
{
    return QCryptographicHash::hash(key, QCryptographicHash::Sha256);
}
} // namespace

ApiAuth::ApiAuth(const QString &apiKey, quint16 port, const QHostAddress &bind)
    : m_keyDigest(digest(apiKey.toUtf8())), m_port(port), m_bind(bind)
{
}

bool ApiAuth::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= uchar(a[i]) ^ uchar(b[i]);
    return diff == 0;
}

QString ApiAuth::generateKey()
{
    quint32 words[8];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof words)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray ApiAuth::bearerToken(const QByteArray &authorization)
{
    const QByteArray value = authorization.trimmed();
    qsizetype end = 0;
    while (end < value.size() && value[end] != ' ' && value[end] != '\t')
        ++end;
    if (value.left(end).toLower() != "bearer")
        return {};
    return value.mid(end).trimmed();
}

namespace {
// The shortest unit the key repeats ("abab" -> "ab").
QString repeatingUnit(const QString &key)
{
    for (qsizetype period = 1; period < key.size(); ++period) {
        bool repeats = true;
        for (qsizetype i = period; i < key.size() && repeats; ++i)
            repeats = key[i] == key[i % period];
        if (repeats)
            return key.left(period);
    }
    return key;
}

double characterEntropy(const QString &key)
{
    QHash<QChar, int> counts;
    for (const QChar c : key)
        ++counts[c];
    double h = 0;
    for (const int n : std::as_const(counts)) {
        const double p = double(n) / double(key.size());
        h -= p * std::log2(p);
    }
    return h;
}
} // namespace

int ApiAuth::estimatedKeyBits(const QString &key)
{
    if (key.isEmpty())
        return 0;
    const QString unit = repeatingUnit(key);
    bool lower = false, upper = false, digit = false, other = false;
    for (const QChar c : unit) {
        lower = lower || (c >= QLatin1Char('a') && c <= QLatin1Char('z'));
        upper = upper || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
        digit = digit || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
        other = other || !(c.isLetterOrNumber() && c.unicode() < 128);
    }
    const int pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (other ? 33 : 0);
    const double byClasses = double(unit.size()) * std::log2(double(std::max(pool, 1)));
    const double byContent = 1.5 * double(key.size()) * characterEntropy(key);
    return int(std::min(byClasses, byContent));
}

bool ApiAuth::hostAllowed(const QByteArray &hostPort) const
{
    // host ":" port, host possibly a bracketed IPv6 literal.
    QByteArray host = hostPort;
    quint16 port = 80;
    const int close = hostPort.lastIndexOf(']');
    const int colon = hostPort.lastIndexOf(':');
    if (colon > close) {
        bool ok = false;
        port = hostPort.mid(colon + 1).toUShort(&ok);
        if (!ok)
            return false;
        host = hostPort.left(colon);
    }
    if (port != m_port)
        return false;
    if (host.startsWith('[') && host.endsWith(']'))
        host = host.mid(1, host.size() - 2);
    if (host.toLower() == "localhost")
        return true;
    QHostAddress addr;
    if (!addr.setAddress(QString::fromLatin1(host)))
        return false; // a name other than localhost: possibly DNS rebinding
    if (addr.isLoopback())
        return true;
    // Served on another address (an explicit choice): that address, or any
    // address literal when bound to all of them. Never a DNS name.
    if (m_bind == QHostAddress::Any || m_bind == QHostAddress::AnyIPv4 || m_bind == QHostAddress::AnyIPv6)
        return true;
    return addr.isEqual(m_bind, QHostAddress::TolerantConversion);
}

std::optional<ApiAuth::Denial> ApiAuth::check(const Route *route, const QByteArray &host, const QByteArray &origin,
                                              const QByteArray &apiKeyHeader, const QByteArray &authorization) const
{
    if (!hostAllowed(host))
        return Denial{ApiError::Forbidden, QStringLiteral("Host must be localhost or a loopback address with port %1").arg(m_port)};
    if (!origin.isEmpty()) {
        const QUrl o(QString::fromLatin1(origin));
        const QByteArray originHost = o.host(QUrl::FullyEncoded).contains(QLatin1Char(':'))
                                          ? "[" + o.host(QUrl::FullyEncoded).toLatin1() + "]"
                                          : o.host(QUrl::FullyEncoded).toLatin1();
        if (!o.isValid() || o.scheme() != QLatin1String("http") || !hostAllowed(originHost + ':' + QByteArray::number(o.port(80))))
            return Denial{ApiError::Forbidden, QStringLiteral("requests from other origins are not allowed")};
    }
    if (!route || !route->needsKey)
        return std::nullopt;
    QByteArray key = apiKeyHeader;
    if (key.isEmpty())
        key = bearerToken(authorization);
    if (key.isEmpty())
        return Denial{ApiError::Unauthorized, QStringLiteral("API key missing (X-API-Key or Authorization: Bearer)")};
    if (!constantTimeEquals(digest(key), m_keyDigest))
        return Denial{ApiError::Unauthorized, QStringLiteral("wrong API key")};
    return std::nullopt;
}

} // namespace packetlens
