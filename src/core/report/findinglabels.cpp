// SPDX-License-Identifier: GPL-3.0-or-later
#include "findinglabels.h"

#include "message.h"
#include "report.h"

#include <array>

namespace packetlens {

namespace {
struct Title {
    const char *id;
    const char *en;
    const char *ru; // UTF-8
};

// One row per category a detector raises (docs/detections.md).
constexpr std::array kCategoryTitles = {
    Title{"port_scan", "Port scan", "Сканирование портов"},
    Title{"host_sweep", "Host sweep", "Поиск узлов в сети"},
    Title{"syn_flood", "SYN flood", "SYN-флуд"},
    Title{"udp_flood", "UDP flood", "UDP-флуд"},
    Title{"tcp_flood", "TCP ACK/FIN flood", "TCP-флуд (ACK/FIN)"},
    Title{"icmp_flood", "ICMP flood", "ICMP-флуд"},
    Title{"ddos", "DDoS", "DDoS-атака"},
    Title{"dns_tunneling", "DNS tunnelling", "DNS-туннель"},
    Title{"icmp_tunneling", "ICMP tunnelling", "ICMP-туннель"},
    Title{"dga", "Generated domains (DGA)", "Сгенерированные домены (DGA)"},
    Title{"beaconing", "Beaconing", "Периодические обращения (маячок)"},
    Title{"brute_force", "Brute force", "Подбор паролей"},
    Title{"arp_spoofing", "ARP spoofing", "Подмена ARP"},
    Title{"name_poisoning", "LLMNR/NBT-NS poisoning", "Подмена ответов LLMNR/NBT-NS"},
    Title{"cleartext_credentials", "Cleartext credentials", "Учётные данные открытым текстом"},
    Title{"suspicious_port", "Suspicious port", "Подозрительный порт"},
    Title{"protocol_mismatch", "Protocol on an unusual port", "Протокол на необычном порту"},
    Title{"malformed_traffic", "Malformed traffic", "Искажённый трафик"},
    Title{"ioc_match", "Indicator of compromise", "Индикатор компрометации"},
};

// One row per kind of timeline event (docs/report-schema.md, timeline_events).
constexpr std::array kTimelineKindTitles = {
    Title{"capture_start", "Capture start", "Начало захвата"},
    Title{"capture_end", "Capture end", "Конец захвата"},
    Title{"capture_gap", "Silence", "Перерыв в трафике"},
    Title{"finding_start", "Finding starts", "Начало находки"},
    Title{"finding_end", "Finding ends", "Конец находки"},
    Title{"first_contact", "First contact", "Первый контакт"},
    Title{"first_query", "First DNS query", "Первый DNS-запрос"},
    Title{"new_service", "New service", "Новая служба"},
    Title{"retransmission_burst", "Retransmission burst", "Всплеск повторных передач"},
    Title{"health", "Health", "Состояние сети"},
};

constexpr std::array kSeverityRu = {"информация", "низкая", "средняя", "высокая", "критическая"};
constexpr std::array kSeverityEn = {"info", "low", "medium", "high", "critical"};
} // namespace

// The title of `id` in a table of titles; the id itself when it has none.
template<size_t N>
QString titleIn(const std::array<Title, N> &titles, const QString &id, const QString &language)
{
    const bool ru = language.startsWith(QLatin1String("ru"));
    for (const Title &t : titles)
        if (id == QLatin1String(t.id))
            return ru ? QString::fromUtf8(t.ru) : QString::fromLatin1(t.en);
    return id;
}

QString categoryTitle(const QString &category, const QString &language)
{
    return titleIn(kCategoryTitles, category, language);
}

QString severityTitle(Severity severity, const QString &language)
{
    const size_t i = size_t(severity);
    if (i >= kSeverityEn.size())
        return severityName(severity);
    return language.startsWith(QLatin1String("ru")) ? QString::fromUtf8(kSeverityRu[i]) : QString::fromLatin1(kSeverityEn[i]);
}

QStringList titledCategories()
{
    QStringList out;
    for (const Title &t : kCategoryTitles)
        if (*t.ru)
            out << QString::fromLatin1(t.id);
    return out;
}

QString findingSummaryText(const ReportFinding &f, const QString &language)
{
    return localizedText(f.summary, f.summaryMessage, language);
}

QString findingThresholdText(const ReportFinding &f, const QString &language)
{
    return localizedText(f.threshold, f.thresholdMessage, language);
}

QString findingRecommendationText(const ReportFinding &f, const QString &language)
{
    return localizedText(f.recommendation, f.recommendationMessage, language);
}

QString recommendationText(const Recommendation &r, const QString &language)
{
    return localizedText(r.text, Message{QStringLiteral("advice.") + r.category, {}}, language);
}

Message healthMeaning(const QString &kind)
{
    return Message{QStringLiteral("health.") + kind + QStringLiteral(".meaning"), {}};
}

QString healthSummaryText(const HealthItem &i, const QString &language)
{
    return localizedText(i.summary, i.summaryMessage, language);
}

QString healthMeaningText(const HealthItem &i, const QString &language)
{
    return localizedText(i.meaning, healthMeaning(i.kind), language);
}

QString timelineKindTitle(const QString &kind, const QString &language)
{
    return titleIn(kTimelineKindTitles, kind, language);
}

QStringList titledTimelineKinds()
{
    QStringList out;
    for (const Title &t : kTimelineKindTitles)
        out << QString::fromLatin1(t.id);
    return out;
}

QString healthKindTitle(const QString &kind, const QString &language)
{
    QString noun = renderMessage(Message{QStringLiteral("health.%1.noun").arg(kind), {}}, language);
    if (noun.isEmpty())
        return kind;
    noun[0] = noun.at(0).toUpper();
    return noun;
}

QString healthLevelTitle(const QString &level, const QString &language)
{
    if (!language.startsWith(QLatin1String("ru")))
        return level;
    if (level == QLatin1String("error"))
        return QStringLiteral("ошибка");
    if (level == QLatin1String("warning"))
        return QStringLiteral("предупреждение");
    if (level == QLatin1String("note"))
        return QStringLiteral("заметка");
    return level;
}

} // namespace packetlens
