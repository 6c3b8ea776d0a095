// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 21: the findings' texts as catalogue messages, said in English (the
// report's exact strings) and Russian.
#include "core/report/findinglabels.h"
#include "core/report/message.h"
#include "core/report/report.h"

#include <QtTest>

using namespace packetlens;

class TestMessage : public QObject
{
    Q_OBJECT

private slots:
    void englishIsTheReportText()
    {
        const Message m = message("scan.summary", {QStringLiteral("10.0.0.1"), 997, QStringLiteral("10.0.0.2"), durationArg(5100000000ll), 4, 993, 0,
                                                   phraseArg(message("common.concat", {phraseArg(message("scan.extra.udp", {12}))})),
                                                   QStringLiteral("SYN")});
        QCOMPARE(renderMessage(m, QStringLiteral("en")),
                 QStringLiteral("10.0.0.1 probed 997 ports on 10.0.0.2 in 5.1 s (4 refused, 993 unanswered, 0 half-open, 12 UDP unanswered; SYN scan)"));
        QCOMPARE(renderMessage(m, QStringLiteral("ru")),
                 QStringLiteral("10.0.0.1 проверил порты 10.0.0.2 за 5,1 с, портов: 997 (отклонено: 4, без ответа: 993, полуоткрытых: 0, "
                                "UDP без ответа: 12; сканирование SYN)"));
    }

    void numbersFollowTheLanguage()
    {
        const Message m = message("dhcp.summary", {12345, 2, 3, 4, durationArg(90ll * 60 * 1000000000), phraseArg(message("flood.rate", {1500}))});
        const QString en = renderMessage(m, QStringLiteral("en"));
        QVERIFY2(en.contains(QLatin1String("DHCP flood: 12345 DHCP messages")) && en.contains(QLatin1String("in 90.0 min (peak 1500/s)")), qPrintable(en));
        const QString ru = renderMessage(m, QStringLiteral("ru"));
        QVERIFY2(ru.contains(QStringLiteral("сообщений DHCP: 12\u00a0345")) && ru.contains(QStringLiteral("за 90,0 мин (пик 1\u00a0500/с)")), qPrintable(ru));
        QCOMPARE(renderMessage(message("beacon.threshold", {20, numberArg(0.8)}), QStringLiteral("ru")),
                 QStringLiteral("≥20 обращений, оценка ≥0,8 (асимметрия, MAD/медиана, охват)"));
        QCOMPARE(localizedDuration(250000000, QStringLiteral("ru")), QStringLiteral("250 мс"));
        QCOMPARE(localizedDuration(3ll * 3600 * 1000000000, QStringLiteral("en")), QStringLiteral("3.0 h"));
    }

    // Arguments are never scanned again: data holding "%2" stays as it is;
    // a '%' not followed by a digit is a percent sign.
    void argumentsAreData()
    {
        const Message m = message("flood.summary", {10, phraseArg(message("flood.what.udp")), QStringLiteral("host%2"), QStringLiteral("%1"),
                                                    QStringLiteral("x"), 5, QString(), QString()});
        QCOMPARE(renderMessage(m, QStringLiteral("en")), QStringLiteral("10 unanswered UDP packets to host%2 from %1, x; 5% answered"));
        QCOMPARE(renderMessage(m, QStringLiteral("ru")), QStringLiteral("UDP-пакеты без ответа (10 шт.) на host%2 от %1, x; отвечено 5%"));
    }

    void nestedPhrasesListsAndCategories()
    {
        const Message inner = message("flood.who.most", {40, QStringLiteral("10.1.1.1")});
        const Message m = message("merged.summary", {phraseArg(message("flood.who.spoofed", {phraseArg(inner)})), 3, categoryArg(QStringLiteral("port_scan")),
                                                     QStringLiteral("s"), QStringLiteral("10.1.1.1"), 9});
        QCOMPARE(renderMessage(m, QStringLiteral("en")),
                 QStringLiteral("40 sources, most from 10.1.1.1 (they look spoofed: about one packet per source) — and 3 more port_scan "
                                "findings from 10.1.1.1 (9 destinations in all)"));
        QVERIFY(renderMessage(m, QStringLiteral("ru")).contains(QStringLiteral("«Сканирование портов»")));
        QCOMPARE(renderMessage(message("arp.burst.summary", {QStringLiteral("m"), 7, 10, listArg(QStringList{QStringLiteral("a"), QStringLiteral("b")})}),
                               QStringLiteral("en")),
                 QStringLiteral("m sent 7 gratuitous or unsolicited ARP replies within 10 s for a, b"));
    }

    // A message survives the JSON report, and a reader without the id (or
    // with none) shows the English string.
    void jsonRoundTripAndFallback()
    {
        const Message m = message("sweep.summary", {QStringLiteral("10.0.0.9"), 60, phraseArg(message("sweep.how.tcp", {445})), durationArg(2000000000), 5});
        QCOMPARE(Message::fromJson(m.toJson()), m);
        QVERIFY(Message::fromJson(QJsonValue(QStringLiteral("x"))).isEmpty());
        ReportFinding f;
        f.summary = QStringLiteral("English text");
        QCOMPARE(findingSummaryText(f, QStringLiteral("ru")), f.summary);
        f.summaryMessage = Message{QStringLiteral("no.such.id"), {}};
        QCOMPARE(findingSummaryText(f, QStringLiteral("ru")), f.summary);
        f.summaryMessage = m;
        QVERIFY(findingSummaryText(f, QStringLiteral("ru")).contains(QStringLiteral("пробы на порт TCP 445")));
        QCOMPARE(findingSummaryText(f, QStringLiteral("en")), f.summary); // English is the report's own text
        Recommendation r;
        r.category = QStringLiteral("brute_force");
        r.text = QStringLiteral("English advice");
        QVERIFY(recommendationText(r, QStringLiteral("ru")).startsWith(QStringLiteral("Заблокируйте")));
    }

    // A phrase from a newer catalogue: the whole text falls back to English
    // rather than showing a sentence with a hole; a list may bring its own separator.
    void unknownPhraseFallsBackAndListsTakeASeparator()
    {
        ReportFinding f;
        f.summary = QStringLiteral("English");
        f.summaryMessage = message("dns.summary", {QStringLiteral("10.0.0.1"), 3, phraseArg(message("dns.no_such_phrase")), listArg(QStringList()), QString()});
        QCOMPARE(renderMessage(f.summaryMessage, QStringLiteral("ru")), QString());
        QCOMPARE(findingSummaryText(f, QStringLiteral("ru")), f.summary);
        const QJsonValue also = QJsonObject{{QStringLiteral("list"), QJsonArray{phraseArg(message("arp.claim.also", {QStringLiteral("10.0.0.7")})),
                                                                                  phraseArg(message("arp.claim.also", {QStringLiteral("10.0.0.8")}))}},
                                            {QStringLiteral("sep"), QString()}};
        const Message m = message("arp.claim.summary", {QStringLiteral("aa"), QStringLiteral("10.0.0.6"), QStringLiteral("bb"),
                                                        phraseArg(message("arp.claim.earlier")), 4, 1, also});
        QCOMPARE(renderMessage(m, QStringLiteral("en")),
                 QStringLiteral("aa claimed 10.0.0.6, which bb also claims earlier (4 ARP messages, 1 unsolicited replies); also claimed 10.0.0.7; "
                                "also claimed 10.0.0.8"));
    }

    // Every catalogue row has Russian that names only arguments English has,
    // and every finding category has its advice.
    void catalogueIsTranslated()
    {
        const QStringList ids = messageIds();
        QVERIFY(ids.size() > 100);
        QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), ids.size()); // no id twice
        for (const QString &id : ids)
            QVERIFY2(messageTranslated(id), qPrintable(id));
        for (const QString &c : titledCategories())
            QVERIFY2(messageTranslated(QStringLiteral("advice.") + c), qPrintable(c));
    }
};

QTEST_GUILESS_MAIN(TestMessage)
#include "tst_message.moc"
