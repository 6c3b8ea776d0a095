// SPDX-License-Identifier: GPL-3.0-or-later
#include "databaselocation.h"
#include "core/report/errortext.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

namespace packetlens {

namespace {
QString usage()
{
    return errorText("error.db.usage");
}

// libpq's quoting for a conninfo value: single quotes, backslash escapes.
QString conninfoValue(const QString &v)
{
    QString out = v;
    out.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    out.replace(QLatin1Char('\''), QLatin1String("\\'"));
    return QLatin1Char('\'') + out + QLatin1Char('\'');
}

bool parsePostgres(const QString &text, DatabaseLocation *out, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid()) {
        *error = errorText("error.db.invalid_uri", {text, url.errorString(), usage()});
        return false;
    }
    const QString noPassword = errorText("error.db.password");
    if (!url.password().isEmpty()) {
        *error = noPassword;
        return false;
    }
    out->engine = DatabaseLocation::Engine::PostgreSQL;
    out->host = url.host(QUrl::FullyDecoded);
    out->port = url.port(-1);
    out->user = url.userName(QUrl::FullyDecoded);
    out->database = url.path(QUrl::FullyDecoded).mid(1);
    if (out->database.contains(QLatin1Char('/'))) {
        *error = errorText("error.db.path", {text});
        return false;
    }
    bool hasTimeout = false, hasName = false;
    for (const auto &[key, value] : QUrlQuery(url).queryItems(QUrl::FullyDecoded)) {
        if (key == QLatin1String("password")) {
            *error = noPassword;
            return false;
        }
        if (value.contains(QLatin1Char(';'))) { // Qt's driver turns ';' into a separator
            *error = errorText("error.db.semicolon", {text, key});
            return false;
        }
        if (key == QLatin1String("host"))
            out->host = value; // e.g. ?host=/run/postgresql (a socket folder)
        else if (key == QLatin1String("port"))
            out->port = value.toInt();
        else if (key == QLatin1String("user"))
            out->user = value;
        else if (key == QLatin1String("dbname"))
            out->database = value;
        else
            out->options << key + QLatin1Char('=') + conninfoValue(value);
        hasTimeout = hasTimeout || key == QLatin1String("connect_timeout");
        hasName = hasName || key == QLatin1String("application_name");
    }
    if (!hasTimeout) // a wrong host is an error within seconds, not a hang
        out->options << QStringLiteral("connect_timeout='10'");
    if (!hasName) // how the server's administrator sees us (pg_stat_activity)
        out->options << QStringLiteral("application_name='packetlens'");
    return true;
}
} // namespace

std::optional<DatabaseLocation> DatabaseLocation::parse(const QString &text, QString *error)
{
    DatabaseLocation loc;
    loc.text = text.trimmed();
    if (loc.text.isEmpty()) {
        *error = errorText("error.db.none", {usage()});
        return std::nullopt;
    }
    // scheme "://": a URI, never a path (a relative path "postgresql://…"
    // would otherwise make a folder named "postgresql:").
    static const QRegularExpression uri(QStringLiteral("^([A-Za-z][A-Za-z0-9+.-]*):(//)?"));
    const QRegularExpressionMatch m = uri.match(loc.text);
    const QString scheme = m.hasMatch() ? m.captured(1).toLower() : QString();
    const bool postgres = scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres");
    if (m.hasMatch() && (postgres || !m.captured(2).isEmpty())) {
        if (postgres) {
            if (m.captured(2).isEmpty()) {
                *error = errorText("error.db.not_uri", {loc.text});
                return std::nullopt;
            }
            if (!parsePostgres(loc.text, &loc, error))
                return std::nullopt;
            return loc;
        }
        if (scheme == QLatin1String("file")) {
            loc.path = QUrl(loc.text).toLocalFile();
            if (!loc.path.isEmpty())
                return loc;
        }
        *error = errorText("error.db.unknown_scheme", {loc.text, scheme, usage()});
        return std::nullopt;
    }
    loc.path = loc.text;
    return loc;
}

QString DatabaseLocation::driverName() const
{
    return isPostgres() ? QStringLiteral("QPSQL") : QStringLiteral("QSQLITE");
}

QString DatabaseLocation::missingDriver(const QStringList &available) const
{
    if (available.contains(driverName()))
        return {};
    return isPostgres()
               ? QStringLiteral("PostgreSQL support is not installed: Qt's QPSQL driver is missing (Debian: apt-get install libqt6sql6-psql)")
               : QStringLiteral("SQLite support is not installed: Qt's QSQLITE driver is missing (Debian: apt-get install libqt6sql6-sqlite)");
}

QSqlDatabase DatabaseLocation::addConnection(const QString &name) const
{
    QSqlDatabase db = QSqlDatabase::addDatabase(driverName(), name);
    if (!isPostgres()) {
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
        return db;
    }
    db.setHostName(host);
    db.setPort(port);
    db.setUserName(user);
    db.setDatabaseName(database);
    db.setConnectOptions(options.join(QLatin1Char(';')));
    return db;
}

} // namespace packetlens
