// SPDX-License-Identifier: GPL-3.0-or-later
#include "i18n.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace packetlens::gui {

namespace {
QTranslator *g_app = nullptr;
QTranslator *g_qt = nullptr;
QString g_language = QStringLiteral("en");
} // namespace

void applyLanguage(const QString &language)
{
    for (QTranslator **t : {&g_app, &g_qt}) {
        if (*t) {
            QCoreApplication::removeTranslator(*t);
            delete *t;
            *t = nullptr;
        }
    }
    g_language = language == QLatin1String("ru") ? QStringLiteral("ru") : QStringLiteral("en");
    // Numbers and dates follow the UI language (1 234,5 in Russian).
    QLocale::setDefault(g_language == QLatin1String("ru") ? QLocale(QLocale::Russian, QLocale::Russia)
                                                          : QLocale(QLocale::English, QLocale::UnitedStates));
    if (g_language == QLatin1String("en")) {
        // Widgets retranslate on LanguageChange, which removing a translator also sends.
        return;
    }
    g_qt = new QTranslator;
    if (g_qt->load(QStringLiteral("qtbase_") + g_language, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(g_qt);
    g_app = new QTranslator;
    // The installed .qm (/usr/share/packetlens/translations) first, else the copy built in.
    const QString installed = QCoreApplication::applicationDirPath() + QStringLiteral("/../share/packetlens/translations");
    if (g_app->load(QStringLiteral("packetlens_") + g_language, installed)
        || g_app->load(QStringLiteral(":/i18n/packetlens_") + g_language))
        QCoreApplication::installTranslator(g_app);
}

QString currentLanguage()
{
    return g_language;
}

} // namespace packetlens::gui
