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
    QString id;
    QRegularExpression re; // the English text, its %N captured
    QList<int> order;      // which %N each capture group is
    qsizetype literal = 0; // characters that are not arguments: longer first
};

// "%1 cannot be read: %2" -> \A(.*?) cannot be read: (.*)\z
Pattern compile(const CatalogueRow &row)
{
    const QString en = QString::fromUtf8(row.en);
    Pattern p;
    p.id = QString::fromLatin1(row.id);
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

QString translate(const QString &text, const QString &language, int depth);

QString translateArgument(const QString &arg, const QString &language, int depth)
{
    if (depth >= kMaxDepth || arg.isEmpty())
        return arg;
    const QString whole = translate(arg, language, depth + 1);
    if (whole != arg || !arg.contains(QLatin1String("; ")))
        return whole;
    QStringList parts = arg.split(QStringLiteral("; "));
    for (QString &part : parts)
        part = translate(part, language, depth + 1);
    return parts.join(QStringLiteral("; "));
}

// The first pattern that matches says the text again through the message
// renderer, its arguments (translated in turn) put in as text.
QString translate(const QString &text, const QString &language, int depth)
{
    for (const Pattern &p : patterns()) {
        const QRegularExpressionMatch m = p.re.match(text);
        if (!m.hasMatch())
            continue;
        QJsonArray args;
        for (int k = 0; k < 9; ++k)
            args.append(QString());
        for (int g = 0; g < p.order.size(); ++g)
            args[p.order[g] - 1] = translateArgument(m.captured(g + 1), language, depth);
        const QString said = renderMessage(Message{p.id, args}, language);
        return said.isEmpty() ? text : said;
    }
    return text;
}
} // namespace

QString errorText(const char *id, const QStringList &args)
{
    const QString text = renderMessage(message(id, QJsonArray::fromStringList(args)), QStringLiteral("en"));
    Q_ASSERT_X(!text.isEmpty(), "errorText", id);
    return text.isEmpty() ? QString::fromLatin1(id) + QLatin1Char(' ') + args.join(QLatin1Char(' ')) : text;
}

QString localizedError(const QString &english, const QString &language)
{
    if (!language.startsWith(QLatin1String("ru")))
        return english;
    return translate(english, language, 0);
}

} // namespace packetlens
