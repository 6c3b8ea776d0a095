// SPDX-License-Identifier: GPL-3.0-or-later
#include "apierrors.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace packetlens {

namespace {
constexpr int kDefaultRetryAfter = 2;
}

int httpStatus(ApiError e)
{
    switch (e) {
    case ApiError::BadRequest: return 400;
    case ApiError::Unauthorized: return 401;
    case ApiError::Forbidden:
    case ApiError::CaptureNotPermitted: return 403;
    case ApiError::NotFound:
    case ApiError::UnknownRoute: return 404;
    case ApiError::MethodNotAllowed: return 405;
    case ApiError::RequestTimeout: return 408;
    case ApiError::LengthRequired: return 411;
    case ApiError::PayloadTooLarge: return 413;
    case ApiError::UnsupportedMediaType: return 415;
    case ApiError::AnalysisFailed:
    case ApiError::CaptureFailed: return 422;
    case ApiError::HeadersTooLarge: return 431;
    case ApiError::QueueFull:
    case ApiError::UploadsBusy: return 503;
    case ApiError::Internal: return 500;
    }
    return 500;
}

QByteArray errorCode(ApiError e)
{
    switch (e) {
    case ApiError::BadRequest: return "bad_request";
    case ApiError::Unauthorized: return "unauthorized";
    case ApiError::Forbidden: return "forbidden";
    case ApiError::NotFound: return "not_found";
    case ApiError::UnknownRoute: return "unknown_route";
    case ApiError::MethodNotAllowed: return "method_not_allowed";
    case ApiError::RequestTimeout: return "request_timeout";
    case ApiError::LengthRequired: return "length_required";
    case ApiError::PayloadTooLarge: return "payload_too_large";
    case ApiError::UnsupportedMediaType: return "unsupported_media_type";
    case ApiError::AnalysisFailed: return "analysis_failed";
    case ApiError::HeadersTooLarge: return "headers_too_large";
    case ApiError::QueueFull: return "queue_full";
    case ApiError::UploadsBusy: return "uploads_busy";
    case ApiError::Internal: return "internal";
    case ApiError::CaptureNotPermitted: return "capture_not_permitted";
    case ApiError::CaptureFailed: return "capture_failed";
    }
    return "internal";
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Entity";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

ApiResponse ApiResponse::json(int status, const QJsonObject &object)
{
    ApiResponse r;
    r.status = status;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return r;
}

ApiResponse ApiResponse::error(ApiError e, const QString &message, int retryAfterSeconds)
{
    ApiResponse r = json(httpStatus(e), QJsonObject{{QStringLiteral("error"),
                                                     QJsonObject{{QStringLiteral("code"), QString::fromLatin1(errorCode(e))},
                                                                 {QStringLiteral("message"), message}}}});
    if (r.status == 503)
        r.headers.append({"Retry-After", QByteArray::number(retryAfterSeconds > 0 ? retryAfterSeconds : kDefaultRetryAfter)});
    return r;
}

ApiResponse ApiResponse::bytes(int status, const QByteArray &contentType, const QByteArray &body)
{
    ApiResponse r;
    r.status = status;
    r.contentType = contentType;
    r.body = body;
    return r;
}

namespace {
QString hidePath(const QString &message, const ApiResponse::PrivatePath &p)
{
    const QRegularExpression under(QRegularExpression::escape(p.root) + QStringLiteral("(/[^\\s:'\"]*)?"));
    QString out;
    qsizetype done = 0;
    QRegularExpressionMatchIterator it = under.globalMatch(message);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString rest = m.captured(1);
        const QString name = rest.section(QLatin1Char('/'), -1);
        out += message.mid(done, m.capturedStart() - done) + (name.isEmpty() ? p.label : name);
        done = m.capturedEnd();
    }
    return out + message.mid(done);
}
} // namespace

ApiResponse ApiResponse::withoutPrivatePaths(const QList<PrivatePath> &paths) const
{
    QJsonObject root = QJsonDocument::fromJson(body).object();
    QJsonObject error = root.value(QStringLiteral("error")).toObject();
    const QString message = error.value(QStringLiteral("message")).toString();
    if (status < 400 || message.isEmpty())
        return *this;
    QString hidden = message;
    for (const PrivatePath &p : paths)
        if (!p.root.isEmpty())
            hidden = hidePath(hidden, p);
    if (hidden == message)
        return *this;
    error.insert(QStringLiteral("message"), hidden);
    root.insert(QStringLiteral("error"), error);
    ApiResponse r = *this;
    r.body = QJsonDocument(root).toJson(QJsonDocument::Compact);
    return r;
}

QByteArray ApiResponse::toHttp(bool withBody) const
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &h : headers)
        out += h.first + ": " + h.second + "\r\n";
    if (closeConnection)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (withBody)
        out += body;
    return out;
}

} // namespace packetlens
