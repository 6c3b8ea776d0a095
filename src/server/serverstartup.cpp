// SPDX-License-Identifier: GPL-3.0-or-later
#include "serverstartup.h"
#include "core/report/errortext.h"

#include "apiauth.h"
#include "restserver.h"

#include "core/history/capturestore.h"
#include "core/history/databaselocation.h"
#include "core/history/historystore.h"
#include "core/util/privatefiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <algorithm>

namespace packetlens::ServerStartup {

namespace {
const QString kKeySetting = QStringLiteral("server/api_key");
}

bool checkOptions(const RestServerOptions &o, QString *error)
{
    if (!o.bind.isLoopback() && !o.allowNonLoopback) {
        *error = errorText("error.server.not_loopback", {o.bind.toString()});
        return false;
    }
    const ConnectionLimits &c = o.connections;
    const bool connectionsOk = c.maxConnections >= 1 && c.headTimeoutMs > 0 && c.idleTimeoutMs > 0 && c.stalledTimeoutMs > 0
                               && c.bodyGraceMs >= 0 && c.minBodyBytesPerSecond >= 0 && c.lingerMs >= 0;
    if (o.maxUploadBytes <= 0 || o.maxInFlightUploadBytes <= 0 || o.workers < 1 || o.maxQueued < 0 || !connectionsOk) {
        *error = QStringLiteral("invalid limits");
        return false;
    }
    return true;
}

void returnFreedMemory()
{
#ifdef __GLIBC__
    // Upload and capture buffers are large and short-lived. glibc raises its
    // mmap threshold after the first such block is freed, and later ones then
    // come from the workers' heap arenas, whose pages stay scattered and
    // resident. A fixed threshold keeps them in mappings that go back to the
    // system when freed, so the server's memory returns after a burst.
    mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

QString apiKey(const QString &given, QStringList *notes)
{
    // The app's settings, whatever the running program is called. They
    // hold the API key: readable by their owner only.
    QSettings settings(QSettings::NativeFormat, QSettings::UserScope, QStringLiteral("PacketLens"), QStringLiteral("PacketLens"));
    QString key = given;
    if (key.isEmpty()) { // made on first start, kept in the settings
        key = settings.value(kKeySetting).toString();
        if (key.size() < 22) {
            const bool existed = QFileInfo::exists(settings.fileName());
            key = RestServer::generateApiKey();
            settings.setValue(kKeySetting, key);
            settings.sync();
            if (!existed) // made just now: private, nothing to warn about
                PrivateFiles::tightenFile(settings.fileName(), nullptr);
        }
    }
    if (settings.contains(kKeySetting))
        PrivateFiles::tightenFile(settings.fileName(), notes);
    return key;
}

bool prepareHistory(const QString &dbPath, QStringList *notes, QString *error)
{
    // Opened once here, before any worker: creates or migrates the schema
    // and refuses a foreign or corrupt file up front; analyses left
    // running by a server or program that is gone become interrupted.
    HistoryStore check(dbPath);
    if (!check.open(error))
        return false;
    *notes << check.warnings();
    if (const int n = check.recoverInterrupted(); n > 0)
        *notes << QStringLiteral("marked %1 analysis(es) left running by a stopped process as interrupted").arg(n);
    return true;
}

bool prepareStorage(const CaptureStore &captures, bool isDefault, QStringList *notes, QString *error)
{
    if (!PrivateFiles::makeFolder(captures.root(), isDefault, notes, error))
        return false;
    captures.removeStaleUploads(notes);
    return true;
}

bool loadOpenApi(QByteArray *out, QString *error)
{
    QFile spec(QStringLiteral(":/packetlens/openapi.json"));
    if (!spec.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("the OpenAPI document is missing from the build");
        return false;
    }
    *out = spec.readAll();
    return true;
}

QList<ApiResponse::PrivatePath> privatePaths(const QString &storageRoot, const QString &dbPath)
{
    QList<ApiResponse::PrivatePath> out;
    auto add = [&out](const QString &path, const QString &label) {
        const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
        const QString canonical = QFileInfo(path).canonicalFilePath();
        out.append({absolute, label});
        if (!canonical.isEmpty() && canonical != absolute)
            out.append({canonical, label});
    };
    add(storageRoot, QStringLiteral("the storage folder"));
    add(QFileInfo(dbPath).absolutePath(), QStringLiteral("the history folder"));
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.root.size() > b.root.size(); });
    return out;
}

QUrl serverUrl(const QHostAddress &bind, quint16 port)
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(bind == QHostAddress::Any || bind == QHostAddress::AnyIPv4 ? QStringLiteral("127.0.0.1")
                : bind == QHostAddress::AnyIPv6                             ? QStringLiteral("::1")
                                                                            : bind.toString());
    url.setPort(port);
    url.setPath(QStringLiteral("/"));
    return url;
}

bool checkStorage(const QString &dbPath, const QString &storageDir, QString *error)
{
    const auto location = DatabaseLocation::parse(dbPath, error);
    if (!location)
        return false;
    if (location->isPostgres() && storageDir.isEmpty()) {
        *error = QStringLiteral("a history on PostgreSQL is shared: name the folder for uploaded captures that every server "
                                "sharing it reads and writes (--storage DIR)");
        return false;
    }
    return true;
}

bool keyStrongEnoughForRemote(const QString &key, QString *why)
{
    const int bits = ApiAuth::estimatedKeyBits(key);
    if (bits >= ApiAuth::kMinRemoteKeyBits)
        return true;
    *why = QStringLiteral("the API key has about %1 bits of entropy; serving beyond loopback needs at least %2 bits "
                          "(leave the key out to use the generated one, or give one of 22 or more random base64url characters)")
               .arg(bits).arg(ApiAuth::kMinRemoteKeyBits);
    return false;
}


} // namespace packetlens::ServerStartup
