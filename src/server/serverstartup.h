// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "apierrors.h"

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace packetlens {

class CaptureStore;
struct RestServerOptions;

// The steps of RestServer::start() that need no QHttpServer: checking the
// options, the API key, the history, the storage folder and the OpenAPI
// document. Each returns false with the reason, or adds what it changed on
// its own to notes.
namespace ServerStartup {

bool checkOptions(const RestServerOptions &o, QString *error);
// Captures never go into the database: with a history on PostgreSQL, which
// servers share, their bytes go to a folder the servers share too (--storage).
bool checkStorage(const QString &dbPath, const QString &storageDir, QString *error);
// RestServer::keyStrongEnoughForRemote.
bool keyStrongEnoughForRemote(const QString &key, QString *why);
// Large upload and capture buffers go back to the system when freed.
void returnFreedMemory();
// The given key, or the one kept in the settings (made on first start).
// The settings file holds it: readable by its owner only.
QString apiKey(const QString &given, QStringList *notes);
// Creates or migrates the history's schema; marks analyses left running by
// a stopped process as interrupted.
bool prepareHistory(const QString &dbPath, QStringList *notes, QString *error);
// The storage folder (private when it is the default one), without the
// unfinished uploads of servers that are gone.
bool prepareStorage(const CaptureStore &captures, bool isDefault, QStringList *notes, QString *error);
bool loadOpenApi(QByteArray *out, QString *error);
// The server's own folders (storage, history), as given and canonical,
// longest first: error messages do not show them.
QList<ApiResponse::PrivatePath> privatePaths(const QString &storageRoot, const QString &dbPath);
// What clients are told to use: a loopback address for a wildcard bind.
QUrl serverUrl(const QHostAddress &bind, quint16 port);

} // namespace ServerStartup

} // namespace packetlens
