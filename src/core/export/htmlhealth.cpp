// SPDX-License-Identifier: GPL-3.0-or-later
// The HTML report's health and chronology sections (htmlreport.cpp puts them
// in the page; its stylesheet applies).
#include "htmlhealth.h"

#include "../report/findinglabels.h"

#include "htmlreport.h"

#include "../report/timeformat.h"

#include <QHash>

#include <algorithm>

namespace packetlens::HtmlHealth {

namespace {
constexpr size_t kMaxListedEvents = 1000;

const QHash<QString, QString> &russianWords()
{
    static const QHash<QString, QString> ru = {
        {QStringLiteral("Network health"), QStringLiteral("Состояние сети")},
        {QStringLiteral("No problems seen."), QStringLiteral("Проблем не замечено.")},
        {QStringLiteral("Level"), QStringLiteral("Уровень")},
        {QStringLiteral("Subject"), QStringLiteral("Объект")},
        {QStringLiteral("Count"), QStringLiteral("Число")},
        {QStringLiteral("Summary"), QStringLiteral("Описание")},
        {QStringLiteral("What this usually means"), QStringLiteral("Что это обычно значит")},
        {QStringLiteral("First packets"), QStringLiteral("Первые пакеты")},
        {QStringLiteral("Response times"), QStringLiteral("Время ответа")},
        {QStringLiteral("Measure"), QStringLiteral("Показатель")},
        {QStringLiteral("median"), QStringLiteral("медиана")},
        {QStringLiteral("TCP handshake"), QStringLiteral("Рукопожатие TCP")},
        {QStringLiteral("TLS handshake"), QStringLiteral("Рукопожатие TLS")},
        {QStringLiteral("TCP analysis"), QStringLiteral("Анализ TCP")},
        {QStringLiteral("Peak second"), QStringLiteral("Пиковая секунда")},
        {QStringLiteral("Chronology"), QStringLiteral("Хронология")},
        {QStringLiteral("Time"), QStringLiteral("Время")},
        {QStringLiteral("Event"), QStringLiteral("Событие")},
        {QStringLiteral("Hosts"), QStringLiteral("Узлы")},
        {QStringLiteral("packets"), QStringLiteral("пакетов")},
        {QStringLiteral("bytes"), QStringLiteral("байт")},
        {QStringLiteral("resets"), QStringLiteral("сбросы (RST)")},
        {QStringLiteral("refused"), QStringLiteral("отклонено")},
        {QStringLiteral("unanswered"), QStringLiteral("без ответа")},
        {QStringLiteral("%1 more events are not listed."), QStringLiteral("Ещё событий не показано: %1.")},
    };
    return ru;
}

thread_local bool t_ru = false;

QString language()
{
    return t_ru ? QStringLiteral("ru") : QStringLiteral("en");
}

QString T(const QString &en)
{
    return t_ru ? russianWords().value(en, en) : en;
}

QString esc(const QString &s)
{
    return HtmlReport::escape(s);
}

QString packetList(const std::vector<qint64> &packets)
{
    QStringList out;
    for (size_t i = 0; i < packets.size() && i < 10; ++i)
        out << QString::number(packets[i]);
    return out.join(QStringLiteral(", ")) + (packets.size() > 10 ? QStringLiteral(" …") : QString());
}

QString itemsTable(const std::vector<HealthItem> &items)
{
    if (items.empty())
        return QStringLiteral("<p>%1</p>").arg(T(QStringLiteral("No problems seen.")));
    QString h = QStringLiteral("<table><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th><th>%5</th><th>%6</th></tr>")
                    .arg(T(QStringLiteral("Level")), T(QStringLiteral("Subject")), T(QStringLiteral("Count")),
                         T(QStringLiteral("Summary")), T(QStringLiteral("What this usually means")), T(QStringLiteral("First packets")));
    for (const HealthItem &i : items)
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td></tr>")
                 .arg(esc(healthLevelTitle(i.severity, language())), esc(i.subject), QString::number(i.count),
                      esc(healthSummaryText(i, language())), esc(healthMeaningText(i, language())), packetList(i.evidencePackets));
    return h + QStringLiteral("</table>");
}

QString ms(double s)
{
    return QString::number(s * 1000, 'f', 1) + QStringLiteral(" ms");
}

QString latencyTable(const LatencySection &l)
{
    const std::pair<QString, const LatencyStats *> rows[] = {
        {T(QStringLiteral("TCP handshake")), &l.tcpHandshake}, {QStringLiteral("DNS"), &l.dns},
        {QStringLiteral("HTTP"), &l.http}, {T(QStringLiteral("TLS handshake")), &l.tlsHandshake}};
    QString h = QStringLiteral("<h3>%1</h3><table><tr><th>%2</th><th>%3</th><th>%4</th><th>p95</th><th>max</th></tr>")
                    .arg(T(QStringLiteral("Response times")), T(QStringLiteral("Measure")), T(QStringLiteral("Count")),
                         T(QStringLiteral("median")));
    for (const auto &[name, s] : rows)
        if (s->count)
            h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                     .arg(name, QString::number(s->count), ms(s->medianS), ms(s->p95S), ms(s->maxS));
    return h + QStringLiteral("</table>");
}

QString tcpLine(const TcpHealthSection &t)
{
    QStringList parts;
    for (const auto &[name, n] : t.analysis)
        if (n)
            parts << QStringLiteral("%1 %2").arg(esc(name)).arg(n);
    parts << QStringLiteral("%1 %2").arg(T(QStringLiteral("resets"))).arg(t.resets)
          << QStringLiteral("%1 %2").arg(T(QStringLiteral("refused"))).arg(t.refused)
          << QStringLiteral("%1 %2").arg(T(QStringLiteral("unanswered"))).arg(t.unanswered);
    return QStringLiteral("<h3>%1</h3><p>%2</p>").arg(T(QStringLiteral("TCP analysis")), parts.join(QStringLiteral(" · ")));
}

QString markerColor(Severity s)
{
    static const char *const colors[] = {"#607d8b", "#1565c0", "#f9a825", "#e65100", "#b71c1c"};
    return QString::fromLatin1(colors[int(s)]);
}

// The traffic curve (packets per bucket) with a marker per event.
QString chronologyChart(const Report &r)
{
    const int w = 800, h = 170, padL = 8, padB = 30, plotH = h - padB - 8;
    const int64_t t0 = r.capture.firstNs.value_or(r.timelineEvents.front().tNs);
    const int64_t t1 = std::max(r.capture.lastNs.value_or(r.timelineEvents.back().tNs), t0 + 1);
    const auto xOf = [&](int64_t t) { return padL + double(std::clamp(t, t0, t1) - t0) * (w - 2 * padL) / double(t1 - t0); };
    double maxP = 1;
    for (const TimelinePoint &p : r.timeline.points)
        maxP = std::max(maxP, double(p.packets));
    QString poly;
    for (const TimelinePoint &p : r.timeline.points)
        poly += QStringLiteral("%1,%2 ").arg(xOf(p.tNs), 0, 'f', 1).arg(8 + plotH - double(p.packets) * plotH / maxP, 0, 'f', 1);
    QString svg = QStringLiteral("<svg role=\"img\" viewBox=\"0 0 %1 %2\" width=\"100%\">"
                                 "<line x1=\"%3\" y1=\"%4\" x2=\"%5\" y2=\"%4\" stroke=\"#999\"/>"
                                 "<polyline fill=\"none\" stroke=\"#90a4ae\" stroke-width=\"1.2\" points=\"%6\"/>")
                      .arg(w).arg(h).arg(padL).arg(8 + plotH).arg(w - padL).arg(poly.trimmed());
    for (const TimelineEvent &e : r.timelineEvents)
        svg += QStringLiteral("<circle cx=\"%1\" cy=\"%2\" r=\"4\" fill=\"%3\"><title>%4</title></circle>")
                   .arg(xOf(e.tNs), 0, 'f', 1).arg(8 + plotH + 10).arg(markerColor(e.severity), esc(timelineKindTitle(e.kind, language()) + QStringLiteral(": ") + localizedText(e.summary, e.summaryMessage, language())));
    const int digits = r.capture.timeDigits;
    return svg + QStringLiteral("<text x=\"%1\" y=\"%2\">%3</text><text x=\"%4\" y=\"%2\" text-anchor=\"end\">%5</text></svg>")
                     .arg(padL).arg(h - 2).arg(esc(isoTimestamp(t0, digits)), QString::number(w - padL), esc(isoTimestamp(t1, digits)));
}

QString eventList(const Report &r)
{
    QString h = QStringLiteral("<table><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th><th>%5</th></tr>")
                    .arg(T(QStringLiteral("Time")), T(QStringLiteral("Event")), T(QStringLiteral("Summary")),
                         T(QStringLiteral("Hosts")), T(QStringLiteral("First packets")));
    const size_t shown = std::min(r.timelineEvents.size(), kMaxListedEvents);
    for (size_t i = 0; i < shown; ++i) {
        const TimelineEvent &e = r.timelineEvents[i];
        h += QStringLiteral("<tr><td>%1</td><td title=\"%6\">%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                 .arg(esc(isoTimestamp(e.tNs, r.capture.timeDigits)), esc(timelineKindTitle(e.kind, language())), esc(localizedText(e.summary, e.summaryMessage, language())),
                      esc(e.hosts.join(QStringLiteral(", "))), packetList(e.packets), esc(e.kind));
    }
    h += QStringLiteral("</table>");
    if (shown < r.timelineEvents.size())
        h += QStringLiteral("<p class=\"sub\">%1</p>").arg(T(QStringLiteral("%1 more events are not listed.")).arg(r.timelineEvents.size() - shown));
    return h;
}
} // namespace

QString healthSection(const Report &r, bool russian)
{
    if (!r.health.present)
        return {};
    t_ru = russian;
    const LoadSection &load = r.health.load;
    QString h = QStringLiteral("<h2>%1</h2>").arg(T(QStringLiteral("Network health"))) + itemsTable(r.health.items)
                + tcpLine(r.health.tcp) + latencyTable(r.health.latency);
    if (load.peakNs)
        h += QStringLiteral("<p>%1: %2 · %3 %4 · %5 %6</p>")
                 .arg(T(QStringLiteral("Peak second")), esc(isoTimestamp(*load.peakNs, r.capture.timeDigits)),
                      QString::number(load.peakPackets), T(QStringLiteral("packets")), QString::number(load.peakBytes),
                      T(QStringLiteral("bytes")));
    return h;
}

QString chronologySection(const Report &r, bool russian)
{
    if (r.timelineEvents.empty())
        return {};
    t_ru = russian;
    return QStringLiteral("<h2>%1</h2>").arg(T(QStringLiteral("Chronology"))) + chronologyChart(r) + eventList(r);
}

} // namespace packetlens::HtmlHealth
