// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// What the app's tests share: an isolated app and "is it done?".

#include "appsettings.h"
#include "capturetab.h"
#include "mainwindow.h"

#include <QCoreApplication>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>

namespace packetlens::gui::testing {

// Settings and history of a test app of its own: Qt's test-mode paths, its
// own application name, a history in `dir`, English. False when `dir` is
// not usable (QVERIFY it).
inline bool isolateApp(const QTemporaryDir &dir, const QString &appName)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("PacketLensTest"));
    QCoreApplication::setApplicationName(appName);
    AppSettings::setDatabasePath(dir.filePath(QStringLiteral("history.sqlite")));
    AppSettings::setLanguage(QStringLiteral("en"));
    return dir.isValid();
}

// No analysis running and no tab busy or loading (QTRY_VERIFY(idle(w))).
inline bool idle(MainWindow &w)
{
    if (w.isAnalyzing())
        return false;
    for (CaptureTab *t : w.captureTabs())
        if (t->isBusy() || t->isLoading())
            return false;
    return true;
}

} // namespace packetlens::gui::testing
