// SPDX-License-Identifier: GPL-3.0-or-later
#include "appsettings.h"

#include "core/history/historystore.h"
#include "core/report/errortext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>

namespace packetlens::gui {

namespace {
constexpr int kMaxRecent = 10;
const QString kLanguage = QStringLiteral("ui/language");
const QString kRelative = QStringLiteral("ui/relativeTime");
const QString kDb = QStringLiteral("history/database");
const QString kStorage = QStringLiteral("server/storage");
const QString kDetection = QStringLiteral("detection/overrides");
const QString kAllow = QStringLiteral("detection/allowList");
const QString kIocs = QStringLiteral("detection/iocFiles");
const QString kRecent = QStringLiteral("files/recent");
const QString kLastDir = QStringLiteral("files/lastDirectory");
} // namespace

QString AppSettings::language()
{
    const QString def = QLocale().language() == QLocale::Russian ? QStringLiteral("ru") : QStringLiteral("en");
    return QSettings().value(kLanguage, def).toString();
}
void AppSettings::setLanguage(const QString &lang) { QSettings().setValue(kLanguage, lang); }
bool AppSettings::relativeTime() { return QSettings().value(kRelative, true).toBool(); }
void AppSettings::setRelativeTime(bool on) { QSettings().setValue(kRelative, on); }
QString AppSettings::databasePath() { return QSettings().value(kDb, HistoryStore::defaultPath()).toString(); }
void AppSettings::setDatabasePath(const QString &path) { QSettings().setValue(kDb, path); }
QString AppSettings::storageFolder() { return QSettings().value(kStorage).toString(); }
void AppSettings::setStorageFolder(const QString &path) { QSettings().setValue(kStorage, path); }
QString AppSettings::detectionOverrides() { return QSettings().value(kDetection).toString(); }
void AppSettings::setDetectionOverrides(const QString &json) { QSettings().setValue(kDetection, json); }
QString AppSettings::allowList() { return QSettings().value(kAllow).toString(); }
void AppSettings::setAllowList(const QString &text) { QSettings().setValue(kAllow, text); }
QStringList AppSettings::iocFiles() { return QSettings().value(kIocs).toStringList(); }
void AppSettings::setIocFiles(const QStringList &files) { QSettings().setValue(kIocs, files); }
QStringList AppSettings::recentFiles() { return QSettings().value(kRecent).toStringList(); }
QString AppSettings::lastDirectory() { return QSettings().value(kLastDir).toString(); }
void AppSettings::setLastDirectory(const QString &dir) { QSettings().setValue(kLastDir, dir); }

void AppSettings::addRecentFile(const QString &path)
{
    QStringList list = recentFiles();
    list.removeAll(path);
    list.prepend(path);
    while (list.size() > kMaxRecent)
        list.removeLast();
    QSettings().setValue(kRecent, list);
}

AnalyzerSettings AppSettings::analyzerSettings(QString *error)
{
    AnalyzerSettings s;
    auto d = std::make_shared<DetectionSettings>();
    QStringList problems;
    const QString overrides = detectionOverrides().trimmed();
    if (!overrides.isEmpty()) {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(overrides.toUtf8(), &pe);
        QString why;
        if (!doc.isObject())
            problems << errorText("error.settings.detection", {pe.errorString()});
        else if (!d->merge(doc.object(), &why))
            problems << errorText("error.settings.detection", {why});
    }
    for (const QString &line : allowList().split(u'\n')) {
        const QString e = line.section(u'#', 0, 0).trimmed();
        if (!e.isEmpty())
            d->allow.add(e);
    }
    for (const QString &f : iocFiles()) {
        QString why;
        if (!d->iocs.loadFile(f, &why))
            problems << errorText("error.settings.ioc", {f, why});
    }
    s.detection = d;
    if (error)
        *error = problems.join(QStringLiteral("; "));
    return s;
}

} // namespace packetlens::gui
