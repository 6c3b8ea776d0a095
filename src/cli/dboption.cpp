// SPDX-License-Identifier: GPL-3.0-or-later
#include "dboption.h"

#include "exitcodes.h"

#include "core/history/databaselocation.h"
#include "core/history/historystore.h"

#include <QSqlDatabase>

namespace packetlens::cli {

QCommandLineOption dbOption()
{
    return QCommandLineOption(QStringLiteral("db"),
                              QStringLiteral("History database: a file path (default: %1) or postgresql://user@host:port/database "
                                             "(password from PGPASSWORD or ~/.pgpass).").arg(HistoryStore::defaultPath()),
                              QStringLiteral("PATH|URI"));
}

std::optional<int> checkDbLocation(const QString &location, const QString &command, QTextStream &err)
{
    QString why;
    const auto parsed = DatabaseLocation::parse(location, &why);
    if (!parsed) {
        err << "packetlens-cli " << command << ": --db " << why << "\n";
        return Usage;
    }
    if (const QString missing = parsed->missingDriver(QSqlDatabase::drivers()); !missing.isEmpty()) {
        err << "packetlens-cli " << command << ": " << missing << "\n";
        return Unreadable;
    }
    return std::nullopt;
}

} // namespace packetlens::cli
