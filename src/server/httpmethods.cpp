// SPDX-License-Identifier: GPL-3.0-or-later
#include "httpmethods.h"

namespace packetlens {

QHttpServerRequest::Methods qtMethods(const QByteArray &m)
{
    if (m == "POST")
        return QHttpServerRequest::Method::Post;
    if (m == "DELETE")
        return QHttpServerRequest::Method::Delete;
    return QHttpServerRequest::Method::Get | QHttpServerRequest::Method::Head;
}

QByteArray methodName(QHttpServerRequest::Method m)
{
    switch (m) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    default: return "OTHER";
    }
}

} // namespace packetlens
