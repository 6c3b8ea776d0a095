// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/analysis/analyzer.h"

#include <QString>
#include <QStringList>

namespace packetlens::gui {

// The app's settings (QSettings, "PacketLens"), with typed accessors and the
// analysis settings they make.
class AppSettings
{
public:
    static QString language();              // "en" or "ru"
    static void setLanguage(const QString &lang);
    static bool relativeTime();
    static void setRelativeTime(bool on);
    static QString databasePath();          // history database
    static void setDatabasePath(const QString &path); // a file path or a postgresql:// URI (never with a password)
    static QString storageFolder();         // the REST server's uploaded captures; "" = CaptureStore::defaultRoot()
    static void setStorageFolder(const QString &path);
    static QString detectionOverrides();    // JSON object, same shape as DetectionSettings::defaults()
    static void setDetectionOverrides(const QString &json);
    static QString allowList();             // one entry per line
    static void setAllowList(const QString &text);
    static QStringList iocFiles();
    static void setIocFiles(const QStringList &files);
    static QStringList recentFiles();
    static void addRecentFile(const QString &path);
    static QString lastDirectory();
    static void setLastDirectory(const QString &dir);

    // Analyzer settings from the above; `error` says what was ignored.
    static AnalyzerSettings analyzerSettings(QString *error);
};

} // namespace packetlens::gui
