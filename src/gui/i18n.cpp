// SPDX-License-Identifier: GPL-3.0-or-later
#include "i18n.h"

#include "core/util/format.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QRegularExpression>
#include <QTranslator>

#include <cstring>

namespace packetlens::gui {

namespace {
// English needs no translation but its plurals: the source texts mark them
// "%n packet(s)", "%n query(ies)", "%n analysis(es)"; this resolves them for n.
class EnglishPlurals : public QTranslator
{
public:
    bool isEmpty() const override { return false; }
    QString translate(const char *context, const char *sourceText, const char *disambiguation, int n) const override
    {
        Q_UNUSED(context)
        Q_UNUSED(disambiguation)
        if (n < 0 || !sourceText || !std::strstr(sourceText, "%n"))
            return {};
        return englishPlural(QString::fromUtf8(sourceText), n);
    }
};

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
        g_app = new EnglishPlurals;
        QCoreApplication::installTranslator(g_app);
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

QString englishPlural(const QString &text, int n)
{
    static const QRegularExpression marked(QStringLiteral("(\\w+)\\((s|es|ies)\\)"));
    QString out;
    qsizetype from = 0;
    for (auto it = marked.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        out += text.mid(from, m.capturedStart() - from);
        const QString word = m.captured(1), suffix = m.captured(2);
        if (n == 1)
            out += word;
        else if (suffix == QLatin1String("ies") && word.endsWith(u'y'))
            out += word.chopped(1) + suffix;
        else if (suffix == QLatin1String("es") && word.endsWith(QLatin1String("sis")))
            out += word.chopped(2) + suffix; // analysis -> analyses
        else
            out += word + suffix;
        from = m.capturedEnd();
    }
    return out + text.mid(from);
}

QString currentLanguage()
{
    return g_language;
}

QString localBytes(double bytes)
{
    return humanBytes(bytes, currentLanguage());
}

} // namespace packetlens::gui
