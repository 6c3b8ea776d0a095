// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace packetlens {

// The REST API's routes, defined once: the server registers exactly these
// with QHttpServer, the upload gate matches request heads against them, and
// a test compares them with resources/openapi.json.
enum class RouteId {
    Upload, Analysis, Reports, Report, Stats, Files, DeleteFile, Health, OpenApi,
    Interfaces, LiveStart, LiveStatus, LiveStop, LiveSocket // live capture (docs/rest-api.md, "Live capture")
};

struct Route
{
    RouteId id;
    QByteArray method;  // "GET", "POST", "DELETE"
    QString path;       // OpenAPI form: "/analysis/{file_id}", "/live/{live_id}"
    bool needsKey;      // false for /health, and for the WebSocket (its key may come as the first message)
    bool takesUpload;   // body up to the upload limit (others: kMaxSmallBody)
};

constexpr qint64 kMaxSmallBody = 64 * 1024; // bodies of routes that take no upload

const QList<Route> &routeTable();

struct RouteMatch
{
    const Route *route = nullptr; // null: no route for this method
    bool pathKnown = false;       // some route has this path (then 405, else 404)
    QByteArray allowed;           // "GET, HEAD, DELETE" for the Allow header
    QString fileId;               // the {file_id} (or {live_id}) segment
};
// HEAD matches the GET route of the path.
RouteMatch matchRoute(const QByteArray &method, const QString &path);

// "/analysis/{file_id}" -> "/analysis/<arg>" (QHttpServer's placeholder; {live_id} too).
QString qtPathRule(const Route &route);

} // namespace packetlens
