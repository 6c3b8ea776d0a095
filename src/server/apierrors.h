// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace packetlens {

// Everything the REST API can answer besides success, typed. One place maps
// them to the HTTP status and the error code of {"error":{"code","message"}}.
enum class ApiError {
    BadRequest,           // 400 malformed request (JSON, multipart, parameters, empty body)
    Unauthorized,         // 401 no or wrong API key
    Forbidden,            // 403 Host or Origin not allowed
    NotFound,             // 404 unknown id
    UnknownRoute,         // 404 no such route
    MethodNotAllowed,     // 405 known route, other method
    LengthRequired,       // 411 body without Content-Length (chunked)
    PayloadTooLarge,      // 413 Content-Length over the limit
    UnsupportedMediaType, // 415 not a capture, or a Content-Type the route does not take
    RequestTimeout,       // 408 request head or body not received in time
    HeadersTooLarge,      // 431 request head over its limit
    AnalysisFailed,       // 422 the analysis failed
    QueueFull,            // 503 job queue full
    UploadsBusy,          // 503 too many upload bytes being received at once
    Internal,             // 500 storage or database failure
    CaptureNotPermitted,  // 403 the capture helper may not capture (the message says how to grant it)
    CaptureFailed,        // 422 live capture: interface down, capture helper missing or failing
};

constexpr ApiError kAllApiErrors[] = {
    ApiError::BadRequest, ApiError::Unauthorized, ApiError::Forbidden, ApiError::NotFound, ApiError::UnknownRoute,
    ApiError::MethodNotAllowed, ApiError::LengthRequired, ApiError::PayloadTooLarge, ApiError::UnsupportedMediaType,
    ApiError::RequestTimeout, ApiError::HeadersTooLarge, ApiError::AnalysisFailed, ApiError::QueueFull, ApiError::UploadsBusy, ApiError::Internal,
    ApiError::CaptureNotPermitted, ApiError::CaptureFailed,
};

int httpStatus(ApiError e);
QByteArray errorCode(ApiError e);   // "bad_request", "unauthorized", …
QByteArray reasonPhrase(int status); // "Payload Too Large"

// A complete answer, built on any thread and written on the server thread.
struct ApiResponse
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool closeConnection = false;

    static ApiResponse json(int status, const QJsonObject &object);
    static ApiResponse error(ApiError e, const QString &message, int retryAfterSeconds = 0);
    static ApiResponse bytes(int status, const QByteArray &contentType, const QByteArray &body);
    // An error answer with the server's own folders taken out of its message:
    // each path under root is shown by its file name, root itself by label.
    struct PrivatePath
    {
        QString root, label;
    };
    ApiResponse withoutPrivatePaths(const QList<PrivatePath> &paths) const;
    // The whole response as HTTP/1.1 bytes; without the body for HEAD (its
    // Content-Length stays that of the body).
    QByteArray toHttp(bool withBody = true) const;
};

} // namespace packetlens
