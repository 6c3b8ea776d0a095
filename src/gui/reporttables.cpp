// SPDX-License-Identifier: GPL-3.0-or-later
#include "reporttables.h"

#include "i18n.h"

#include "core/decode/ipaddress.h"
#include "core/report/findinglabels.h"
#include "core/report/timeformat.h"
#include "core/util/format.h"

#include <QDateTime>
#include <QLocale>
#include <QCoreApplication>
#include <QJsonArray>

namespace packetlens::gui {

namespace {
QString tr(const char *s)
{
    return QCoreApplication::translate("packetlens::gui::ReportTables", s);
}

template<typename Row>
typename RowTableModel<Row>::Column column(const char *title, std::function<QVariant(const Row &)> value, bool numeric = false)
{
    typename RowTableModel<Row>::Column c;
    c.title = [title] { return tr(title); };
    c.value = std::move(value);
    c.numeric = numeric;
    return c;
}

template<typename Row>
typename RowTableModel<Row>::Column addressColumn(const char *title, QString Row::*member)
{
    auto c = column<Row>(title, [member](const Row &r) { return QVariant(r.*member); });
    c.sortValue = [member](const Row &r) { return QVariant(addressSortKey(r.*member)); };
    return c;
}

template<typename Row>
typename RowTableModel<Row>::Column timeColumn(const char *title, int64_t Row::*member, const int *digits)
{
    // ISO-8601 text sorts as the time it names.
    return column<Row>(title, [member, digits](const Row &r) { return QVariant(isoTimestamp(r.*member, *digits)); });
}

template<typename Row>
typename RowTableModel<Row>::Column severityColumn(const char *title, std::function<int(const Row &)> rank)
{
    auto c = column<Row>(title, [rank](const Row &r) { return QVariant(rank(r)); });
    c.display = [](const QVariant &v) { return v.toInt() < 0 ? QString() : severityText(Severity(v.toInt())); };
    return c;
}

// A finding category: its identifier sorts and is copied, its title in the UI language is shown.
template<typename Row>
typename RowTableModel<Row>::Column categoryColumn(const char *title, std::function<QVariant(const Row &)> value)
{
    auto c = column<Row>(title, std::move(value));
    c.display = [](const QVariant &v) { return categoryTitle(v.toString(), currentLanguage()); };
    return c;
}

// Ports and identifiers: plain digits, never grouped ("8080", not "8,080").
template<typename Row>
typename RowTableModel<Row>::Column plainColumn(typename RowTableModel<Row>::Column c)
{
    c.display = [](const QVariant &v) { return v.toString(); };
    return c;
}

int rankOfName(const QJsonValue &v)
{
    const std::optional<Severity> s = severityFromName(v.toString());
    return s ? int(*s) : -1;
}

HistoryModel::Column jsonColumn(const char *context, const char *title, const char *key, bool numeric = false)
{
    HistoryModel::Column c;
    c.title = [context, title] { return QCoreApplication::translate(context, title); };
    const QString k = QString::fromLatin1(key);
    c.value = [k](const QJsonObject &o) {
        const QJsonValue v = o.value(k);
        if (!v.isArray())
            return v.toVariant();
        QStringList parts;
        for (const QJsonValue &x : v.toArray())
            parts << x.toVariant().toString();
        return QVariant(parts.join(QStringLiteral(", ")));
    };
    c.numeric = numeric;
    return c;
}
} // namespace

QString analysisStatusText(const QString &status)
{
    static const char *const kStatuses[] = {QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "queued"),
                                            QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "running"),
                                            QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "done"),
                                            QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "failed"),
                                            QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "cancelled"),
                                            QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "interrupted")};
    for (const char *s : kStatuses)
        if (status == QLatin1String(s))
            return tr(s);
    return status;
}

QString addressSortKey(const QString &address)
{
    IpAddress a;
    if (!IpAddress::parse(address.toStdString(), a))
        return QStringLiteral("9") + address; // MACs and names after addresses
    QString key = QString::number(a.family);
    const int n = a.family == 4 ? 4 : 16;
    for (int i = 0; i < n; ++i)
        key += QStringLiteral("%1").arg(a.bytes[i], 2, 16, QChar(u'0'));
    return key;
}

QString severityText(Severity severity)
{
    switch (severity) {
    case Severity::Critical: return QCoreApplication::translate("packetlens::gui::ReportTables", "critical");
    case Severity::High: return QCoreApplication::translate("packetlens::gui::ReportTables", "high");
    case Severity::Medium: return QCoreApplication::translate("packetlens::gui::ReportTables", "medium");
    case Severity::Low: return QCoreApplication::translate("packetlens::gui::ReportTables", "low");
    case Severity::Info: return QCoreApplication::translate("packetlens::gui::ReportTables", "info");
    }
    return {};
}

QList<HostModel::Column> hostColumns(const int *digits)
{
    return {addressColumn<Endpoint>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Address"), &Endpoint::ip),
            column<Endpoint>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Packets sent"), [](const Endpoint &e) { return QVariant(e.packetsSent); }, true),
            column<Endpoint>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Packets received"), [](const Endpoint &e) { return QVariant(e.packetsReceived); }, true),
            column<Endpoint>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Bytes sent"), [](const Endpoint &e) { return QVariant(e.bytesSent); }, true),
            column<Endpoint>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Bytes received"), [](const Endpoint &e) { return QVariant(e.bytesReceived); }, true),
            timeColumn<Endpoint>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "First seen"), &Endpoint::firstNs, digits),
            timeColumn<Endpoint>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Last seen"), &Endpoint::lastNs, digits)};
}

QString connStateText(const QString &code)
{
    static const std::pair<const char *, const char *> states[] = {
        {"S0", QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "connection attempt, no reply")},
        {"S1", QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "established, not closed")},
        {"SF", QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "established and closed normally")},
        {"REJ", QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "attempt rejected (RST to the SYN)")},
        {"S2", QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "established; the originator began closing, no answer")},
        {"S3", QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "established; the responder began closing, no answer")},
        {"RSTO", QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "established; the originator aborted it (RST)")},
        {"RSTR", QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "established; the responder aborted it (RST)")},
        {"RSTOS0", QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "the originator sent SYN then RST; no SYN-ACK seen")},
        {"RSTRH", QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "the responder sent SYN-ACK then RST; no SYN seen")},
        {"SH", QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "the originator sent SYN then FIN; no SYN-ACK seen (half open)")},
        {"SHR", QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "the responder sent SYN-ACK then FIN; no SYN seen")},
        {"OTH", QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "no SYN seen: traffic from mid-connection")},
    };
    if (code.isEmpty()) {
        QStringList legend{QCoreApplication::translate("packetlens::gui::ReportTables", "Zeek's connection states (TCP):")};
        for (const auto &[name, text] : states)
            legend << QStringLiteral("%1 — %2").arg(QLatin1String(name), QCoreApplication::translate("packetlens::gui::ReportTables", text));
        return legend.join(u'\n');
    }
    for (const auto &[name, text] : states)
        if (code == QLatin1String(name))
            return QStringLiteral("%1 — %2").arg(code, QCoreApplication::translate("packetlens::gui::ReportTables", text));
    return {};
}

QList<ConversationModel::Column> conversationColumns(const int *digits)
{
    using C = Conversation;
    auto state = column<C>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "State"), [](const C &c) { return QVariant(c.state); });
    state.tip = [](const QVariant &v) { return connStateText(v.toString()); };
    state.headerTip = [] { return connStateText(QString()); };
    return {column<C>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Protocol"), [](const C &c) { return QVariant(c.proto); }),
            addressColumn<C>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Address A"), &C::src),
            plainColumn<C>(column<C>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Port A"), [](const C &c) { return QVariant(c.sport); }, true)),
            addressColumn<C>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Address B"), &C::dst),
            plainColumn<C>(column<C>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Port B"), [](const C &c) { return QVariant(c.dport); }, true)),
            state,
            column<C>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Packets"), [](const C &c) { return QVariant(c.packets); }, true),
            column<C>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Bytes"), [](const C &c) { return QVariant(c.bytes); }, true),
            column<C>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Bytes A→B"), [](const C &c) { return QVariant(c.bytesSrc); }, true),
            column<C>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Bytes B→A"), [](const C &c) { return QVariant(c.bytesDst); }, true),
            timeColumn<C>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Start"), &C::firstNs, digits),
            timeColumn<C>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "End"), &C::lastNs, digits)};
}

QList<FindingModel::Column> findingColumns()
{
    using F = ReportFinding;
    auto id = column<F>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "ID"), [](const F &f) { return QVariant(f.id); });
    id.sortValue = [](const F &f) { return QVariant(f.id.mid(1).toLongLong()); }; // "F12" after "F9"
    return {id,
            severityColumn<F>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Severity"), [](const F &f) { return int(f.severity); }),
            categoryColumn<F>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Category"), [](const F &f) { return QVariant(f.category); }),
            addressColumn<F>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Source"), &F::source),
            column<F>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Targets"), [](const F &f) { return QVariant(f.targets.join(QStringLiteral(", "))); }),
            column<F>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Summary"),
                      [](const F &f) { return QVariant(findingSummaryText(f, currentLanguage())); }),
            column<F>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Recommendation"),
                      [](const F &f) { return QVariant(findingRecommendationText(f, currentLanguage())); })};
}

QList<HistoryModel::Column> historyColumns()
{
    const char *ctx = "packetlens::gui::ReportTables";
    auto size = jsonColumn(ctx, QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Size"), "size_bytes", true);
    size.display = [](const QVariant &v) { return localBytes(v.toDouble()); };
    auto worst = severityColumn<QJsonObject>(QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Highest severity"),
                                             [](const QJsonObject &o) { return rankOfName(o.value(QStringLiteral("max_severity"))); });
    // When it was analyzed: the local date and time as the language writes them
    // (the ISO text, which sorts as the time, stays the value).
    auto analyzed = jsonColumn(ctx, QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Analyzed"), "finished");
    analyzed.display = [](const QVariant &v) {
        const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
        return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::ShortFormat) : v.toString();
    };
    analyzed.tip = [](const QVariant &v) { return v.toString(); };
    auto status = jsonColumn(ctx, QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Status"), "status");
    status.display = [](const QVariant &v) { return analysisStatusText(v.toString()); };
    return {plainColumn<QJsonObject>(jsonColumn(ctx, QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "ID"), "id", true)),
            analyzed,
            jsonColumn(ctx, QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Capture"), "file_name"),
            size,
            jsonColumn(ctx, QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Packets"), "packets", true),
            worst,
            jsonColumn(ctx, QT_TRANSLATE_NOOP("packetlens::gui::ReportTables", "Findings"), "findings", true),
            status};
}

QList<HistoryModel::Column> historyIpColumns()
{
    const char *ctx = "packetlens::gui::HistoryView";
    auto address = jsonColumn(ctx, QT_TRANSLATE_NOOP("packetlens::gui::HistoryView", "Address"), "ip");
    address.sortValue = [](const QJsonObject &o) { return QVariant(addressSortKey(o.value(QStringLiteral("ip")).toString())); };
    auto worst = jsonColumn(ctx, QT_TRANSLATE_NOOP("packetlens::gui::HistoryView", "Highest severity"), "max_severity");
    worst.value = [](const QJsonObject &o) { return QVariant(rankOfName(o.value(QStringLiteral("max_severity")))); };
    worst.display = [](const QVariant &v) { return v.toInt() < 0 ? QString() : severityText(Severity(v.toInt())); };
    auto categories = jsonColumn(ctx, QT_TRANSLATE_NOOP("packetlens::gui::HistoryView", "Categories"), "categories");
    categories.display = [](const QVariant &v) {
        QStringList titles;
        for (const QString &c : v.toString().split(QStringLiteral(", "), Qt::SkipEmptyParts))
            titles << categoryTitle(c, currentLanguage());
        return titles.join(QStringLiteral(", "));
    };
    return {address,
            jsonColumn(ctx, QT_TRANSLATE_NOOP("packetlens::gui::HistoryView", "Captures"), "captures", true),
            jsonColumn(ctx, QT_TRANSLATE_NOOP("packetlens::gui::HistoryView", "Findings"), "findings", true),
            worst,
            categories};
}

QString hostFilter(const Endpoint &e)
{
    return QStringLiteral("ip.addr==%1").arg(e.ip);
}

QString conversationFilter(const Conversation &c)
{
    QString f = QStringLiteral("ip.addr==%1 && ip.addr==%2").arg(c.src, c.dst);
    if (c.proto == QLatin1String("tcp") || c.proto == QLatin1String("udp"))
        f += QStringLiteral(" && %1.port==%2 && %1.port==%3").arg(c.proto).arg(c.sport).arg(c.dport);
    return f;
}

QString evidenceFilter(const ReportFinding &finding)
{
    QStringList n;
    for (qint64 p : finding.evidencePackets)
        n << QString::number(p);
    return n.isEmpty() ? QString() : QStringLiteral("frame.number in {%1}").arg(n.join(u' '));
}

} // namespace packetlens::gui
