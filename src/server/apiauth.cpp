#include "apiauth.h"

#include "routetable.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QUrl>

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
    if (key.isEmpty() && authorization.startsWith("Bearer "))
        key = authorization.mid(7).trimmed();
    if (key.isEmpty())
        return Denial{ApiError::Unauthorized, QStringLiteral("API key missing (X-API-Key or Authorization: Bearer)")};
    if (!constantTimeEquals(digest(key), m_keyDigest))
        return Denial{ApiError::Unauthorized, QStringLiteral("wrong API key")};
    return std::nullopt;
}

} // namespace packetlens
