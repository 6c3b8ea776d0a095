// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apiauth.h"
#include "connectionlimits.h"

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace packetlens {

struct RestServerOptions
{
    QHostAddress bind = QHostAddress::LocalHost; // LocalHost also serves ::1 on the same port
    quint16 port = 8080;                         // 0: any free port (see url())
    QString apiKey;                              // empty: the one kept in the settings (made on first start)
    QString dbPath;                              // empty: HistoryStore::defaultPath()
    qint64 maxUploadBytes = 1ll << 30;           // Content-Length over this: 413 from the headers alone
    qint64 maxInFlightUploadBytes = 512ll << 20; // upload bytes received at once; beyond: 503 (one upload alone is always let in)
    int workers = 2;                             // analyses at once
    int maxQueued = 256;                         // analyses waiting; beyond: 503
    QString storageDir;                          // empty: CaptureStore::defaultRoot() (<AppData>/captures)
    bool allowNonLoopback = false;               // needed to bind anything but loopback
    ConnectionLimits connections;                // deadlines and the number of connections
};

// The local REST API (docs/rest-api.md) on QHttpServer, served by the same
// analysis core and history the app uses. Lives in the thread that creates it;
// analysis, disk and database work runs on worker pools and is answered
// asynchronously, so this thread never blocks on them.
class RestServer : public QObject
{
    Q_OBJECT
public:
    explicit RestServer(QObject *parent = nullptr);
    ~RestServer() override;

    bool start(const RestServerOptions &o, QString *error);
    void stop();
    bool isRunning() const;
    QUrl url() const;
    QString apiKey() const;
    // What start() changed on its own: permissions tightened, analyses of
    // stopped processes marked interrupted, abandoned uploads removed.
    QStringList startNotes() const;
    int openConnections() const;       // connections being served now
    qint64 uploadBytesInFlight() const; // upload bytes held in memory now (the in-flight budget's use)
    static QString generateApiKey() { return ApiAuth::generateKey(); }
    // Beyond loopback the key is all that guards the API: false with the
    // reason for a key under ApiAuth::kMinRemoteKeyBits of entropy.
    static bool keyStrongEnoughForRemote(const QString &key, QString *why);

signals:
    void requestLogged(const QString &line); // "METHOD /path -> status (ms)"

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace packetlens
