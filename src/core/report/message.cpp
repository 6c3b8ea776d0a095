// SPDX-License-Identifier: GPL-3.0-or-later
#include "message.h"

#include "findinglabels.h"
#include "messagecatalog.h"

#include <QLocale>

#include <algorithm>

#include <cmath>

namespace packetlens {

namespace {
constexpr int kMaxDepth = 8; // phrases inside phrases; deeper ones are left out

bool isRussian(const QString &language)
{
    return language.startsWith(QLatin1String("ru"));
}

const QLocale &russian()
{
    static const QLocale l(QLocale::Russian, QLocale::Russia);
    return l;
}

QString integerText(qint64 n, bool ru)
{
    return ru ? russian().toString(n) : QString::number(n);
}

QString decimalText(double v, int places, bool ru)
{
    return ru ? russian().toString(v, 'f', places) : QString::number(v, 'f', places);
}

// `whole` turns false when a nested phrase's id is unknown (a report from a
// newer catalogue): the caller then shows the English text instead.
QString render(const QString &pattern, const QJsonArray &args, bool ru, int depth, bool &whole);

QString argText(const QJsonValue &v, bool ru, int depth, bool &whole)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble()) {
        const double d = v.toDouble();
        return d == std::floor(d) && std::fabs(d) < 9e15 ? integerText(qint64(d), ru) : decimalText(d, 3, ru);
    }
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isArray())
        return QString();
    const QJsonObject o = v.toObject();
    if (o.contains(QLatin1String("dur_ns")))
        return localizedDuration(qint64(o.value(QLatin1String("dur_ns")).toDouble()), ru ? QStringLiteral("ru") : QStringLiteral("en"));
    if (o.contains(QLatin1String("dec")))
        return decimalText(o.value(QLatin1String("dec")).toDouble(), std::clamp(o.value(QLatin1String("dp")).toInt(), 0, 9), ru);
    if (o.contains(QLatin1String("num"))) {
        const double d = o.value(QLatin1String("num")).toDouble();
        return ru ? russian().toString(d, 'g', QLocale::FloatingPointShortest) : QStringLiteral("%1").arg(d);
    }
    if (o.contains(QLatin1String("category"))) {
        const QString c = o.value(QLatin1String("category")).toString();
        return ru ? categoryTitle(c, QStringLiteral("ru")) : c;
    }
    if (o.contains(QLatin1String("list"))) {
        if (depth >= kMaxDepth)
            return QString();
        QStringList items;
        for (const QJsonValue &item : o.value(QLatin1String("list")).toArray())
            items << argText(item, ru, depth + 1, whole);
        return items.join(o.contains(QLatin1String("sep")) ? o.value(QLatin1String("sep")).toString() : QStringLiteral(", "));
    }
    if (o.contains(QLatin1String("id")) && depth < kMaxDepth) {
        const MessagePattern *p = findMessagePattern(o.value(QLatin1String("id")).toString());
        if (!p) {
            whole = false;
            return QString();
        }
        return render(ru ? p->ru : p->en, o.value(QLatin1String("args")).toArray(), ru, depth + 1, whole);
    }
    return QString();
}

// %1…%9 become the arguments; any other '%' stays (as in "%6% answered").
// Arguments are not scanned again, so a name holding "%2" stays as it is.
QString render(const QString &pattern, const QJsonArray &args, bool ru, int depth, bool &whole)
{
    QString out;
    out.reserve(pattern.size() + 64);
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == QLatin1Char('%') && i + 1 < pattern.size() && pattern.at(i + 1) >= QLatin1Char('1') && pattern.at(i + 1) <= QLatin1Char('9')) {
            const int k = pattern.at(i + 1).unicode() - '1';
            if (k < args.size())
                out += argText(args.at(k), ru, depth, whole);
            ++i;
            continue;
        }
        out += c;
    }
    return out;
}
} // namespace

QJsonObject Message::toJson() const
{
    return QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("args"), args}};
}

Message Message::fromJson(const QJsonValue &v)
{
    const QJsonObject o = v.toObject();
    if (!o.value(QLatin1String("id")).isString())
        return {};
    return Message{o.value(QLatin1String("id")).toString(), o.value(QLatin1String("args")).toArray()};
}

Message message(const char *id, const QJsonArray &args)
{
    return Message{QString::fromLatin1(id), args};
}

QJsonValue phraseArg(const Message &m)
{
    return m.toJson();
}

QJsonValue decimalArg(double value, int places)
{
    return QJsonObject{{QStringLiteral("dec"), value}, {QStringLiteral("dp"), places}};
}

QJsonValue numberArg(double value)
{
    return QJsonObject{{QStringLiteral("num"), value}};
}

QJsonValue categoryArg(const QString &category)
{
    return QJsonObject{{QStringLiteral("category"), category}};
}

QJsonValue durationArg(int64_t ns)
{
    return QJsonObject{{QStringLiteral("dur_ns"), double(ns)}};
}

QJsonValue listArg(const QStringList &items)
{
    return QJsonObject{{QStringLiteral("list"), QJsonArray::fromStringList(items)}};
}

QJsonValue listArg(const QJsonArray &items)
{
    return QJsonObject{{QStringLiteral("list"), items}};
}

QString renderMessage(const Message &m, const QString &language)
{
    const MessagePattern *p = findMessagePattern(m.id);
    if (!p)
        return QString();
    const bool ru = isRussian(language);
    bool whole = true;
    const QString text = render(ru ? p->ru : p->en, m.args, ru, 0, whole);
    return whole ? text : QString();
}

QString localizedText(const QString &english, const Message &m, const QString &language)
{
    if (m.isEmpty() || !isRussian(language))
        return english;
    const QString text = renderMessage(m, language);
    return text.isEmpty() ? english : text;
}

QString localizedDuration(int64_t ns, const QString &language)
{
    const bool ru = isRussian(language);
    const double s = double(ns) / 1e9;
    if (s < 1)
        return (ru ? QStringLiteral("%1 мс") : QStringLiteral("%1 ms")).arg(integerText(qRound(s * 1000), ru));
    if (s < 120)
        return (ru ? QStringLiteral("%1 с") : QStringLiteral("%1 s")).arg(decimalText(s, s < 10 ? 1 : 0, ru));
    if (s < 7200)
        return (ru ? QStringLiteral("%1 мин") : QStringLiteral("%1 min")).arg(decimalText(s / 60, 1, ru));
    return (ru ? QStringLiteral("%1 ч") : QStringLiteral("%1 h")).arg(decimalText(s / 3600, 1, ru));
}

} // namespace packetlens
