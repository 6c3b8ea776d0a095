// SPDX-License-Identifier: GPL-3.0-or-later
#include "errortext.h"

#include "catalogrow.h"
#include "message.h"

#include <QRegularExpression>

#include <algorithm>
#include <vector>

namespace packetlens {

namespace {
constexpr int kMaxDepth = 8; // errors inside errors; deeper ones stay English

struct Pattern
{
    QRegularExpression re; // the English text, its %N captured
    QList<int> order;      // which %N each capture group is
    QString ru;
    qsizetype literal = 0; // characters that are not arguments: longer first
};

// "%1 cannot be read: %2" -> \A(.*?) cannot be read: (.*)\z
Pattern compile(const CatalogueRow &row)
{
    const QString en = QString::fromUtf8(row.en);
    Pattern p;
    p.ru = QString::fromUtf8(row.ru);
    QString re = QStringLiteral("\\A");
    qsizetype from = 0;
    for (qsizetype i = 0; i + 1 < en.size(); ++i) {
        if (en.at(i) != QLatin1Char('%') || en.at(i + 1) < QLatin1Char('1') || en.at(i + 1) > QLatin1Char('9'))
            continue;
        re += QRegularExpression::escape(en.mid(from, i - from));
        p.literal += i - from;
        re += i + 2 >= en.size() ? QStringLiteral("(.*)") : QStringLiteral("(.*?)");
        p.order << en.at(i + 1).unicode() - '0';
        from = i + 2;
        ++i;
    }
    re += QRegularExpression::escape(en.mid(from)) + QStringLiteral("\\z");
    p.literal += en.size() - from;
    p.re = QRegularExpression(re, QRegularExpression::DotMatchesEverythingOption);
    return p;
}

const std::vector<Pattern> &patterns()
{
    static const std::vector<Pattern> all = [] {
        std::vector<Pattern> out;
        for (const CatalogueRow &row : errorCatalogueRows())
            out.push_back(compile(row));
        // The most specific first: "%1: %2" only when nothing else fits.
        std::stable_sort(out.begin(), out.end(), [](const Pattern &a, const Pattern &b) { return a.literal > b.literal; });
        return out;
    }();
    return all;
}

QString translate(const QString &text, int depth);

QString translateArgument(const QString &arg, int depth)
{
    if (depth >= kMaxDepth || arg.isEmpty())
        return arg;
    const QString whole = translate(arg, depth + 1);
    if (whole != arg || !arg.contains(QLatin1String("; ")))
        return whole;
    QStringList parts = arg.split(QStringLiteral("; "));
    for (QString &part : parts)
        part = translate(part, depth + 1);
    return parts.join(QStringLiteral("; "));
}

QString translate(const QString &text, int depth)
{
    for (const Pattern &p : patterns()) {
        const QRegularExpressionMatch m = p.re.match(text);
        if (!m.hasMatch())
            continue;
        QString args[10];
        for (int g = 0; g < p.order.size(); ++g)
            args[p.order[g]] = translateArgument(m.captured(g + 1), depth);
        QString out;
        for (qsizetype i = 0; i < p.ru.size(); ++i) {
            const QChar c = p.ru.at(i);
            if (c == QLatin1Char('%') && i + 1 < p.ru.size() && p.ru.at(i + 1) >= QLatin1Char('1') && p.ru.at(i + 1) <= QLatin1Char('9')) {
                out += args[p.ru.at(i + 1).unicode() - '0'];
                ++i;
                continue;
            }
            out += c;
        }
        return out;
    }
    return text;
}
} // namespace

QString errorText(const char *id, const QStringList &args)
{
    QJsonArray a;
    for (const QString &s : args)
        a.append(s);
    const QString text = renderMessage(message(id, a), QStringLiteral("en"));
    Q_ASSERT_X(!text.isEmpty(), "errorText", id);
    return text.isEmpty() ? QString::fromLatin1(id) + QLatin1Char(' ') + args.join(QLatin1Char(' ')) : text;
}

QString localizedError(const QString &english, const QString &language)
{
    if (!language.startsWith(QLatin1String("ru")))
        return english;
    return translate(english, 0);
}

} // namespace packetlens
