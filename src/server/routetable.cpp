// SPDX-License-Identifier: GPL-3.0-or-later
#include "routetable.h"

#include <QStringList>

namespace packetlens {

const QList<Route> &routeTable()
{
    static const QList<Route> table = {
        {RouteId::Upload, "POST", QStringLiteral("/upload"), true, true},
        {RouteId::Analysis, "GET", QStringLiteral("/analysis/{file_id}"), true, false},
        {RouteId::Reports, "GET", QStringLiteral("/reports/{file_id}"), true, false},
        {RouteId::Report, "GET", QStringLiteral("/report/{file_id}"), true, false},
        {RouteId::Stats, "GET", QStringLiteral("/stats"), true, false},
        {RouteId::Files, "GET", QStringLiteral("/files"), true, false},
        {RouteId::DeleteFile, "DELETE", QStringLiteral("/files/{file_id}"), true, false},
        {RouteId::Health, "GET", QStringLiteral("/health"), false, false},
        {RouteId::OpenApi, "GET", QStringLiteral("/openapi.json"), true, false},
        {RouteId::Interfaces, "GET", QStringLiteral("/interfaces"), true, false},
        {RouteId::LiveStart, "POST", QStringLiteral("/live"), true, false},
        {RouteId::LiveStatus, "GET", QStringLiteral("/live/{live_id}"), true, false},
        {RouteId::LiveStop, "DELETE", QStringLiteral("/live/{live_id}"), true, false},
        {RouteId::LiveSocket, "GET", QStringLiteral("/live/{live_id}/ws"), false, false},
    };
    return table;
}

namespace {
bool pathMatches(const QString &pattern, const QString &path, QString *fileId)
{
    const QStringList want = pattern.split(QLatin1Char('/'));
    const QStringList got = path.split(QLatin1Char('/'));
    if (want.size() != got.size())
        return false;
    for (int i = 0; i < want.size(); ++i) {
        if (want[i].startsWith(QLatin1Char('{'))) {
            if (got[i].isEmpty())
                return false;
            *fileId = got[i];
        } else if (want[i] != got[i]) {
            return false;
        }
    }
    return true;
}
} // namespace

RouteMatch matchRoute(const QByteArray &method, const QString &path)
{
    RouteMatch m;
    QList<QByteArray> allowed;
    const QByteArray wanted = method == "HEAD" ? QByteArray("GET") : method; // HEAD is GET without the body
    for (const Route &r : routeTable()) {
        QString id;
        if (!pathMatches(r.path, path, &id))
            continue;
        m.pathKnown = true;
        allowed << r.method;
        if (r.method == "GET")
            allowed << "HEAD";
        if (r.method == wanted && !m.route) {
            m.route = &r;
            m.fileId = id;
        }
    }
    m.allowed = allowed.join(", ");
    return m;
}

QString qtPathRule(const Route &route)
{
    QString rule = route.path;
    rule.replace(QStringLiteral("{file_id}"), QStringLiteral("<arg>"));
    rule.replace(QStringLiteral("{live_id}"), QStringLiteral("<arg>"));
    return rule;
}

} // namespace packetlens
